import { addDays, londonDate } from '../domain/calendar.ts';
import { NotFoundError } from '../domain/errors.ts';
import { countsTowardsCadence } from '../domain/meetings/ad-hoc.ts';
import { type Period, quarterOf } from '../domain/meetings/planning.ts';
import type { Submission } from '../schemas/contact.ts';
import type { Inspection } from '../schemas/inspection.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { ContactStore, InspectionStore, MeetingStore, Page, RegisterStore, TemplateStore } from './ports.ts';

/**
 * R-CORP-5: the quality and risk profile across all a provider's locations, so that a corporate lead sees
 * trends, risks and issues: per location its significant-risk flag, overdue meetings and last inspection;
 * for the provider the open concerns and submissions, the information held by kind over the last four
 * quarters, overdue meetings, the last inspection; totals and a per-quarter trend.
 * Course: 1. read the provider (404)  2. one Query per item collection, in parallel: locations,
 *         information since the first of the four quarters, submissions, the provider's meetings due
 *         before today, inspections (no Scan)  3. count.
 */
export interface RiskProfileDeps {
  register: RegisterStore;
  templates: Pick<TemplateStore, 'informationSince'>;
  contact: Pick<ContactStore, 'listProviderSubmissions'>;
  meetings: Pick<MeetingStore, 'providerMeetingsDue'>;
  inspections: Pick<InspectionStore, 'listInspections'>;
}

export interface QuarterTrend {
  quarter: string;
  information: Record<string, number>;
  submissions: number;
  concerns: number;
  meetingsHeld: number;
  inspections: number;
}

export interface RiskProfile {
  providerId: string;
  name: string;
  sector: string;
  on: string;
  quarters: string[];
  totals: {
    locations: number;
    atSignificantRisk: number;
    openSubmissions: number;
    openConcerns: number;
    overdueMeetings: number;
    informationByKind: Record<string, number>;
  };
  trend: QuarterTrend[];
  locations: {
    locationId: string;
    name: string;
    significantRisk: boolean;
    overdueMeetings: number;
    lastInspection: { inspectionId: string; inspectedOn: string } | null;
  }[];
  lastInspection: { inspectionId: string; inspectedOn: string; locationId: string | null } | null;
}

async function everyPage<T>(read: (nextToken: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await read(nextToken);
    items.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return items;
}

/** The four calendar quarters ending with the one `on` falls in, oldest first. */
export function lastFourQuarters(on: string): Period[] {
  const quarters = [quarterOf(on)];
  while (quarters.length < 4) {
    const earliest = quarters[0];
    if (!earliest) break;
    quarters.unshift(quarterOf(addDays(earliest.startsOn, -1)));
  }
  return quarters;
}

const OPEN_MEETING = new Set(['planned', 'booked']);
const inQuarter = (quarter: Period, day: string) => day >= quarter.startsOn && day <= quarter.endsOn;
const count = <T>(items: readonly T[], keep: (item: T) => boolean) => items.filter(keep).length;

export async function providerRiskProfile(deps: RiskProfileDeps, providerId: string, now: Date): Promise<RiskProfile> {
  const provider = await deps.register.getProvider(providerId);
  if (!provider) throw new NotFoundError('No such provider');
  const today = londonDate(now);
  const quarters = lastFourQuarters(today);
  const since = quarters[0]?.startsOn ?? today;
  const [locations, information, submissions, meetings, inspections] = await Promise.all([
    deps.register.allLocations(providerId),
    deps.templates.informationSince(providerId, since),
    everyPage<Submission>((nextToken) => deps.contact.listProviderSubmissions(providerId, { limit: 100, nextToken })),
    deps.meetings.providerMeetingsDue(providerId, '0001-01-01', today),
    everyPage<Inspection>((nextToken) => deps.inspections.listInspections(providerId, { limit: 100, nextToken })),
  ]);
  // R-CAD-11: an ad hoc meeting is never overdue; only what the cadence required can be (R-CAD-8).
  const overdue = meetings.filter(
    (meeting: Meeting) => OPEN_MEETING.has(meeting.status) && meeting.dueBy < today && countsTowardsCadence(meeting),
  );
  // Open until closed: an answered concern may still be in hand (R-PRV-1).
  const open = submissions.filter((submission) => submission.status !== 'closed');
  const submittedOn = (submission: Submission) => londonDate(new Date(submission.submittedAt));
  const byKind = (items: readonly { kind: string }[]) =>
    items.reduce<Record<string, number>>((counts, item) => {
      counts[item.kind] = (counts[item.kind] ?? 0) + 1;
      return counts;
    }, {});
  // Newest first, as the store lists them.
  const latest = (locationId: string | null | undefined) =>
    inspections.find((inspection) => locationId === undefined || inspection.locationId === locationId) ?? null;
  const brief = (inspection: Inspection | null) =>
    inspection ? { inspectionId: inspection.inspectionId, inspectedOn: inspection.inspectedOn } : null;
  const providerLatest = latest(undefined);

  return {
    providerId,
    name: provider.name,
    sector: provider.sector,
    on: today,
    quarters: quarters.map((quarter) => quarter.id),
    totals: {
      locations: locations.length,
      atSignificantRisk: count(locations, (location) => location.significantRisk),
      openSubmissions: open.length,
      openConcerns: count(open, (submission) => submission.kind === 'concern'),
      overdueMeetings: overdue.length,
      informationByKind: byKind(information),
    },
    trend: quarters.map((quarter) => ({
      quarter: quarter.id,
      information: byKind(information.filter((item) => inQuarter(quarter, item.occurredOn))),
      submissions: count(submissions, (submission) => inQuarter(quarter, submittedOn(submission))),
      concerns: count(
        submissions,
        (submission) => submission.kind === 'concern' && inQuarter(quarter, submittedOn(submission)),
      ),
      meetingsHeld: count(
        meetings,
        (meeting) =>
          meeting.status === 'held' &&
          inQuarter(quarter, meeting.heldAt ? londonDate(new Date(meeting.heldAt)) : meeting.dueBy),
      ),
      inspections: count(inspections, (inspection) => inQuarter(quarter, inspection.inspectedOn)),
    })),
    locations: locations.map((location) => ({
      locationId: location.locationId,
      name: location.name,
      significantRisk: location.significantRisk,
      overdueMeetings: count(overdue, (meeting) => meeting.locationId === location.locationId),
      lastInspection: brief(latest(location.locationId)),
    })),
    lastInspection: providerLatest
      ? {
          inspectionId: providerLatest.inspectionId,
          inspectedOn: providerLatest.inspectedOn,
          locationId: providerLatest.locationId,
        }
      : null,
  };
}
