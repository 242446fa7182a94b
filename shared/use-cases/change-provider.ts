import { changedFields } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { NotFoundError, StaleVersionError } from '../domain/errors.ts';
import { corporateLeadReview } from '../domain/policy/corporate-lead-review.ts';
import type { Provider, UpdateProviderInput } from '../schemas/provider.ts';
import type { RelationshipDeps } from './allocate-relationship.ts';
import type { ChangeContext } from './ports.ts';

/**
 * Change a provider's editable fields.
 * Course: 1. read it (404)  2. refuse if the caller's version is not the current one (412)
 *         3. apply the patch; contacts given replace the list, keeping ids that are named
 *         4. if Market Oversight changed the corporate band, flag the lead for review (R-CORP-4)
 *         5. store it on condition the version is unchanged (and, when the band may move, that the
 *            corporate lead is as read), with an audit entry of what changed.
 */
export async function changeProvider(
  deps: RelationshipDeps,
  providerId: string,
  expectedVersion: number,
  patch: UpdateProviderInput,
  context: ChangeContext,
): Promise<Provider> {
  const [current, lead] = await Promise.all([
    deps.register.getProvider(providerId),
    deps.relationships.getCorporateLead(providerId),
  ]);
  if (!current) throw new NotFoundError('No such provider');
  if (current.version !== expectedVersion) {
    throw new StaleVersionError('The provider has changed since you read it: read it again and retry');
  }
  const changed: Provider = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.marketOversight !== undefined ? { marketOversight: patch.marketOversight } : {}),
    ...(patch.registrationId !== undefined ? { registrationId: patch.registrationId } : {}),
    // A staff correction outlives later register imports, which report the difference instead (issue 16).
    ...(patch.sector !== undefined && patch.sector !== current.sector
      ? { sector: patch.sector, sectorCorrected: true }
      : {}),
    ...(patch.contacts !== undefined
      ? {
          contacts: patch.contacts.map((contact) => {
            // An undeliverable address stays marked until the contact is given another one.
            const known = current.contacts.find((candidate) => candidate.contactId === contact.contactId);
            const stillUndeliverable =
              known?.undeliverable && known.email.toLowerCase() === contact.email.toLowerCase()
                ? { undeliverable: known.undeliverable }
                : {};
            return { ...contact, contactId: contact.contactId ?? context.newId(), ...stillUndeliverable };
          }),
        }
      : {}),
    ...nextVersion(current, context.actor, context.now),
  };
  const diff = changedFields(current, changed);
  if (Object.keys(diff.after).length === 0) return current;
  const review = corporateLeadReview(deps.policy, lead, changed, londonDate(context.now), context.now.toISOString());
  // R-CORP: a change of Market Oversight can move the band, so it commits only if the corporate lead is
  // as read (none, or unchanged); an allocation racing it is then refused, or this change is (409).
  const bandMayMove = changed.marketOversight !== current.marketOversight;
  const leadAsRead =
    bandMayMove || review ? { lead, ...(lead && review ? { reviewNeeded: review.reviewNeeded } : {}) } : undefined;
  await deps.register.replaceProvider(
    changed,
    expectedVersion,
    [
      auditEntry({
        auditId: context.newId(),
        providerId,
        entityType: 'provider',
        entityId: providerId,
        action: 'updated',
        actor: context.actor,
        now: context.now,
        ...diff,
      }),
    ],
    leadAsRead,
  );
  return changed;
}
