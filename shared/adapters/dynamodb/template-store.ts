import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError, StaleVersionError } from '../../domain/errors.ts';
import type { Information } from '../../schemas/information.ts';
import type { ProviderComment, Template } from '../../schemas/template.ts';
import type { OutgoingEmail } from '../../use-cases/deliver-emails.ts';
import type { TemplateStore, TemplateVersionSummary } from '../../use-cases/ports.ts';
import { commitWithAudit, MAX_TRANSACTION_ITEMS, type WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import { outboxWrites } from './delivery-ledger.ts';
import { meetingKey } from './meeting-store.ts';
import { queryAll } from './paged-query.ts';

/**
 * Information held (providers table, beside the provider, by the day it happened), and each
 * meeting's template versions and provider comments (meetings table, in the meeting's partition):
 * `TEMPLATE#<version>` and `COMMENT#<submittedAt>#<commentId>`. Versions and comments are only
 * ever added, never overwritten (R-TPL-3): a version exists once, a comment has its own key.
 */
const HIDDEN = ['pk', 'sk', 'kind', 'gsi3pk', 'gsi3sk'];
const strip = <T>(item: Record<string, unknown>): T => {
  const copy = { ...item };
  for (const key of HIDDEN) delete copy[key];
  return copy as T;
};
const versionKey = (version: number) => `TEMPLATE#${String(version).padStart(6, '0')}`;

export class DynamoTemplateStore implements TemplateStore {
  constructor(private readonly tables: { providers: string; meetings: string; audit: string }) {}

  private queryAll(table: string, pk: string, prefix: string, from?: string) {
    return queryAll(table, {
      KeyConditionExpression: from ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: from
        ? { ':pk': pk, ':from': `${prefix}${from}`, ':to': `${prefix}~` }
        : { ':pk': pk, ':prefix': prefix },
    });
  }

  async recordInformation(information: Information, audit: AuditEntry[]): Promise<void> {
    await commitWithAudit(
      this.tables.audit,
      [
        {
          kind: 'put',
          tableName: this.tables.providers,
          item: {
            pk: `PROVIDER#${information.providerId}`,
            sk: `INFO#${information.occurredOn}#${information.infoId}`,
            // `kind` is the information's own kind here (complaint, concern…): no entity tag on these items.
            ...information,
          },
        },
      ],
      audit,
    );
  }

  async informationSince(providerId: string, since: string): Promise<Information[]> {
    return (await this.queryAll(this.tables.providers, `PROVIDER#${providerId}`, 'INFO#', since)).map(
      ({ pk: _pk, sk: _sk, ...information }) => information as Information,
    );
  }

  async latestTemplate(meetingId: string): Promise<Template | null> {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.tables.meetings,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': meetingKey(meetingId).pk, ':prefix': 'TEMPLATE#' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const [item] = page.Items ?? [];
    return item ? strip<Template>(item) : null;
  }

  async templateVersion(meetingId: string, version: number): Promise<Template | null> {
    const items = await this.queryAll(this.tables.meetings, meetingKey(meetingId).pk, versionKey(version));
    const [item] = items;
    return item ? strip<Template>(item) : null;
  }

  /** One Query (paged), projecting the number, when and by whom: a version's items can be large. */
  async templateVersions(meetingId: string): Promise<TemplateVersionSummary[]> {
    const items = await queryAll(this.tables.meetings, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': meetingKey(meetingId).pk, ':prefix': 'TEMPLATE#' },
      // Names, not words: some attribute names are DynamoDB reserved words.
      ProjectionExpression: '#version, #savedAt, #savedBy',
      ExpressionAttributeNames: { '#version': 'version', '#savedAt': 'savedAt', '#savedBy': 'savedBy' },
    });
    return items.map((item) => ({
      version: Number(item.version),
      savedAt: typeof item.savedAt === 'string' ? item.savedAt : null,
      savedBy: typeof item.savedBy === 'string' ? item.savedBy : null,
    }));
  }

  async saveTemplate(template: Template, audit: AuditEntry[]): Promise<void> {
    await commitWithAudit(
      this.tables.audit,
      [
        {
          kind: 'put',
          tableName: this.tables.meetings,
          item: {
            pk: meetingKey(template.meetingId).pk,
            sk: versionKey(template.version),
            kind: 'template',
            ...template,
          },
          condition: {
            expression: 'attribute_not_exists(pk)',
            onFailure: () =>
              new StaleVersionError('Someone saved another version of this template first: read it again and retry'),
          },
        },
      ],
      audit,
    );
  }

  async addComments(
    comments: ProviderComment[],
    audit: AuditEntry[],
    holderStaffId: string | null = null,
    extras: { submissionKey?: string; owed?: readonly OutgoingEmail[] } = {},
  ): Promise<'added' | 'duplicate'> {
    const owed = extras.owed ?? [];
    if (comments.length + audit.length + owed.length + 1 > MAX_TRANSACTION_ITEMS) {
      throw new RangeError('Too many comments at once');
    }
    const meetingId = comments[0]?.meetingId;
    const duplicate = new ConflictError('This submission was already received');
    // The same form posted again (same share, contact and text) finds its marker and stores nothing.
    const marker: WriteOperation[] =
      extras.submissionKey && meetingId
        ? [
            {
              kind: 'put',
              tableName: this.tables.meetings,
              item: {
                pk: meetingKey(meetingId).pk,
                sk: `SUBMISSION#${extras.submissionKey}`,
                kind: 'submission-marker',
                commentIds: comments.map((comment) => comment.commentId),
                submittedAt: comments[0]?.submittedAt,
              },
              condition: { expression: 'attribute_not_exists(pk)', onFailure: () => duplicate },
            },
          ]
        : [];
    try {
      await commitWithAudit(
        this.tables.audit,
        [
          ...marker,
          ...comments.map((comment) => ({
            kind: 'put' as const,
            tableName: this.tables.meetings,
            item: {
              pk: meetingKey(comment.meetingId).pk,
              sk: `COMMENT#${comment.submittedAt}#${comment.commentId}`,
              kind: 'comment',
              // On the holder's dashboard index (R-TPL-4): one Query finds what came in lately.
              ...(holderStaffId
                ? { gsi3pk: `STAFF#${holderStaffId}`, gsi3sk: `~COMMENT#${comment.submittedAt}#${comment.commentId}` }
                : {}),
              ...comment,
            },
            condition: {
              expression: 'attribute_not_exists(pk)',
              onFailure: () => new ConflictError('A comment id was used twice'),
            },
          })),
          ...outboxWrites(this.tables.meetings, owed, new Date(comments[0]?.submittedAt ?? Date.now())),
        ],
        audit,
      );
      return 'added';
    } catch (error) {
      if (error === duplicate) return 'duplicate';
      throw error;
    }
  }

  /** Comments sent to a holder's meetings since `since` (ISO), newest first: one Query on gsi3. */
  async commentsFor(staffId: string, since: string): Promise<ProviderComment[]> {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.tables.meetings,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :staff AND gsi3sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':staff': `STAFF#${staffId}`, ':from': `~COMMENT#${since}`, ':to': '~COMMENT#~' },
        ScanIndexForward: false,
        Limit: 100,
      }),
    );
    return (page.Items ?? []).map(({ gsi3pk: _pk, gsi3sk: _sk, ...item }) => strip<ProviderComment>(item));
  }

  async comments(meetingId: string): Promise<ProviderComment[]> {
    return (await this.queryAll(this.tables.meetings, meetingKey(meetingId).pk, 'COMMENT#')).map((item) =>
      strip<ProviderComment>(item),
    );
  }
}
