import { changedFields } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { NotFoundError, StaleVersionError } from '../domain/errors.ts';
import { DEFAULT_RISK_MEETING_WITHIN_DAYS, riskTriggeredSlots } from '../domain/meetings/planning.ts';
import { engagementPlan } from '../domain/policy/engine.ts';
import type { PolicyVersion } from '../domain/policy/types.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Location, Provider, UpdateLocationInput } from '../schemas/provider.ts';
import { meetingForSlot } from './plan-meetings.ts';
import type { ChangeContext, MeetingStore, RegisterStore, RelationshipStore } from './ports.ts';

/**
 * Change a location: its name, address, registration id, or whether there is a significant risk
 * of poor care there (which decides location-level relationships and meetings: R-REL-6, R-CAD-7).
 * Course: 1. read it (404)  2. refuse a stale If-Match (412)  3. store it if unchanged meanwhile, audited
 *         4. R-CAD-7: flagged at significant risk, plan now the meetings the flag brings (due within the
 *            configured days; the engagement plan then lists the location holder it needs, R-REL-6);
 *            cleared, cancel those still only planned, with the reason (booked ones are the holder's call).
 */
export interface LocationDeps {
  register: RegisterStore;
  relationships: Pick<RelationshipStore, 'currentRelationships'>;
  meetings: Pick<MeetingStore, 'planSlot' | 'providerMeetingsDue' | 'replaceMeeting'>;
  policy: readonly PolicyVersion[];
  /** R-CAD-7: days from the flag to the meeting's due date (default DEFAULT_RISK_MEETING_WITHIN_DAYS). */
  riskMeetingWithinDays?: number;
}

export async function changeLocation(
  deps: LocationDeps,
  providerId: string,
  locationId: string,
  expectedVersion: number,
  patch: UpdateLocationInput,
  context: ChangeContext,
): Promise<Location> {
  const store = deps.register;
  const current = await store.getLocation(providerId, locationId);
  if (!current) throw new NotFoundError('No such location of this provider');
  if (current.version !== expectedVersion) {
    throw new StaleVersionError('The location has changed since you read it: read it again and retry');
  }
  const changed: Location = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
    ...nextVersion(current, context.actor, context.now),
  };
  const diff = changedFields(current, changed);
  if (Object.keys(diff.after).length === 0) return current;
  await store.replaceLocation(changed, expectedVersion, [
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType: 'location',
      entityId: locationId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      ...diff,
    }),
  ]);
  if (changed.significantRisk !== current.significantRisk) {
    await (changed.significantRisk ? planForRisk : cancelForClearedRisk)(deps, providerId, changed, context);
  }
  return changed;
}

/** The provider's plans today with this location flagged and not: what the flag alone brings (R-CAD-7). */
async function riskSlots(deps: LocationDeps, provider: Provider, locationId: string, on: string, withinDays: number) {
  const locations = await deps.register.allLocations(provider.providerId);
  const facts = (atRisk: boolean) => ({
    sector: provider.sector,
    marketOversight: provider.marketOversight,
    locations: locations.map(({ locationId: id, name, significantRisk }) => ({
      locationId: id,
      name,
      significantRisk: id === locationId ? atRisk : significantRisk,
    })),
  });
  const nobody = { providerHolder: null, locationHolders: {}, corporateLead: null };
  return riskTriggeredSlots(
    engagementPlan(deps.policy, facts(true), nobody, on),
    engagementPlan(deps.policy, facts(false), nobody, on),
    locationId,
    on,
    withinDays,
  );
}

async function planForRisk(deps: LocationDeps, providerId: string, location: Location, context: ChangeContext) {
  const provider = await deps.register.getProvider(providerId);
  if (!provider) return;
  const on = londonDate(context.now);
  const withinDays = deps.riskMeetingWithinDays ?? DEFAULT_RISK_MEETING_WITHIN_DAYS;
  const [slots, current] = await Promise.all([
    riskSlots(deps, provider, location.locationId, on, withinDays),
    deps.relationships.currentRelationships(providerId),
  ]);
  const holder =
    current.find((held) => held.scope === 'location' && held.locationId === location.locationId) ??
    current.find((held) => held.scope === 'provider');
  for (const slot of slots) {
    const meeting: Meeting = {
      ...meetingForSlot(provider, slot, holder?.staffId ?? null, context),
      summary: `${slot.requirement.summary} Planned when ${location.name} was flagged at significant risk of poor care (R-CAD-7).`,
    };
    const audit = () => [
      auditEntry({
        auditId: context.newId(),
        providerId,
        entityType: 'meeting',
        entityId: meeting.meetingId,
        action: 'created',
        actor: context.actor,
        now: context.now,
        before: null,
        after: { type: meeting.type, dueBy: meeting.dueBy, ruleId: meeting.ruleId, reason: 'significant risk flagged' },
      }),
    ];
    // The year's slot may already hold a meeting (the annual run's, or one cancelled when the flag was last
    // cleared): an open one stands; otherwise a fresh key for this flagging.
    if ((await deps.meetings.planSlot(meeting, slot.slotKey, audit())) === 'exists') {
      const open = (await deps.meetings.providerMeetingsDue(providerId, '0001-01-01', '9999-12-31')).some(
        (existing) =>
          existing.locationId === location.locationId &&
          existing.type === meeting.type &&
          (existing.status === 'planned' || existing.status === 'booked'),
      );
      if (!open) await deps.meetings.planSlot(meeting, `${slot.slotKey}#${context.now.toISOString()}`, audit());
    }
  }
}

async function cancelForClearedRisk(
  deps: LocationDeps,
  providerId: string,
  location: Location,
  context: ChangeContext,
) {
  const provider = await deps.register.getProvider(providerId);
  if (!provider) return;
  const on = londonDate(context.now);
  const types = new Set(
    (await riskSlots(deps, provider, location.locationId, on, 0)).map((slot) => slot.requirement.type),
  );
  if (types.size === 0) return;
  const meetings = await deps.meetings.providerMeetingsDue(providerId, '0001-01-01', '9999-12-31');
  const reason = `${location.name} is no longer flagged at significant risk of poor care, so its location-level meeting is no longer required (R-CAD-7)`;
  for (const meeting of meetings) {
    if (meeting.locationId !== location.locationId || meeting.status !== 'planned' || !types.has(meeting.type)) {
      continue;
    }
    const cancelled: Meeting = {
      ...meeting,
      status: 'cancelled',
      cancelReason: reason,
      ...nextVersion(meeting, context.actor, context.now),
    };
    await deps.meetings.replaceMeeting(cancelled, meeting, [
      auditEntry({
        auditId: context.newId(),
        providerId,
        entityType: 'meeting',
        entityId: meeting.meetingId,
        action: 'updated',
        actor: context.actor,
        now: context.now,
        ...changedFields(meeting, cancelled),
      }),
    ]);
  }
}
