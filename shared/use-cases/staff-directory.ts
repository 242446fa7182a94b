import type { StaffRole } from '../domain/vocabulary.ts';

/**
 * Where staff sign in: its groups must follow the roles stored here (R-TEAM-5: people change role),
 * and a leaver must no longer sign in. In AWS that is the Cognito user pool (AdminAddUserToGroup,
 * AdminRemoveUserFromGroup, AdminDisableUser); locally, the issuer signs from the stored roles.
 */
export interface StaffDirectory {
  changeGroups(staffId: string, added: readonly StaffRole[], removed: readonly StaffRole[]): Promise<void>;
  disableSignIn(staffId: string): Promise<void>;
  /**
   * Bring the member's sign-in into step with what is stored, whatever happened before: exactly the groups
   * of `roles` among the role groups, and sign-in disabled when `signIn` is false. Safe to repeat.
   */
  syncSignIn(staffId: string, roles: readonly StaffRole[], signIn: boolean): Promise<void>;
  /**
   * Sign the member out everywhere at the identity provider (issue 15): every refresh token issued to them stops
   * working, so no browser, device or script they signed in from can get a new access token. In AWS that is
   * Cognito's AdminUserGlobalSignOut; locally, the local issuer forgets every refresh token it issued to them.
   */
  signOutEverywhere(staffId: string): Promise<void>;
}
