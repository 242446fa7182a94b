import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface WorkspaceSignInProps {
  userPool: cognito.UserPool;
  /** The workspace's origin, e.g. https://engagement.regulator.example (CDK context `workspaceUrl`). */
  workspaceUrl: string;
  /** The managed login domain's prefix: https://<prefix>.auth.<region>.amazoncognito.com (context `authDomainPrefix`). */
  domainPrefix: string;
}

/**
 * How staff sign in to the workspace (issue 15): Cognito managed login on the pool's own domain, and an
 * app client for the workspace that uses the OAuth 2.0 authorization code grant only, with no client
 * secret (the workspace sends a PKCE S256 challenge on every sign-in instead), OpenID scopes, token
 * revocation (sign-out revokes the refresh token), and the callback and sign-out URLs of the workspace.
 * Managed login: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html
 * PKCE with public clients: https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html
 */
export class WorkspaceSignIn extends Construct {
  readonly domain: cognito.UserPoolDomain;
  readonly client: cognito.UserPoolClient;
  readonly callbackUrl: string;
  readonly signOutUrl: string;

  constructor(scope: Construct, id: string, props: WorkspaceSignInProps) {
    super(scope, id);
    this.callbackUrl = `${props.workspaceUrl}/workspace/auth/callback`;
    this.signOutUrl = `${props.workspaceUrl}/workspace/sign-out`;

    this.domain = props.userPool.addDomain('ManagedLoginDomain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    this.client = props.userPool.addClient('WorkspaceClient', {
      generateSecret: false,
      // No password flows for this client: the browser signs in on managed login only; refresh stays allowed.
      authFlows: { user: false, userPassword: false, userSrp: false, custom: false, adminUserPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.callbackUrl],
        logoutUrls: [this.signOutUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // The session's absolute limit (shared/domain/workspace/session.ts): a refresh token never outlives it.
      refreshTokenValidity: Duration.hours(12),
    });

    // The newer managed login shows nothing until the client has a style: Cognito's own.
    new cognito.CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }
}
