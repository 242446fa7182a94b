import type { EmailTemplateName } from '../definitions/email-templates.ts';
import type { Actor } from '../domain/actor.ts';
import type { AuditEntry } from '../domain/audit.ts';
import type { InformationRequest, Submission } from '../schemas/contact.ts';
import type { Information } from '../schemas/information.ts';
import type { Inspection } from '../schemas/inspection.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Location, Provider } from '../schemas/provider.ts';
import type { Relationship, RelationshipHistoryEntry, ReviewFlag } from '../schemas/relationship.ts';
import type { Staff } from '../schemas/staff.ts';
import type { ProviderComment, Template } from '../schemas/template.ts';

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
   * A lead review (R-CORP band change) is written in the same transaction.
   */
  replaceProvider(
    provider: Provider,
    expectedVersion: number,
    audit: AuditEntry[],
    leadReview?: LeadReviewChange,
  ): Promise<void>;
  /**
   * Stores a location and counts it on its provider, in one transaction (with a lead review if the
   * count moves the provider into another corporate band); NotFoundError if the provider is gone.
   */
  addLocation(location: Location, audit: AuditEntry[], leadReview?: LeadReviewChange): Promise<void>;
  getLocation(providerId: string, locationId: string): Promise<Location | null>;
  replaceLocation(location: Location, expectedVersion: number, audit: AuditEntry[]): Promise<void>;
  listLocations(providerId: string, request: PageRequest): Promise<Page<Location>>;
  /** Every location of a provider (all pages). */
  allLocations(providerId: string): Promise<Location[]>;
  getStaff(staffId: string): Promise<Staff | null>;
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

/** A change to the corporate lead's review flag that rides along with a change to the provider. */
export interface LeadReviewChange {
  lead: Relationship;
  reviewNeeded: ReviewFlag | null;
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
  replaceMeeting(meeting: Meeting, previous: Meeting, audit: AuditEntry[]): Promise<void>;
  openDueBefore(day: string): Promise<Meeting[]>;
  openMeetingsOf(staffId: string): Promise<Meeting[]>;
  markOverdueNotified(meeting: Meeting, at: string, audit: AuditEntry[]): Promise<boolean>;
}

export interface Recipient {
  name: string;
  email: string;
}

/** Email out. The SES adapter sends through the stack's configuration set from the stage's sender. */
export interface Mailer {
  /** A managed SES template (shared/definitions/email-templates.ts), one message per recipient. */
  sendTemplated(template: EmailTemplateName, to: Recipient, data: Record<string, string>): Promise<void>;
  /** A whole MIME message (calendar invites: SES templates cannot carry a text/calendar part). */
  sendRaw(to: readonly Recipient[], raw: string): Promise<void>;
  readonly sender: string;
}

export interface TemplateStore {
  recordInformation(information: Information, audit: AuditEntry[]): Promise<void>;
  /** Information about a provider that happened on or after `since` (YYYY-MM-DD), oldest first. */
  informationSince(providerId: string, since: string): Promise<Information[]>;
  latestTemplate(meetingId: string): Promise<Template | null>;
  templateVersion(meetingId: string, version: number): Promise<Template | null>;
  /** Stores a new version; StaleVersionError if that version number was taken first. */
  saveTemplate(template: Template, audit: AuditEntry[]): Promise<void>;
  /** Adds comments, each under its own key: concurrent submissions are all kept (R-TPL-3); listed for the holder. */
  addComments(comments: ProviderComment[], audit: AuditEntry[], holderStaffId?: string | null): Promise<void>;
  /** Comments on a holder's meetings sent since an instant, newest first (at most 100). */
  commentsFor(staffId: string, since: string): Promise<ProviderComment[]>;
  comments(meetingId: string): Promise<ProviderComment[]>;
}

/**
 * What providers send through their contact link and what we ask of them (R-PRV-1..5). Each write
 * stores the information item it feeds the next pre-meeting template with (R-TPL-1), in one transaction.
 */
export interface ContactStore {
  /** ConflictError if the reference is already taken. */
  createSubmission(submission: Submission, information: Information, audit: AuditEntry[]): Promise<void>;
  getSubmission(reference: string): Promise<Submission | null>;
  /** ConflictError when the stored version is not `expectedVersion` (answered or closed meanwhile). */
  replaceSubmission(submission: Submission, expectedVersion: number, audit: AuditEntry[]): Promise<void>;
  listProviderSubmissions(providerId: string, request: PageRequest): Promise<Page<Submission>>;
  createInformationRequest(request: InformationRequest, information: Information, audit: AuditEntry[]): Promise<void>;
  listProviderInformationRequests(providerId: string, request: PageRequest): Promise<Page<InformationRequest>>;
  /** A provider's open requests, soonest due first (its contact page). */
  openInformationRequests(providerId: string): Promise<InformationRequest[]>;
  /** ConflictError when the request was answered meanwhile. */
  answerInformationRequest(
    request: InformationRequest,
    expectedVersion: number,
    information: Information,
    audit: AuditEntry[],
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
