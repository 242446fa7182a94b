import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * One SES v2 client per container. Locally the endpoint comes from AWS_ENDPOINT_URL_SESV2
 * (aws-ses-v2-local), which the SDK reads itself.
 */
export const sesClient = new SESv2Client({});

/** Health probe: SES answers for this account and sending is enabled. */
export const sesProbe = async (): Promise<void> => {
  const account = await sesClient.send(new GetAccountCommand({}));
  if (account.SendingEnabled === false) throw new Error('sending disabled');
};
