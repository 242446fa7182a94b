import type { TableId } from './tables.ts';

/**
 * The Lambda functions, declared once. infra/ builds one AppFunction per entry and grants
 * exactly the table access listed; the local HTTP adapter, scheduler and event bus import the
 * same handler files. Entry paths are relative to the repository root.
 */
/** 'append': PutItem only (the audit trail); 'readAppend': reads and PutItem. */
export type TableAccess = 'read' | 'readWrite' | 'append' | 'readAppend';

export interface FunctionDefinition {
  id: FunctionId;
  entry: string;
  description: string;
  tables: Partial<Record<TableId, TableAccess>>;
  /** Sends email through SES with the stack's configuration set. */
  sendsEmail: boolean;
  /**
   * Has the sender settings but may not send: composes the jobs function's mailer for a dry run, which sends
   * nothing (the workspace's run pages); a send would be refused by IAM rather than go out.
   */
  composesEmail?: boolean;
  /** Reads the SES account state (health checks). */
  readsEmailAccount: boolean;
  /** Publishes domain events (shared/definitions/events.ts) to the stack's event bus. */
  publishesEvents: boolean;
  /** Files (repository paths) copied beside the bundle, read at run time. */
  bundledFiles?: readonly string[];
  /** Makes or checks signed provider links or page tokens (nextToken): reads the link key secret. */
  signsLinks?: boolean;
  /** Changes staff roles or records leavers: keeps the staff user pool's groups in step, disables leavers (R-TEAM-5). */
  managesSignIn?: boolean;
  /** Reads uploads from and writes reports to the register import's bucket (issue 16). */
  usesImportsBucket?: boolean;
  /** Emails staff a link to the workspace page where the work is done (issue 15): gets WORKSPACE_ORIGIN. */
  linksToWorkspace?: boolean;
  /**
   * Serves staff workspace pages (issue 15), checking each request's session: gets the sessions table's
   * session check and the sign-in settings (issuer, app client, managed login, origin). The workspace is
   * split by page group (issue 17), each function granted only what its own pages do.
   */
  workspace?: {
    /** Signs staff in and out; its sign-out signs them out everywhere (AdminUserGlobalSignOut). */
    signsIn?: boolean;
    /** Hands a real job run to the jobs function (asynchronous invoke, that function only). */
    startsJobs?: boolean;
    /** Links to register import reports: presigned GETs under reports/ of the imports bucket only. */
    readsImportReports?: boolean;
    /** Previews a share's email through SES (TestRenderEmailTemplate), sending nothing. */
    previewsEmail?: boolean;
  };
  timeoutSeconds: number;
  memoryMb: number;
  /** /tmp beyond Lambda's 512 MB default: the register import spills its shards there (issue 16). */
  ephemeralStorageMb?: number;
}

export const FUNCTION_IDS = [
  'system',
  'providers',
  'staff',
  'relationships',
  'meetings',
  'fallback',
  'jobs',
  'notifications',
  'respond',
  'contact',
  'workspace',
  'workspace-meetings',
  'workspace-admin',
  'imports',
  'register-import',
] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];

/**
 * GOV.UK Frontend and MOJ Frontend, read on a workspace function's first page (never at cold start): the layout
 * names each asset by a hash of its content (shared/adapters/http/workspace/assets.ts), so every workspace
 * function carries them, though only the workspace function serves them.
 */
const WORKSPACE_ASSETS = [
  'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css',
  'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js',
  'node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.css',
  'node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js',
] as const;

const api = { timeoutSeconds: 10, memoryMb: 512, sendsEmail: false, readsEmailAccount: false, publishesEvents: false };

export const FUNCTIONS: Readonly<Record<FunctionId, FunctionDefinition>> = {
  respond: {
    ...api,
    id: 'respond',
    entry: 'functions/respond/handler.ts',
    description: 'Provider pages: the shared pre-meeting template, and comments through a signed link',
    // Comments are stored beside the meeting, with the holder's email in the outbox (the delivery ledger);
    // their audit entries go to the audit trail. It sends that email itself (paced to the account's rate).
    tables: { providers: 'readWrite', meetings: 'readWrite', audit: 'append' },
    sendsEmail: true,
    readsEmailAccount: true,
    signsLinks: true,
    // The holder's notice of comments links to the meeting's template in the workspace (issue 15).
    linksToWorkspace: true,
    // GOV.UK Frontend built with the system font stack (npm run build:css): no GDS Transport, no /assets/fonts.
    bundledFiles: ['shared/adapters/http/pages/govuk-frontend.min.css'],
  },
  system: {
    ...api,
    id: 'system',
    entry: 'functions/system/handler.ts',
    description: 'Health of each dependency, the OpenAPI document and its reference page',
    tables: { providers: 'read', meetings: 'read' },
    readsEmailAccount: true,
    // Read only when /docs/redoc.standalone.js is first asked for, never at cold start.
    bundledFiles: ['node_modules/redoc/bundles/redoc.standalone.js'],
  },
  providers: {
    ...api,
    id: 'providers',
    entry: 'functions/providers/handler.ts',
    description: 'Providers, their locations and their audit trail',
    // Meetings too: a location flagged at significant risk gets its meeting planned at once (R-CAD-7).
    tables: { providers: 'readWrite', meetings: 'readWrite', audit: 'readAppend' },
    // Signs and checks the nextToken of its lists (shared/adapters/dynamodb/page-token.ts).
    signsLinks: true,
  },
  staff: {
    ...api,
    id: 'staff',
    entry: 'functions/staff/handler.ts',
    description: 'Regulator staff and their roles',
    tables: { providers: 'readWrite', audit: 'append' },
    // Signs and checks the nextToken of its lists (shared/adapters/dynamodb/page-token.ts).
    signsLinks: true,
    managesSignIn: true,
  },
  relationships: {
    ...api,
    id: 'relationships',
    entry: 'functions/relationships/handler.ts',
    description: 'Relationship holders, corporate leads, engagement plans, policies and the staff dashboard',
    tables: { providers: 'readWrite', meetings: 'read', audit: 'append' },
    managesSignIn: true,
  },
  meetings: {
    ...api,
    id: 'meetings',
    entry: 'functions/meetings/handler.ts',
    description: 'Meetings: book, reschedule, cancel, record the outcome, templates and sharing; invites by email',
    signsLinks: true,
    tables: { providers: 'readWrite', meetings: 'readWrite', audit: 'append' },
    sendsEmail: true,
    // Shares go through the delivery ledger, paced to the account's rate (GetAccount).
    readsEmailAccount: true,
  },
  fallback: {
    ...api,
    id: 'fallback',
    entry: 'functions/fallback/handler.ts',
    description: 'Answers requests no route matches: 404 for unknown paths, 405 for wrong methods',
    tables: {},
    memoryMb: 256,
  },
  jobs: {
    ...api,
    id: 'jobs',
    entry: 'functions/jobs/handler.ts',
    description: 'The scheduled work: quarterly planning, annual planning and the daily run; also started by admins',
    tables: { providers: 'readWrite', meetings: 'readWrite', audit: 'append' },
    timeoutSeconds: 900,
    memoryMb: 1024,
    sendsEmail: true,
    // The daily run paces bulk sends to the account's rate (GetAccount) and signs comment links.
    readsEmailAccount: true,
    signsLinks: true,
    // Overdue alerts, reminders to staff, past-due requests and the digest link to the workspace (issue 15).
    linksToWorkspace: true,
  },
  notifications: {
    ...api,
    id: 'notifications',
    entry: 'functions/notifications/handler.ts',
    description:
      'Tells relationship holders what providers sent (R-TPL-4); marks bounced and complained addresses undeliverable; records emails SES did not send',
    // Writes the suppression list and the contact's undeliverable mark on the providers table (its audit entry
    // to the trail), and delivery records (claims of its own emails, SES's rendering failures and rejects) on the
    // meetings table.
    tables: { providers: 'readWrite', meetings: 'readWrite', audit: 'append' },
    sendsEmail: true,
    // Its emails go through the delivery ledger, paced to the account's rate (GetAccount).
    readsEmailAccount: true,
    // The holder's notices (comments, an undeliverable address) link to the workspace (issue 15).
    linksToWorkspace: true,
  },
  contact: {
    ...api,
    id: 'contact',
    entry: 'functions/contact/handler.ts',
    description:
      'Provider contact page (concerns, external reviews, changes, questions, feedback), submissions and information requests',
    // Submissions, requests and their information items live beside the provider; the emails they owe go to
    // the outbox (the delivery ledger, on the meetings table) and are sent paced to the account's rate.
    tables: { providers: 'readWrite', meetings: 'readWrite', audit: 'append' },
    sendsEmail: true,
    readsEmailAccount: true,
    signsLinks: true,
    // The handler's notice of a submission and an answered request link to the workspace (issue 15).
    linksToWorkspace: true,
  },
  // The staff workspace (issue 15), one function per group of pages (issue 17): each bundle holds only its own
  // pages, so its cold start stays near the AWS SDK's own. Routes name theirs (shared/definitions/workspace-routes.ts).
  workspace: {
    ...api,
    id: 'workspace',
    entry: 'functions/workspace/handler.ts',
    description:
      'The staff workspace (HTML): sign-in with a server-side session, the assets, my work, providers and the register',
    // The same stores the API's functions use, and the sessions table (issue 15). Changing a location to
    // significant risk plans its meeting (R-CAD-7); the provider's audit trail page reads the trail.
    tables: { providers: 'readWrite', meetings: 'readWrite', sessions: 'readWrite', audit: 'readAppend' },
    // Signs and checks the nextToken of its lists (shared/adapters/dynamodb/page-token.ts), on first use.
    signsLinks: true,
    workspace: { signsIn: true },
    // It alone serves /assets/workspace/{file}.
    bundledFiles: WORKSPACE_ASSETS,
  },
  'workspace-meetings': {
    ...api,
    id: 'workspace-meetings',
    entry: 'functions/workspace-meetings/handler.ts',
    description:
      'The staff workspace (HTML): meetings and their templates, other contact, casework, policies and the admin queue',
    // Meetings, their templates and casework, as the meetings and contact functions store them; the session check.
    tables: { providers: 'readWrite', meetings: 'readWrite', sessions: 'readWrite', audit: 'append' },
    // Booking sends invites and sharing emails the provider's contacts their signed links, as the meetings function
    // does: through the delivery ledger, paced to the account's rate (GetAccount).
    sendsEmail: true,
    readsEmailAccount: true,
    signsLinks: true,
    // The template page's preview renders the share's email, sending nothing.
    workspace: { previewsEmail: true },
    bundledFiles: WORKSPACE_ASSETS,
  },
  'workspace-admin': {
    ...api,
    id: 'workspace-admin',
    entry: 'functions/workspace-admin/handler.ts',
    description: 'The staff workspace (HTML): staff, teams, job runs, register imports and the mental health list',
    // Staff and teams live on the providers table; job runs (and what a dry run reads) on the meetings table.
    tables: { providers: 'readWrite', meetings: 'readWrite', sessions: 'readWrite', audit: 'append' },
    // A dry run of the daily job is composed as the jobs function composes a run (shared/adapters/jobs/job-runner.ts):
    // its mailer and pace (GetAccount) and signed comment links, sending nothing: the sender settings, and no
    // right to send. Built on the first dry run only.
    sendsEmail: false,
    composesEmail: true,
    readsEmailAccount: true,
    signsLinks: true,
    // Adding staff, changing roles and recording leavers keep the Cognito groups in step, as /staff does (R-TEAM-5).
    managesSignIn: true,
    workspace: { startsJobs: true, readsImportReports: true },
    bundledFiles: WORKSPACE_ASSETS,
  },
  // The register import (issue 16): the API side presigns uploads and report links...
  imports: {
    ...api,
    id: 'imports',
    entry: 'functions/imports/handler.ts',
    description: 'Register imports: start one (a presigned upload URL), follow its progress, read its report',
    tables: { providers: 'readWrite' },
    usesImportsBucket: true,
  },
  // ...and the upload's S3 event runs it, streaming the file: 15 minutes (bench/results/latest.md).
  'register-import': {
    ...api,
    id: 'register-import',
    entry: 'functions/register-import/handler.ts',
    description: "Imports CQC's published locations file uploaded to the imports bucket",
    tables: { providers: 'readWrite', audit: 'append' },
    usesImportsBucket: true,
    timeoutSeconds: 900,
    memoryMb: 1769,
    // The split spills the file as JSON lines by shard (about twice the CSV: 300 MB at the 300 MB limit)
    // and the finish spills the report's sections; 2 GB leaves room for both.
    ephemeralStorageMb: 2048,
  },
};
