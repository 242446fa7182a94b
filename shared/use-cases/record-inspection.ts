import { auditEntry } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { NotFoundError, RuleViolation, ValidationError } from '../domain/errors.ts';
import type { Inspection, RecordInspectionInput } from '../schemas/inspection.ts';
import type { ChangeContext, InspectionStore, Page, PageRequest, RegisterStore, RelationshipStore } from './ports.ts';

/**
 * Record who inspected a provider or one of its locations (R-REL-5), and list them.
 * Course: 1. read the provider (404), its location (400 if not its own) and each inspector (400 naming
 *         the one unknown)  2. refuse a day to come or before the regulator began (1 April 2009)
 *         3. adult social care: where the service has a relationship holder who is not among the
 *            inspectors, a reason is required (422 R-REL-5; seed 004: "Your relationship holder will carry
 *            out the inspection of your service, unless they are unavailable")  4. store it, audited.
 */
export interface InspectionDeps {
  register: RegisterStore;
  relationships: Pick<RelationshipStore, 'currentRelationships'>;
  inspections: InspectionStore;
}

/** The Care Quality Commission began regulating on 1 April 2009: an earlier day is a typo. */
const FIRST_DAY = '2009-04-01';

export async function recordInspection(
  deps: InspectionDeps,
  providerId: string,
  input: RecordInspectionInput,
  context: ChangeContext,
): Promise<Inspection> {
  const provider = await deps.register.getProvider(providerId);
  if (!provider) throw new NotFoundError('No such provider');
  const today = londonDate(context.now);
  if (input.inspectedOn > today || input.inspectedOn < FIRST_DAY) {
    throw new ValidationError('An inspection is recorded once it has happened, from 1 April 2009 on', [
      {
        path: 'body.inspectedOn',
        message: input.inspectedOn > today ? 'must not be in the future' : `must be ${FIRST_DAY} or later`,
      },
    ]);
  }
  const [location, inspectors, current] = await Promise.all([
    input.locationId ? deps.register.getLocation(providerId, input.locationId) : Promise.resolve(null),
    Promise.all(input.inspectorStaffIds.map((staffId) => deps.register.getStaff(staffId))),
    deps.relationships.currentRelationships(providerId),
  ]);
  if (input.locationId && !location) {
    throw new ValidationError('The location is not one of this provider’s', [
      { path: 'body.locationId', message: 'not a location of this provider' },
    ]);
  }
  const unknown = inspectors.findIndex((staff) => staff === null);
  if (unknown >= 0) {
    throw new ValidationError('No member of staff has this id', [
      { path: `body.inspectorStaffIds.${unknown}`, message: 'no member of staff has this id' },
    ]);
  }
  const holder =
    current.find((held) =>
      input.locationId ? held.scope === 'location' && held.locationId === input.locationId : held.scope === 'provider',
    ) ?? null;
  const holderInspected = holder !== null && input.inspectorStaffIds.includes(holder.staffId);
  if (provider.sector === 'adult-social-care' && holder && !holderInspected && !input.reasonHolderDidNot) {
    throw new RuleViolation(
      'R-REL-5',
      `${holder.staffName} holds this relationship and carries out its inspection unless unavailable: give reasonHolderDidNot`,
      [{ path: 'body.reasonHolderDidNot', message: 'required when the relationship holder did not inspect' }],
    );
  }
  const inspection: Inspection = {
    inspectionId: context.newId(),
    providerId,
    locationId: input.locationId ?? null,
    inspectedOn: input.inspectedOn,
    inspectors: inspectors.flatMap((staff) => (staff ? [{ staffId: staff.staffId, name: staff.name }] : [])),
    holderStaffId: holder?.staffId ?? null,
    reasonHolderDidNot: input.reasonHolderDidNot ?? null,
    recordedAt: context.now.toISOString(),
    recordedBy: `${context.actor.type}:${context.actor.id}`,
  };
  await deps.inspections.recordInspection(inspection, [
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType: 'inspection',
      entityId: inspection.inspectionId,
      action: 'created',
      actor: context.actor,
      now: context.now,
      before: null,
      after: {
        locationId: inspection.locationId,
        inspectedOn: inspection.inspectedOn,
        inspectorStaffIds: input.inspectorStaffIds,
        reasonHolderDidNot: inspection.reasonHolderDidNot,
      },
    }),
  ]);
  return inspection;
}

/** A provider's inspections, newest first: one Query; an empty first page reads the provider to tell 404. */
export async function listInspections(
  deps: Pick<InspectionDeps, 'register' | 'inspections'>,
  providerId: string,
  request: PageRequest,
): Promise<Page<Inspection>> {
  const page = await deps.inspections.listInspections(providerId, request);
  if (page.items.length === 0 && !request.nextToken && !(await deps.register.getProvider(providerId))) {
    throw new NotFoundError('No such provider');
  }
  return page;
}
