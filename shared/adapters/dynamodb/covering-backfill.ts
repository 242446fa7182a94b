import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { coveringList, STAFF_LIST, staffKey } from './keys.ts';

/** What a backfill run did (or, dry, would do). */
export interface CoveringBackfill {
  /** Staff items read (the whole staff list, page by page). */
  read: number;
  /** Absences running on or after the day whose COVERING# key was missing or stale: written (or would be). */
  keyed: number;
  /** Absences already keyed: nothing written. */
  alreadyKeyed: number;
  /** Absences changed by their member between the read and the write: their own write keyed them. */
  changedMeanwhile: number;
}

/**
 * Gives every absence recorded before the COVERING# index (gsi3 `COVERING#<cover>` on the staff item,
 * R-TEAM-5) its key, so the cover's dashboard finds it (shared/use-cases/covered-for.ts) without waiting for
 * the member's next write. An operator runs it once after deploying (infra/ops/backfill-covering.ts).
 * Course: 1. read the staff list (Query of gsi1 `STAFF`, page by page: no Scan)  2. per staff item with an
 *         absence ending on or after `today` whose key is missing or names another cover: one UpdateItem
 *         setting gsi3pk/gsi3sk as the store writes them, on condition the absence is still the one read.
 * Idempotent and safe to re-run or stop half way: an item already keyed is read and left alone (no write, no
 * failed conditional write billed), and a member's own write in the meantime keys the item itself. An
 * ended absence is left unkeyed: coveredBy reads only absences ending on or after the day.
 */
export async function backfillCoveringIndex(options: {
  table: string;
  today: string;
  dryRun: boolean;
  onPage?: (progress: CoveringBackfill) => void;
}): Promise<CoveringBackfill> {
  const done: CoveringBackfill = { read: 0, keyed: 0, alreadyKeyed: 0, changedMeanwhile: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: options.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': STAFF_LIST },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      done.read += 1;
      const absence = item.absence as { coverStaffId?: unknown; to?: unknown } | null | undefined;
      if (!absence || typeof absence.coverStaffId !== 'string' || typeof absence.to !== 'string') continue;
      if (absence.to < options.today) continue;
      const gsi3pk = coveringList(absence.coverStaffId);
      const gsi3sk = `${absence.to}#${String(item.staffId)}`;
      if (item.gsi3pk === gsi3pk && item.gsi3sk === gsi3sk) {
        done.alreadyKeyed += 1;
        continue;
      }
      if (options.dryRun) {
        done.keyed += 1;
        continue;
      }
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName: options.table,
            Key: staffKey(String(item.staffId)),
            UpdateExpression: 'SET gsi3pk = :pk, gsi3sk = :sk',
            ConditionExpression: 'absence.coverStaffId = :cover AND absence.#to = :to',
            ExpressionAttributeNames: { '#to': 'to' },
            ExpressionAttributeValues: {
              ':pk': gsi3pk,
              ':sk': gsi3sk,
              ':cover': absence.coverStaffId,
              ':to': absence.to,
            },
          }),
        );
        done.keyed += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        done.changedMeanwhile += 1;
      }
    }
    options.onPage?.({ ...done });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return done;
}
