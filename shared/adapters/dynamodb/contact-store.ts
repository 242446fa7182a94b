import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { InformationRequest, Submission } from '../../schemas/contact.ts';
import type { Information } from '../../schemas/information.ts';
import type { OutgoingEmail } from '../../use-cases/deliver-emails.ts';
import {
  type ContactStore,
  type CoordinatorAssignment,
  CoordinatorAssignmentRace,
  type Page,
  type PageRequest,
} from '../../use-cases/ports.ts';
import { commitWithAudit, type WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import { outboxWrites } from './delivery-ledger.ts';
import { queryAll, queryPage } from './paged-query.ts';

/**
 * Submissions and information requests (R-PRV-1..5), on the providers table. Key layouts
 * (docs/access-patterns.md):
 * - submission: `SUBMISSION#<reference>` / `SUBMISSION`; gsi1 `SUBMISSIONS#<providerId>` / `<submittedAt>#<reference>`;
 *   while open, gsi2 `HANDLER#<staffId>` / `SUBMISSION#<submittedAt>#<reference>` (sparse: the handler's dashboard).
 * - information request: `PROVIDER#<providerId>` / `REQUEST#<reference>`; while open, gsi1 `INFO_REQUESTS_OPEN` /
 *   `<dueOn>#<reference>` (sparse: the daily run's "due by" query) and gsi2 `HANDLER#<requestedBy>` /
 *   `REQUEST#<dueOn>#<reference>`.
 * - a submission's further recipient (a Market Oversight provider's corporate relationship manager, R-REL-4):
 *   a copy at `SUBMISSION#<reference>` / `ALSO#<staffId>`, rewritten with every change, on gsi2 `HANDLER#<staffId>`
 *   while open (their dashboard), never on gsi1 (the provider's list holds each submission once).
 * - the admin queue (no team yet, R-TEAM-2): while open, gsi2 `ADMIN_QUEUE` / `SUBMISSION#<submittedAt>#<reference>`.
 * - the co-ordinator a provider keeps while it stays with a team (R-TEAM-4): `PROVIDER#<providerId>` /
 *   `COORDINATOR#<teamId>`, written in the transaction of the submission that first needed it.
 * Each comes with an information item (`INFO#…`) the next pre-meeting template is drafted from (R-TPL-1).
 */
export const OPEN_REQUESTS = 'INFO_REQUESTS_OPEN';
/** The admin queue's partition on gsi2: submissions only, low volume (a provider without a team, sending). */
export const ADMIN_QUEUE = 'ADMIN_QUEUE';
export const coordinatorAssignmentKey = (providerId: string, teamId: string) => ({
  pk: `PROVIDER#${providerId}`,
  sk: `COORDINATOR#${teamId}`,
});

export const handlerList = (staffId: string) => `HANDLER#${staffId}`;
export const submissionKey = (reference: string) => ({ pk: `SUBMISSION#${reference}`, sk: 'SUBMISSION' });
export const informationRequestKey = (providerId: string, reference: string) => ({
  pk: `PROVIDER#${providerId}`,
  sk: `REQUEST#${reference}`,
});

const KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
/** A submission's `kind` is its own (concern, feedback…), as on information items; a request's is the entity tag. */
const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const copy = { ...item };
  for (const key of KEYS) delete copy[key];
  if (copy.kind === 'information-request') delete copy.kind;
  return copy as T;
};

function submissionItem(submission: Submission): Record<string, unknown> {
  const open = submission.status === 'open';
  const queue = submission.routedTo.to === 'admin-queue' ? ADMIN_QUEUE : null;
  const handler = submission.routedTo.staffId ? handlerList(submission.routedTo.staffId) : queue;
  return {
    ...submissionKey(submission.reference),
    gsi1pk: `SUBMISSIONS#${submission.providerId}`,
    gsi1sk: `${submission.submittedAt}#${submission.reference}`,
    // Sparse: only open submissions are on a handler's dashboard, or in the admin queue.
    ...(open && handler
      ? { gsi2pk: handler, gsi2sk: `SUBMISSION#${submission.submittedAt}#${submission.reference}` }
      : {}),
    ...submission,
  };
}

/** The copies that put an open submission on its further recipients' dashboards (R-REL-4: Market Oversight). */
const alsoItems = (submission: Submission): Record<string, unknown>[] =>
  (submission.routedTo.also ?? []).map((also) => ({
    pk: submissionKey(submission.reference).pk,
    sk: `ALSO#${also.staffId}`,
    ...(submission.status === 'open'
      ? {
          gsi2pk: handlerList(also.staffId),
          gsi2sk: `SUBMISSION#${submission.submittedAt}#${submission.reference}`,
        }
      : {}),
    ...submission,
  }));

function requestItem(request: InformationRequest): Record<string, unknown> {
  return {
    ...informationRequestKey(request.providerId, request.reference),
    kind: 'information-request',
    // Sparse: only open requests are found by the daily run and on the requester's dashboard.
    ...(request.status === 'open'
      ? {
          gsi1pk: OPEN_REQUESTS,
          gsi1sk: `${request.dueOn}#${request.reference}`,
          gsi2pk: handlerList(request.requestedBy),
          gsi2sk: `REQUEST#${request.dueOn}#${request.reference}`,
        }
      : {}),
    ...request,
  };
}

const informationItem = (information: Information): Record<string, unknown> => ({
  pk: `PROVIDER#${information.providerId}`,
  sk: `INFO#${information.occurredOn}#${information.infoId}`,
  ...information,
});

export class DynamoContactStore implements ContactStore {
  /** `outboxTable`: where the emails a change owes are written (the delivery ledger's, the meetings table). */
  constructor(
    private readonly tableName: string,
    /** The append-only audit trail (shared/definitions/tables.ts): entries are put there, never here. */
    private readonly auditTableName: string,
    private readonly outboxTable?: string,
  ) {}

  private owedWrites(owed: readonly OutgoingEmail[], now: string): WriteOperation[] {
    if (owed.length === 0) return [];
    if (!this.outboxTable) throw new Error('This contact store has no outbox table to owe emails in');
    return outboxWrites(this.outboxTable, owed, new Date(now));
  }

  private page<T>(input: Omit<QueryCommandInput, 'TableName'>, request: PageRequest): Promise<Page<T>> {
    return queryPage(this.tableName, input, request, (item) => withoutKeys<T>(item));
  }

  private async all<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    return (await queryAll(this.tableName, input)).map((item) => withoutKeys<T>(item));
  }

  private newItem = (tableName: string, item: Record<string, unknown>): WriteOperation => ({
    kind: 'put',
    tableName,
    item,
    condition: {
      expression: 'attribute_not_exists(pk)',
      onFailure: () => new ConflictError('That reference is already taken: send it again'),
    },
  });

  private replaced = (tableName: string, item: Record<string, unknown>, expectedVersion: number): WriteOperation => ({
    kind: 'put',
    tableName,
    item,
    condition: {
      expression: '#version = :expected',
      names: { '#version': 'version' },
      values: { ':expected': expectedVersion },
      onFailure: () => new ConflictError('It changed since you read it: read it again'),
    },
  });

  async createSubmission(
    submission: Submission,
    information: Information,
    audit: AuditEntry[],
    owed: readonly OutgoingEmail[] = [],
    coordinator?: { assignment: CoordinatorAssignment; replacing: string | null },
  ): Promise<void> {
    await commitWithAudit(
      this.auditTableName,
      [
        this.newItem(this.tableName, submissionItem(submission)),
        ...alsoItems(submission).map((item) => ({ kind: 'put' as const, tableName: this.tableName, item })),
        this.newItem(this.tableName, informationItem(information)),
        ...(coordinator ? [this.assignmentWrite(coordinator.assignment, coordinator.replacing)] : []),
        ...this.owedWrites(owed, information.recordedAt),
      ],
      audit,
    );
  }

  /** Stored only over what routing read: a first one only where none is, a replacement only over the one it replaces. */
  private assignmentWrite(assignment: CoordinatorAssignment, replacing: string | null): WriteOperation {
    const race = () =>
      new CoordinatorAssignmentRace('The provider’s regulatory co-ordinator was chosen at the same moment: send again');
    return {
      kind: 'put',
      tableName: this.tableName,
      item: {
        ...coordinatorAssignmentKey(assignment.providerId, assignment.teamId),
        kind: 'coordinator-assignment',
        ...assignment,
      },
      condition: replacing
        ? { expression: 'staffId = :replacing', values: { ':replacing': replacing }, onFailure: race }
        : { expression: 'attribute_not_exists(pk)', onFailure: race },
    };
  }

  /** The co-ordinator stored for a provider in a team (R-TEAM-4): one GetItem. */
  async coordinatorAssignment(providerId: string, teamId: string): Promise<CoordinatorAssignment | null> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: coordinatorAssignmentKey(providerId, teamId) }),
    );
    if (!result.Item) return null;
    const { providerId: stored, teamId: team, staffId, since } = result.Item as Record<string, string>;
    return stored && team && staffId && since ? { providerId: stored, teamId: team, staffId, since } : null;
  }

  /** Open submissions of providers with no team (R-TEAM-2), oldest first: one Query on the sparse gsi2 partition. */
  adminQueue(request: PageRequest): Promise<Page<Submission>> {
    return this.page<Submission>(
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :queue',
        ExpressionAttributeValues: { ':queue': ADMIN_QUEUE },
      },
      request,
    );
  }

  async getSubmission(reference: string): Promise<Submission | null> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: submissionKey(reference) }),
    );
    return result.Item ? withoutKeys<Submission>(result.Item) : null;
  }

  async replaceSubmission(
    submission: Submission,
    expectedVersion: number,
    audit: AuditEntry[],
    owed: readonly OutgoingEmail[] = [],
  ): Promise<void> {
    await commitWithAudit(
      this.auditTableName,
      [
        this.replaced(this.tableName, submissionItem(submission), expectedVersion),
        ...alsoItems(submission).map((item) => ({ kind: 'put' as const, tableName: this.tableName, item })),
        ...this.owedWrites(owed, audit[0]?.at ?? new Date().toISOString()),
      ],
      audit,
    );
  }

  listProviderSubmissions(providerId: string, request: PageRequest): Promise<Page<Submission>> {
    return this.page<Submission>(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': `SUBMISSIONS#${providerId}` },
        ScanIndexForward: false,
      },
      request,
    );
  }

  async createInformationRequest(
    request: InformationRequest,
    information: Information,
    audit: AuditEntry[],
    owed: readonly OutgoingEmail[] = [],
  ): Promise<void> {
    await commitWithAudit(
      this.auditTableName,
      [
        this.newItem(this.tableName, requestItem(request)),
        this.newItem(this.tableName, informationItem(information)),
        ...this.owedWrites(owed, information.recordedAt),
      ],
      audit,
    );
  }

  listProviderInformationRequests(providerId: string, request: PageRequest): Promise<Page<InformationRequest>> {
    return this.page<InformationRequest>(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `PROVIDER#${providerId}`, ':prefix': 'REQUEST#' },
      },
      request,
    );
  }

  async openInformationRequests(providerId: string): Promise<InformationRequest[]> {
    const requests = await this.all<InformationRequest>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pk': `PROVIDER#${providerId}`, ':prefix': 'REQUEST#', ':open': 'open' },
    });
    return requests.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  async answerInformationRequest(
    request: InformationRequest,
    expectedVersion: number,
    information: Information,
    audit: AuditEntry[],
    owed: readonly OutgoingEmail[] = [],
  ): Promise<void> {
    await commitWithAudit(
      this.auditTableName,
      [
        this.replaced(this.tableName, requestItem(request), expectedVersion),
        this.newItem(this.tableName, informationItem(information)),
        ...this.owedWrites(owed, information.recordedAt),
      ],
      audit,
    );
  }

  /** The sparse index holds open requests only, by due day: a Query up to the day's end reads nothing else. */
  openRequestsDueBy(day: string): Promise<InformationRequest[]> {
    return this.all<InformationRequest>({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :open AND gsi1sk < :after',
      ExpressionAttributeValues: { ':open': OPEN_REQUESTS, ':after': `${day}#~` },
    });
  }

  async openFor(staffId: string): Promise<{ submissions: Submission[]; informationRequests: InformationRequest[] }> {
    const items = await this.all<Record<string, unknown>>({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :handler',
      ExpressionAttributeValues: { ':handler': handlerList(staffId) },
    });
    return {
      submissions: items.filter((item) => 'routedTo' in item) as unknown as Submission[],
      informationRequests: items.filter((item) => 'question' in item) as unknown as InformationRequest[],
    };
  }
}
