import type { Actor } from '../domain/actor.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { ConflictError } from '../domain/errors.ts';
import type { InformationRequest, Submission } from '../schemas/contact.ts';
import type { Activity } from '../schemas/engagement.ts';
import type { Information } from '../schemas/information.ts';
import type { Inspection } from '../schemas/inspection.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Location, Provider } from '../schemas/provider.ts';
import type { Relationship, RelationshipHistoryEntry, ReviewFlag } from '../schemas/relationship.ts';
import type { Staff } from '../schemas/staff.ts';
import type { TeamAssignment } from '../schemas/team.ts';
import type { ProviderComment, Template } from '../schemas/template.ts';
import type { OutgoingEmail } from './deliver-emails.ts';

/**
 * The small interfaces use cases call. shared/adapters/ implements them on DynamoDB and SES;
 * tests may implement them in memory for pure use-case tests.
 */
export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

export interface PageRequest {
  limit: number;
  nextToken?: string | undefined;
}

/** Every use case that changes something is given who is acting, the time, and an id source. */
export interface ChangeContext {
  actor: Actor;
  now: Date;
  newId: () => string;
}

export interface RegisterStore {
  getProvider(providerId: string): Promise<Provider | null>;
  listProviders(request: PageRequest & { sector?: string | undefined }): Promise<Page<Provider>>;
  /** Stores a new provider; ConflictError if the id is taken. */
  createProvider(provider: Provider, audit: AuditEntry[]): Promise<void>;
  /**
   * Replaces a provider if its stored version is still `expectedVersion`; StaleVersionError otherwise.
   * With `lead`, also only if the corporate lead is as read (ConflictError otherwise), setting its
   * review flag (R-CORP band change) in the same transaction.
   */
  replaceProvider(provider: Provider, expectedVersion: number, audit: AuditEntry[], lead?: LeadAsRead): Promise<void>;
  /**
   * Stores a location and counts it on its provider, in one transaction, only if the corporate lead
   * is as read (ConflictError otherwise), with a lead review if the count moves the provider into
   * another corporate band; NotFoundError if the provider is gone.
   */
  addLocation(location: Location, audit: AuditEntry[], lead?: LeadAsRead): Promise<void>;
  getLocation(providerId: string, locationId: string): Promise<Location | null>;
  replaceLocation(location: Location, expectedVersion: number, audit: AuditEntry[]): Promise<void>;
  listLocations(providerId: string, request: PageRequest): Promise<Page<Location>>;
  /** Every location of a provider (all pages). */
  allLocations(providerId: string): Promise<Location[]>;
  getStaff(staffId: string): Promise<Staff | null>;
  /** The staff a member of staff covers on a day (R-TEAM-5): one Query. */
  coveredBy(coverStaffId: string, day: string): Promise<Staff[]>;
  listStaff(request: PageRequest & { role?: string | undefined }): Promise<Page<Staff>>;
  /** Stores a member of staff; ConflictError if the email address is already registered. */
  createStaff(staff: Staff, audit: AuditEntry[]): Promise<void>;
  listProviderAudit(providerId: string, request: PageRequest): Promise<Page<AuditEntry>>;
}

export interface StoredRelationships {
  current: Relationship[];
  /** Newest first. */
  history: RelationshipHistoryEntry[];
}

/** One allocation: the new current relationship, the one it replaces, and the history entry it opens. */
export interface Allocation {
  next: Relationship;
  previous: Relationship | null;
  history: RelationshipHistoryEntry;
  /** The provider version the allocation was checked against; a concurrent change makes it a 409. */
  providerVersion: number;
  /**
   * What decided the corporate band it was checked against (R-CORP): the allocation also fails (409)
   * unless the provider still has them, whatever wrote the provider meanwhile.
   */
  band: { locationCount: number; marketOversight: boolean };
  audit: AuditEntry[];
}

export interface RelationshipStore {
  /** A provider's current relationships and their whole history: one Query. */
  getRelationships(providerId: string): Promise<StoredRelationships>;
  /** Only who holds what now: one Query that does not grow with the history. */
  currentRelationships(providerId: string): Promise<Relationship[]>;
  getCorporateLead(providerId: string): Promise<Relationship | null>;
  /** What a member of staff holds now: one Query. */
  listHeldBy(staffId: string): Promise<Relationship[]>;
  /** ConflictError when the provider or the relationship changed since they were read. */
  allocate(allocation: Allocation): Promise<void>;
}

/**
 * The corporate lead as a change that can move the provider's band (R-CORP) read it, and the review
 * flag the change sets on it. The change commits only if the lead is still as read (none, or this
 * version): otherwise an allocation made meanwhile would keep a band it no longer fits, unflagged
 * (issue 12 item 14).
 */
export interface LeadAsRead {
  lead: Relationship | null;
  /** The flag to set on `lead` (null clears it); left out, the lead is only checked. */
  reviewNeeded?: ReviewFlag | null | undefined;
}

export interface MeetingStore {
  /** Plans a meeting in its slot: 'exists' when the slot was already planned (by this run or another). */
  planSlot(meeting: Meeting, slotKey: string, audit: AuditEntry[]): Promise<'created' | 'exists'>;
  getMeeting(meetingId: string): Promise<Meeting | null>;
  listProviderMeetings(providerId: string, request: PageRequest): Promise<Page<Meeting>>;
  /** A provider's meetings due between two days (inclusive), all pages. */
  providerMeetingsDue(providerId: string, from: string, to: string): Promise<Meeting[]>;
  /**
   * Replaces `previous` (as read) with `meeting`, and its reminders with the ones the new state is
   * owed (R-REM-3), in one transaction; StaleVersionError when it changed since it was read.
   */
  replaceMeeting(
    meeting: Meeting,
    previous: Meeting,
    audit: AuditEntry[],
    /** Emails the change owes, written to the outbox in the same transaction. */
    owed?: readonly OutgoingEmail[],
  ): Promise<void>;
  openDueBefore(day: string): Promise<Meeting[]>;
  openMeetingsOf(staffId: string): Promise<Meeting[]>;
  /** A provider's open meetings (R-REL-2: what its holder now sees): one Query. */
  openMeetingsOfProvider(providerId: string): Promise<Meeting[]>;
  markOverdueNotified(meeting: Meeting, at: string, audit: AuditEntry[]): Promise<boolean>;
}

/** Who is responsible for a provider now: its current relationships and team assignments (R-REL-2, R-TEAM-2). */
export interface Responsibility {
  relationships: Relationship[];
  teams: TeamAssignment[];
}

export interface ProviderResponsibility {
  /** One Query of the provider's partition. */
  responsibilityOf(providerId: string): Promise<Responsibility>;
}

export interface Recipient {
  name: string;
  email: string;
}

/**
 * Email out. Every email is sent through the delivery ledger (shared/use-cases/deliver-emails.ts: claimed,
 * sent, marked; owed in the outbox until then), so the port that sends is BulkMailer/RawMailer there;
 * use cases see only who emails come from.
 */
export interface Mailer {
  readonly sender: string;
}

export type TemplateVersionSummary = Pick<Template, 'version' | 'savedAt' | 'savedBy'>;

export interface TemplateStore {
  recordInformation(information: Information, audit: AuditEntry[]): Promise<void>;
  /** Information about a provider that happened on or after `since` (YYYY-MM-DD), oldest first. */
  informationSince(providerId: string, since: string): Promise<Information[]>;
  latestTemplate(meetingId: string): Promise<Template | null>;
  templateVersion(meetingId: string, version: number): Promise<Template | null>;
  /** Every saved version, oldest first: number, when and by whom only (R-TPL-3: every version kept). */
  templateVersions(meetingId: string): Promise<TemplateVersionSummary[]>;
  /** Stores a new version; StaleVersionError if that version number was taken first. */
  saveTemplate(template: Template, audit: AuditEntry[]): Promise<void>;
  /**
   * Adds comments, each under its own key: concurrent submissions are all kept (R-TPL-3); listed for the
   * holder. With a submission key, a second submission with the same key stores nothing ('duplicate');
   * `owed` emails go to the outbox in the same transaction.
   */
  addComments(
    comments: ProviderComment[],
    audit: AuditEntry[],
    holderStaffId?: string | null,
    extras?: { submissionKey?: string; owed?: readonly OutgoingEmail[] },
  ): Promise<'added' | 'duplicate'>;
  /** Comments on a holder's meetings sent since an instant, newest first (at most 100). */
  commentsFor(staffId: string, since: string): Promise<ProviderComment[]>;
  comments(meetingId: string): Promise<ProviderComment[]>;
}

/**
 * What providers send through their contact link and what we ask of them (R-PRV-1..5). Each write
 * stores the information item it feeds the next pre-meeting template with (R-TPL-1), and the emails it
 * owes (the outbox, `owed`), in one transaction.
 */
/** The regulatory co-ordinator a provider keeps while it stays with a team (R-TEAM-4), stored on first routing. */
export interface CoordinatorAssignment {
  providerId: string;
  teamId: string;
  staffId: string;
  since: string;
}

/** Another submission stored the provider's co-ordinator first: routing again finds and keeps it. */
export class CoordinatorAssignmentRace extends ConflictError {}

export interface ContactStore {
  /**
   * ConflictError if the reference is already taken. `coordinator`: the assignment routing chose, stored in the
   * same transaction only if what it replaces is still stored (CoordinatorAssignmentRace otherwise).
   */
  createSubmission(
    submission: Submission,
    information: Information,
    audit: AuditEntry[],
    owed?: readonly OutgoingEmail[],
    coordinator?: { assignment: CoordinatorAssignment; replacing: string | null },
  ): Promise<void>;
  /** The co-ordinator stored for a provider in a team, or null: one GetItem. */
  coordinatorAssignment(providerId: string, teamId: string): Promise<CoordinatorAssignment | null>;
  /** Open submissions of providers with no team (R-TEAM-2), oldest first. */
  adminQueue(request: PageRequest): Promise<Page<Submission>>;
  getSubmission(reference: string): Promise<Submission | null>;
  /** ConflictError when the stored version is not `expectedVersion` (answered or closed meanwhile). */
  replaceSubmission(
    submission: Submission,
    expectedVersion: number,
    audit: AuditEntry[],
    owed?: readonly OutgoingEmail[],
  ): Promise<void>;
  listProviderSubmissions(providerId: string, request: PageRequest): Promise<Page<Submission>>;
  createInformationRequest(
    request: InformationRequest,
    information: Information,
    audit: AuditEntry[],
    owed?: readonly OutgoingEmail[],
  ): Promise<void>;
  listProviderInformationRequests(providerId: string, request: PageRequest): Promise<Page<InformationRequest>>;
  /** A provider's open requests, soonest due first (its contact page). */
  openInformationRequests(providerId: string): Promise<InformationRequest[]>;
  /** ConflictError when the request was answered meanwhile. */
  answerInformationRequest(
    request: InformationRequest,
    expectedVersion: number,
    information: Information,
    audit: AuditEntry[],
    owed?: readonly OutgoingEmail[],
  ): Promise<void>;
  /** Open information requests due on or before `day` (YYYY-MM-DD), soonest first, every page: for the daily run. */
  openRequestsDueBy(day: string): Promise<InformationRequest[]>;
  /** What a member of staff has open: submissions routed to them and requests they made. */
  openFor(staffId: string): Promise<{ submissions: Submission[]; informationRequests: InformationRequest[] }>;
}

/** Inspections (R-REL-5), in the provider's item collection. */
export interface InspectionStore {
  recordInspection(inspection: Inspection, audit: AuditEntry[]): Promise<void>;
  /** Newest first. */
  listInspections(providerId: string, request: PageRequest): Promise<Page<Inspection>>;
}

/** Engagement beyond planned meetings (R-CAD-11): logged contacts and ad hoc meetings of a provider. */
export interface EngagementStore {
  logActivity(activity: Activity, audit: AuditEntry[]): Promise<void>;
  /** The meeting, its activity, its reminders and invites (the outbox) and the audit entries, in one transaction. */
  createAdHocMeeting(
    meeting: Meeting,
    activity: Activity,
    audit: AuditEntry[],
    owed: readonly OutgoingEmail[],
  ): Promise<void>;
  /** A provider's activities, newest first. */
  listActivities(providerId: string, request: PageRequest): Promise<Page<Activity>>;
  /** The newest `limit` activities of a provider from an instant on (upcoming ad hoc meetings too). */
  activitiesSince(providerId: string, since: string, limit: number): Promise<Activity[]>;
}
