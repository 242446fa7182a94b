import type { StaffDirectory } from '../../use-cases/staff-directory.ts';
import { CognitoStaffDirectory } from './cognito-staff-directory.ts';
import { LocalStaffDirectory } from './local-staff-directory.ts';

/** Cognito where infra names the user pool (ENV.staffUserPoolId); the local directory otherwise. */
export const staffDirectoryFor = (userPoolId: string | undefined): StaffDirectory =>
  userPoolId ? new CognitoStaffDirectory(userPoolId) : new LocalStaffDirectory();
