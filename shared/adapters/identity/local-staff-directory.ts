import type { StaffDirectory } from '../../use-cases/staff-directory.ts';
import { signOutEverywhereLocally } from './local-sign-out.ts';

/**
 * The local stack's directory. The local issuer keeps no groups of its own: `npm run token`
 * (infra/local/token.ts) signs each token with the roles stored for that member of staff at that
 * moment and refuses a leaver, so the stored record is already the local issuer's view. Signing out
 * everywhere reaches the local issuer in the same process (./local-sign-out.ts).
 */
export class LocalStaffDirectory implements StaffDirectory {
  async changeGroups(): Promise<void> {}
  async disableSignIn(): Promise<void> {}
  async syncSignIn(): Promise<void> {}
  async signOutEverywhere(staffId: string): Promise<void> {
    signOutEverywhereLocally(staffId);
  }
}
