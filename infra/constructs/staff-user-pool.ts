import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface StaffUserPoolProps {
  /** One Cognito group per role; tokens carry them in cognito:groups, which the functions check. */
  groups: readonly string[];
  /** The stack's sender: Cognito mails invitations and password resets through SES as this address. */
  senderAddress: string;
  /** The verified SES domain identity senderAddress belongs to. */
  senderDomain: string;
}

/**
 * Sign-in for regulator staff only: accounts are created by an administrator (no self sign-up),
 * passwords are long and mixed, and a TOTP second factor is required. The pool holds identities,
 * so it is retained, protected from deletion and created in the stateful stack.
 */
export class StaffUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: StaffUserPoolProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      // The user name is the staff id from POST /staff (the functions read it from the token's username
      // claim); email is an alias to sign in with. Email alone would make Cognito generate the user name.
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      // Through the stack's SES identity rather than Cognito's default sender and its small daily cap
      // (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html). Cognito sends with its
      // service-linked role, so the identity needs no sending authorization policy
      // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-ses-authorization-to-send-email.html).
      email: cognito.UserPoolEmail.withSES({
        fromEmail: props.senderAddress,
        fromName: 'Provider Engagement',
        sesVerifiedDomain: props.senderDomain,
        sesRegion: Stack.of(this).region,
      }),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection needs the Plus feature plan, billed per active user: a cost decision for the service ' +
        'owner. Sign-up is closed and every staff sign-in needs a TOTP second factor, which covers the main risk ' +
        '(reused or phished passwords).',
    });

    for (const group of props.groups) {
      this.userPool.addGroup(`Group-${group}`, { groupName: group, description: `Staff role ${group}` });
    }

    // The web client signs in with SRP and sends the access token; no hosted UI, so no OAuth flows.
    this.client = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }
}
