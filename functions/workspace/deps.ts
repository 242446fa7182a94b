import { deliverNow } from '../../shared/adapters/ses/deliver-now.ts';
import { sesMailerFromEnvironment } from '../../shared/adapters/ses/mailer.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { linkKeyFromEnvironment } from '../../shared/config/link-key.ts';
import { stores } from './stores.ts';

/**
 * The stores and the mailer, for the pages that email or sign provider links (the meetings function's
 * pages): booking sends invites, sharing and casework email the provider's contacts their signed links.
 */
// The mailer reads (and checks) its own sender settings.
const config = readEnv([ENV.providersTable, ENV.meetingsTable]);
const mailer = sesMailerFromEnvironment();
export const deps = {
  ...stores,
  mailer,
  // Invites and shares are written to the delivery ledger with the change, then sent (issue 12 item 11).
  deliver: deliverNow({ mailer, meetingsTable: config.MEETINGS_TABLE, providersTable: config.PROVIDERS_TABLE }),
};
// Top-level await: the link key is read once, at cold start (sharing a template signs provider links).
export const linkKey = await linkKeyFromEnvironment();
