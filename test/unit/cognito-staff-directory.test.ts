import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CognitoStaffDirectory } from '../../shared/adapters/identity/cognito-staff-directory.ts';

/**
 * The Cognito directory (R-TEAM-5). No local Cognito runs here, so the client's `send` is replaced
 * only to see what would be asked and to inject the faults Cognito answers with. AdminListGroupsForUser answers a
 * page of groups and a NextToken
 * (https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/CognitoIdentityProvider/TAdminListGroupsForUserRequest.html).
 */
const POOL = 'eu-west-2_example';
const directory = new CognitoStaffDirectory(POOL);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('keeping Cognito groups in step (R-TEAM-5)', () => {
  it('adds the groups of new roles and removes those of dropped roles, for the user named by staff id', async () => {
    const send = vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockResolvedValue({} as never);

    await directory.changeGroups('01J0000000000000000000ZZZZ', ['inspector'], ['assessor']);

    const sent = send.mock.calls.map(([command]) => command);
    expect(sent[0]).toBeInstanceOf(AdminAddUserToGroupCommand);
    expect(sent[0]?.input).toEqual({
      UserPoolId: POOL,
      Username: '01J0000000000000000000ZZZZ',
      GroupName: 'inspector',
    });
    expect(sent[1]).toBeInstanceOf(AdminRemoveUserFromGroupCommand);
    expect(sent[1]?.input).toMatchObject({ GroupName: 'assessor' });
  });

  it('disables a leaver’s user', async () => {
    const send = vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockResolvedValue({} as never);

    await directory.disableSignIn('01J0000000000000000000ZZZZ');

    expect(send.mock.calls[0]?.[0]).toBeInstanceOf(AdminDisableUserCommand);
  });

  it('has nothing to change for staff not yet given a sign-in user', async () => {
    vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockRejectedValue(
      new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }),
    );

    await expect(directory.disableSignIn('01J0000000000000000000ZZZZ')).resolves.toBeUndefined();
  });

  it('lets any other failure through, so the caller answers an error rather than pretend', async () => {
    vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockRejectedValue(new Error('throttled'));

    await expect(directory.changeGroups('01J0000000000000000000ZZZZ', ['inspector'], [])).rejects.toThrow('throttled');
  });

  it('syncs to exactly the stored roles whatever the groups were, leaving groups not named for a role alone', async () => {
    const send = vi
      .spyOn(CognitoIdentityProviderClient.prototype, 'send')
      .mockImplementation((async (command: unknown) =>
        command instanceof AdminListGroupsForUserCommand
          ? { Groups: [{ GroupName: 'assessor' }, { GroupName: 'inspector' }, { GroupName: 'pilot-users' }] }
          : {}) as never);

    await directory.syncSignIn('01J0000000000000000000ZZZZ', ['inspector', 'inspection-manager'], true);

    const sent = send.mock.calls.map(([command]) => command);
    expect(sent.filter((c) => c instanceof AdminAddUserToGroupCommand).map((c) => c.input)).toEqual([
      expect.objectContaining({ GroupName: 'inspection-manager' }),
    ]);
    expect(sent.filter((c) => c instanceof AdminRemoveUserFromGroupCommand).map((c) => c.input)).toEqual([
      expect.objectContaining({ GroupName: 'assessor' }),
    ]);
    expect(sent.some((c) => c instanceof AdminDisableUserCommand)).toBe(false);
  });

  it('finishes a sync a fault cut short when run again, and asks nothing more once in step (idempotent)', async () => {
    const groups = new Set(['assessor']);
    let failNextAdd = true;
    vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockImplementation((async (command: unknown) => {
      if (command instanceof AdminListGroupsForUserCommand)
        return { Groups: [...groups].map((GroupName) => ({ GroupName })) };
      if (command instanceof AdminAddUserToGroupCommand) {
        if (failNextAdd) {
          failNextAdd = false;
          throw new Error('throttled');
        }
        groups.add(String(command.input.GroupName));
      }
      if (command instanceof AdminRemoveUserFromGroupCommand) groups.delete(String(command.input.GroupName));
      return {};
    }) as never);

    await expect(directory.syncSignIn('01J0000000000000000000ZZZZ', ['inspector'], true)).rejects.toThrow('throttled');
    await directory.syncSignIn('01J0000000000000000000ZZZZ', ['inspector'], true);
    await directory.syncSignIn('01J0000000000000000000ZZZZ', ['inspector'], true);

    expect([...groups]).toEqual(['inspector']);
  });

  it('disables a leaver’s sign-in as part of the sync', async () => {
    const send = vi
      .spyOn(CognitoIdentityProviderClient.prototype, 'send')
      .mockImplementation((async (command: unknown) =>
        command instanceof AdminListGroupsForUserCommand ? { Groups: [] } : {}) as never);

    await directory.syncSignIn('01J0000000000000000000ZZZZ', ['inspector'], false);

    expect(send.mock.calls.some(([command]) => command instanceof AdminDisableUserCommand)).toBe(true);
  });

  it('signs the user out everywhere with AdminUserGlobalSignOut, which invalidates every refresh token (issue 15)', async () => {
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html
    const send = vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockResolvedValue({} as never);

    await directory.signOutEverywhere('01J0000000000000000000ZZZZ');

    expect(send.mock.calls[0]?.[0]).toBeInstanceOf(AdminUserGlobalSignOutCommand);
    expect(send.mock.calls[0]?.[0].input).toEqual({ UserPoolId: POOL, Username: '01J0000000000000000000ZZZZ' });
  });
});
