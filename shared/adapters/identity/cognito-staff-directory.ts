import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { STAFF_ROLES, type StaffRole } from '../../domain/vocabulary.ts';
import { logger } from '../../observability/logger.ts';
import type { StaffDirectory } from '../../use-cases/staff-directory.ts';

/** The IAM actions this adapter needs on the staff user pool; infra grants exactly these. */
export const STAFF_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminListGroupsForUser',
] as const;

/**
 * The one action the workspace's sign-out needs besides (issue 15: sign out everywhere). Granted only to the
 * workspace, on the staff user pool only: AdminUserGlobalSignOut is authorised on the user pool ARN
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html).
 */
export const STAFF_SIGN_OUT_ACTIONS = ['cognito-idp:AdminUserGlobalSignOut'] as const;

const client = new CognitoIdentityProviderClient({});

/**
 * Keeps the Cognito user pool in step with staff records (R-TEAM-5). The user name is the staff id
 * (infra/constructs/staff-user-pool.ts); groups are named for roles. A member of staff registered
 * here but not yet given a Cognito user has nothing to change: their user is created with the
 * groups of their roles at that time (README, "Deploying").
 */
export class CognitoStaffDirectory implements StaffDirectory {
  constructor(private readonly userPoolId: string) {}

  async changeGroups(staffId: string, added: readonly StaffRole[], removed: readonly StaffRole[]): Promise<void> {
    await this.ifUserExists(staffId, async () => {
      for (const role of added) {
        await client.send(
          new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: staffId, GroupName: role }),
        );
      }
      for (const role of removed) {
        await client.send(
          new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: staffId, GroupName: role }),
        );
      }
    });
  }

  async disableSignIn(staffId: string): Promise<void> {
    await this.ifUserExists(staffId, () =>
      client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: staffId })),
    );
  }

  /**
   * Idempotent: reads the user's groups (every page), adds the missing role groups and removes the role groups
   * of roles no longer held (groups not named for a role are left alone), then disables a leaver. Run again
   * after any partial failure, it finishes the job and changes nothing more.
   */
  async syncSignIn(staffId: string, roles: readonly StaffRole[], signIn: boolean): Promise<void> {
    await this.ifUserExists(staffId, async () => {
      const current = new Set<string>();
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: staffId, NextToken: nextToken }),
        );
        for (const group of page.Groups ?? []) if (group.GroupName) current.add(group.GroupName);
        nextToken = page.NextToken;
      } while (nextToken);
      const added = roles.filter((role) => !current.has(role));
      const removed = STAFF_ROLES.filter((role) => current.has(role) && !roles.includes(role));
      await this.changeGroups(staffId, added, removed);
      if (!signIn) await client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: staffId }));
    });
  }

  /**
   * AdminUserGlobalSignOut invalidates every refresh token Cognito issued to the user, so no other browser can
   * renew its access token (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html).
   * Access tokens already issued live until they expire (an hour at most); the workspace's own sessions end first.
   */
  async signOutEverywhere(staffId: string): Promise<void> {
    await this.ifUserExists(staffId, () =>
      client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: staffId })),
    );
  }

  private async ifUserExists(staffId: string, change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
      logger.info('No sign-in user for this member of staff yet: nothing to change', { staffId });
    }
  }
}
