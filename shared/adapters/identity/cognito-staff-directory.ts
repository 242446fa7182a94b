import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StaffRole } from '../../domain/vocabulary.ts';
import { logger } from '../../observability/logger.ts';
import type { StaffDirectory } from '../../use-cases/staff-directory.ts';

/** The IAM actions this adapter needs on the staff user pool; infra grants exactly these. */
export const STAFF_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
] as const;

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

  private async ifUserExists(staffId: string, change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
      logger.info('No sign-in user for this member of staff yet: nothing to change', { staffId });
    }
  }
}
