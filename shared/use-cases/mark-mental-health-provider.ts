import type { DynamoRegisterLists } from '../adapters/dynamodb/register-lists.ts';
import { describeActor } from '../domain/actor.ts';
import { auditEntry } from '../domain/bookkeeping.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { MentalHealthProvider } from '../schemas/register-import.ts';
import type { ChangeContext } from './ports.ts';

type Lists = Pick<DynamoRegisterLists, 'mentalHealthProviders' | 'mark' | 'unmark'>;

/**
 * Staff mark a national independent mental health provider by its CQC Provider ID (issue 16);
 * the next register import places it in independent mental health instead of independent
 * healthcare (shared/domain/register/sector-mapping.ts).
 * Course: 1. build the entry  2. store it with an audit entry of before and after.
 */
export async function markMentalHealthProvider(
  lists: Lists,
  registrationId: string,
  name: string,
  context: ChangeContext,
): Promise<MentalHealthProvider> {
  const before = (await lists.mentalHealthProviders()).find((entry) => entry.registrationId === registrationId);
  const entry = { registrationId, name, markedAt: context.now.toISOString(), markedBy: describeActor(context.actor) };
  await lists.mark(
    entry,
    auditEntry({
      auditId: context.newId(),
      providerId: null,
      entityType: 'national-mental-health-provider',
      entityId: registrationId,
      action: before ? 'updated' : 'created',
      actor: context.actor,
      now: context.now,
      before: before ? { name: before.name } : null,
      after: { registrationId, name },
    }),
  );
  return entry;
}

/** Take a provider off the list (404 if it is not on it); audited. */
export async function unmarkMentalHealthProvider(
  lists: Lists,
  registrationId: string,
  context: ChangeContext,
): Promise<void> {
  const before = (await lists.mentalHealthProviders()).find((entry) => entry.registrationId === registrationId);
  if (!before) throw new NotFoundError('That provider is not on the list of national mental health providers');
  await lists.unmark(
    registrationId,
    auditEntry({
      auditId: context.newId(),
      providerId: null,
      entityType: 'national-mental-health-provider',
      entityId: registrationId,
      action: 'deleted',
      actor: context.actor,
      now: context.now,
      before: { registrationId, name: before.name },
      after: null,
    }),
  );
}
