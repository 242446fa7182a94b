import { auditEntry, firstVersion, nextVersion } from '../domain/bookkeeping.ts';
import {
  designatedSlots,
  type MeetingSlot,
  type PlanningJob,
  periodFor,
  quarterOf,
  slotsFor,
} from '../domain/meetings/planning.ts';
import { engagementPlan } from '../domain/policy/engine.ts';
import { SECTORS, type Sector } from '../domain/vocabulary.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Provider } from '../schemas/provider.ts';
import type { RelationshipDeps } from './allocate-relationship.ts';
import type { ChangeContext, MeetingStore } from './ports.ts';

/**
 * A planning run (R-REM-1 quarterly, R-REM-2 annual): create the meetings the policy in force
 * requires of every provider for the period.
 * Course: 1. find the sectors whose policy on that day requires meetings of this run
 *         2. read each provider of those sectors once (a Query per sector page; locations only
 *            where location-level meetings can apply; relationships for the holder)
 *         3. ask the engine for the provider's plan and turn it into slots for the period; the annual run
 *            also designates the year's deputy director + chief executive meeting (R-CAD-5)
 *         4. plan each slot; a slot already planned (a repeated or concurrent run) is left alone, except
 *            that a designated slot the quarterly run planned first becomes the designated meeting.
 */
export interface PlanningDeps extends RelationshipDeps {
  meetings: MeetingStore;
  /** R-CAD-5: which quarter of the business year the annual run designates (default DEFAULT_DESIGNATED_QUARTER). */
  designatedQuarter?: number;
}

export interface PlanningSummary {
  period: string;
  sectors: Sector[];
  providersRead: number;
  slots: number;
  created: number;
  alreadyPlanned: number;
}

const WRITE_CONCURRENCY = 16;

/**
 * Whether a sector's providers can need meetings from this run, asked of the engine with providers whose
 * locations are all at significant risk: one with a single location and one with two (the most a provider can
 * be asked for: R-CAD-7 plans at-risk locations, and independent healthcare's provider meeting continues only
 * above one location). A sector the probes plan nothing for is not read at all (adult social care: 30,000
 * providers); locations are read only where the plan depends on them.
 */
function sectorNeeds(deps: PlanningDeps, sector: Sector, job: PlanningJob, on: string) {
  const probe = (count: number) => {
    const plan = engagementPlan(
      deps.policy,
      {
        sector,
        marketOversight: false,
        locations: Array.from({ length: count }, (_, index) => ({
          locationId: `probe-${index}`,
          name: 'probe',
          significantRisk: true,
        })),
      },
      { providerHolder: null, locationHolders: {}, corporateLead: null },
      on,
    );
    return [...slotsFor(plan, job, on), ...designatedSlots(plan, job, on, deps.designatedQuarter)];
  };
  const [one, two] = [probe(1), probe(2)];
  const providerLevel = (slots: typeof one) => slots.filter((slot) => slot.requirement.level === 'provider').length;
  return {
    relevant: two.length > 0,
    atLocations: two.some((slot) => slot.requirement.level === 'location') || providerLevel(one) !== providerLevel(two),
  };
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(work));
  }
}

export async function planMeetings(
  deps: PlanningDeps,
  job: PlanningJob,
  on: string,
  context: ChangeContext,
): Promise<PlanningSummary> {
  const summary: PlanningSummary = {
    period: periodFor(job, on).id,
    sectors: [],
    providersRead: 0,
    slots: 0,
    created: 0,
    alreadyPlanned: 0,
  };
  for (const sector of SECTORS) {
    const needs = sectorNeeds(deps, sector, job, on);
    if (!needs.relevant) continue;
    summary.sectors.push(sector);
    let nextToken: string | undefined;
    do {
      const page = await deps.register.listProviders({ sector, limit: 100, nextToken });
      await inBatches(page.items, WRITE_CONCURRENCY, async (provider) => {
        summary.providersRead += 1;
        const outcome = await planProvider(deps, provider, needs.atLocations, job, on, context);
        summary.slots += outcome.slots;
        summary.created += outcome.created;
        summary.alreadyPlanned += outcome.slots - outcome.created;
      });
      nextToken = page.nextToken ?? undefined;
    } while (nextToken);
  }
  return summary;
}

async function planProvider(
  deps: PlanningDeps,
  provider: Provider,
  readLocations: boolean,
  job: PlanningJob,
  on: string,
  context: ChangeContext,
): Promise<{ slots: number; created: number }> {
  const [locations, current] = await Promise.all([
    readLocations ? deps.register.allLocations(provider.providerId) : Promise.resolve([]),
    deps.relationships.currentRelationships(provider.providerId),
  ]);
  const holder = current.find((held) => held.scope === 'provider') ?? null;
  const plan = engagementPlan(
    deps.policy,
    {
      sector: provider.sector,
      marketOversight: provider.marketOversight,
      locations: locations.map(({ locationId, name, significantRisk }) => ({ locationId, name, significantRisk })),
      cadence: provider.cadence ?? null,
    },
    { providerHolder: holder ? { staffId: holder.staffId } : null, locationHolders: {}, corporateLead: null },
    on,
  );
  const slots = [...slotsFor(plan, job, on), ...designatedSlots(plan, job, on, deps.designatedQuarter)];
  let created = 0;
  for (const slot of slots) {
    const locationHolder = current.find(
      (held) => held.scope === 'location' && held.locationId === slot.requirement.locationId,
    );
    const meeting = meetingForSlot(provider, slot, (locationHolder ?? holder)?.staffId ?? null, context);
    const outcome = await deps.meetings.planSlot(meeting, slot.slotKey, [createdAudit(meeting, context)]);
    if (outcome === 'created') created += 1;
    else if (slot.designated) await designateExisting(deps, provider.providerId, slot, context);
  }
  return { slots: slots.length, created };
}

function createdAudit(meeting: Meeting, context: ChangeContext) {
  return auditEntry({
    auditId: context.newId(),
    providerId: meeting.providerId,
    entityType: 'meeting',
    entityId: meeting.meetingId,
    action: 'created',
    actor: context.actor,
    now: context.now,
    before: null,
    after: {
      type: meeting.type,
      period: meeting.period,
      dueBy: meeting.dueBy,
      ruleId: meeting.ruleId,
      ...(meeting.requirements.also ? { designated: meeting.requirements.also.ruleId } : {}),
    },
  });
}

/** The planned meeting a slot becomes: what the rule asks of it, nobody booked yet (R-CAD-9). */
export function meetingForSlot(
  provider: Pick<Provider, 'providerId' | 'name'>,
  slot: MeetingSlot,
  holderStaffId: string | null,
  context: ChangeContext,
): Meeting {
  const { requirement, designated } = slot;
  return {
    meetingId: context.newId(),
    providerId: provider.providerId,
    providerName: provider.name,
    type: requirement.type,
    level: requirement.level,
    locationId: requirement.locationId,
    ruleId: requirement.ruleId,
    policyId: requirement.policyId,
    summary: designated ? `${requirement.summary} ${designatedSummary(designated)}` : requirement.summary,
    period: slot.period,
    dueBy: slot.dueBy,
    status: 'planned',
    startsAt: null,
    durationMinutes: null,
    mode: null,
    venue: null,
    holderStaffId,
    lead: null,
    regulatorAttendees: [],
    providerAttendees: [],
    groupsToMeet: [],
    requirements: {
      leadRoles: requirement.leadRoles,
      regulatorAttendees: requirement.regulatorAttendees,
      providerAttendees: requirement.providerAttendees,
      modes: requirement.modes,
      ...(designated ? { also: alsoOf(designated) } : {}),
    },
    cancelReason: null,
    heldAt: null,
    notes: null,
    actions: [],
    overdueNotifiedAt: null,
    share: null,
    inviteSequence: 0,
    exception: null,
    ...firstVersion(context.actor, context.now),
  };
}

const alsoOf = (designated: NonNullable<MeetingSlot['designated']>) => ({
  ruleId: designated.ruleId,
  regulatorAttendees: [...designated.regulatorAttendees],
  providerAttendees: [...designated.providerAttendees],
});

const designatedSummary = (designated: NonNullable<MeetingSlot['designated']>) =>
  `This is the year's meeting that also includes a deputy director of the regulator and the provider's chief executive (${designated.ruleId}).`;

/**
 * R-CAD-5: the quarterly run got to the designated quarter first, so its planned meeting becomes the
 * designated one (once: a meeting already designated, booked or held is left as it is).
 */
async function designateExisting(
  deps: PlanningDeps,
  providerId: string,
  slot: MeetingSlot,
  context: ChangeContext,
): Promise<void> {
  const { designated } = slot;
  if (!designated) return;
  const period = quarterOf(slot.dueBy);
  const existing = (await deps.meetings.providerMeetingsDue(providerId, period.startsOn, period.endsOn)).find(
    (meeting) => meeting.type === slot.requirement.type && meeting.period === slot.period,
  );
  if (!existing || existing.status !== 'planned' || existing.requirements.also) return;
  const changed: Meeting = {
    ...existing,
    summary: `${existing.summary} ${designatedSummary(designated)}`,
    requirements: { ...existing.requirements, also: alsoOf(designated) },
    ...nextVersion(existing, context.actor, context.now),
  };
  await deps.meetings.replaceMeeting(changed, existing, [
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType: 'meeting',
      entityId: existing.meetingId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      before: { designated: null },
      after: { designated: designated.ruleId },
    }),
  ]);
}
