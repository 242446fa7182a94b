import type { TableId } from './tables.ts';

/**
 * The Lambda functions, declared once. infra/ builds one AppFunction per entry and grants
 * exactly the table access listed; the local HTTP adapter, scheduler and event bus import the
 * same handler files. Entry paths are relative to the repository root.
 */
export type TableAccess = 'read' | 'readWrite';

export interface FunctionDefinition {
  id: FunctionId;
  entry: string;
  description: string;
  tables: Partial<Record<TableId, TableAccess>>;
  /** Sends email through SES with the stack's configuration set. */
  sendsEmail: boolean;
  /** Reads the SES account state (health checks). */
  readsEmailAccount: boolean;
  /** Publishes domain events (shared/definitions/events.ts) to the stack's event bus. */
  publishesEvents: boolean;
  /** Files (repository paths) copied beside the bundle, read at run time. */
  bundledFiles?: readonly string[];
  /** Makes or checks signed provider links: reads the link key secret. */
  signsLinks?: boolean;
  /** Changes staff roles or records leavers: keeps the staff user pool's groups in step, disables leavers (R-TEAM-5). */
  managesSignIn?: boolean;
  timeoutSeconds: number;
  memoryMb: number;
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
] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];

const api = { timeoutSeconds: 10, memoryMb: 512, sendsEmail: false, readsEmailAccount: false, publishesEvents: false };

export const FUNCTIONS: Readonly<Record<FunctionId, FunctionDefinition>> = {
  respond: {
    ...api,
    id: 'respond',
    entry: 'functions/respond/handler.ts',
    description: 'Provider pages: the shared pre-meeting template, and comments through a signed link',
    // Comments are stored beside the meeting; their audit entries beside the provider.
    tables: { providers: 'readWrite', meetings: 'readWrite' },
    publishesEvents: true,
    signsLinks: true,
    bundledFiles: ['node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'],
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
    tables: { providers: 'readWrite' },
  },
  staff: {
    ...api,
    id: 'staff',
    entry: 'functions/staff/handler.ts',
    description: 'Regulator staff and their roles',
    tables: { providers: 'readWrite' },
    managesSignIn: true,
  },
  relationships: {
    ...api,
    id: 'relationships',
    entry: 'functions/relationships/handler.ts',
    description: 'Relationship holders, corporate leads, engagement plans, policies and the staff dashboard',
    tables: { providers: 'readWrite', meetings: 'read' },
    managesSignIn: true,
  },
  meetings: {
    ...api,
    id: 'meetings',
    entry: 'functions/meetings/handler.ts',
    description: 'Meetings: book, reschedule, cancel, record the outcome, templates and sharing; invites by email',
    signsLinks: true,
    // Audit entries of meeting changes are kept beside the provider, on the providers table.
    tables: { providers: 'readWrite', meetings: 'readWrite' },
    sendsEmail: true,
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
    tables: { providers: 'readWrite', meetings: 'readWrite' },
    timeoutSeconds: 900,
    memoryMb: 1024,
    sendsEmail: true,
    // The daily run paces bulk sends to the account's rate (GetAccount) and signs comment links.
    readsEmailAccount: true,
    signsLinks: true,
  },
  notifications: {
    ...api,
    id: 'notifications',
    entry: 'functions/notifications/handler.ts',
    description:
      'Tells relationship holders what providers sent (R-TPL-4); marks bounced and complained addresses undeliverable',
    // Writes the suppression list and the contact's undeliverable mark (with its audit) on the providers table.
    tables: { providers: 'readWrite', meetings: 'read' },
    sendsEmail: true,
  },
  contact: {
    ...api,
    id: 'contact',
    entry: 'functions/contact/handler.ts',
    description:
      'Provider contact page (concerns, external reviews, changes, questions, feedback), submissions and information requests',
    // Submissions, requests and their information items live beside the provider.
    tables: { providers: 'readWrite' },
    sendsEmail: true,
    signsLinks: true,
  },
};
