import { type Actor, describeActor } from '../domain/actor.ts';
import { type AuditAction, type AuditEntry, changedFields, withoutBookkeeping } from '../domain/audit.ts';
import { auditEntry, type Bookkeeping, firstVersion, nextVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { ConflictError, StaleVersionError } from '../domain/errors.ts';
import { corporateLeadReview } from '../domain/policy/corporate-lead-review.ts';
import { corporateLeadBand } from '../domain/policy/engine.ts';
import type { PolicyVersion } from '../domain/policy/types.ts';
import { placeProvider, type RegisterRow } from '../domain/register/register-row.ts';
import type { RefusedRow, ShardRecord } from '../domain/register/shard-plan.ts';
import type { Sector } from '../domain/vocabulary.ts';
import type { Location, Provider } from '../schemas/provider.ts';
import type { RelationshipStore } from './ports.ts';
import type { ImportedProviderWrite, RegisterImportStore } from './register-ports.ts';

/**
 * Load CQC's published register, keep ours in step (issue 16): the rules of the import, applied
 * to the rows of one shard at a time (the steps and their order: register-import-steps.ts).
 * Course (registerWriter): 2. group the shard's rows by Provider ID; refuse the duplicate Location
 *         IDs the split found and providers whose sector cannot be placed  3. per provider, a few
 *         at a time: read what we hold (by CQC id), add what is new, change what differs (name,
 *         address, sector unless staff corrected it), deregister its locations missing from the
 *         file; flag the corporate lead for review when the band moves (R-CORP-1..4) exactly as API
 *         edits do; write nothing when nothing differs  4. deregister providers the file no longer
 *         lists (never delete). A dry run does all of it and writes nothing.
 * Idempotent: every write follows a read that says it is needed, keyed on the CQC ids, so a
 * second import of the same file writes nothing and a re-run after a crash finishes the job.
 */
export interface ImportDeps {
  store: RegisterImportStore;
  relationships: Pick<RelationshipStore, 'getCorporateLead'>;
  policy: readonly PolicyVersion[];
  /** CQC Provider IDs staff marked as national independent mental health providers. */
  nationalMentalHealth(): Promise<string[]>;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Providers worked on at once: paces the writes (STYLE.md, "DynamoDB at the register's scale"). */
  concurrency?: number;
  maxBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'reading' | 'applying' | 'deregistering' | 'done';
  bytesRead: number;
  rowsRead: number;
  /** Known once the file is read. */
  rowsTotal: number | null;
  rowsApplied: number;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
export interface ReportEntry {
  kind: 'provider' | 'location';
  registrationId: string;
  name: string;
}
export interface ImportReport {
  importDate: string;
  dryRun: boolean;
  /** Set when the file could not be read as a whole: nothing was written. */
  error: { message: string; line: number | null } | null;
  rowsRead: number;
  counts: {
    providers: { added: number; changed: number; deregistered: number; unchanged: number };
    locations: { added: number; changed: number; deregistered: number; unchanged: number };
    refused: number;
    bandChanges: number;
    sectorDifferences: number;
  };
  added: ReportEntry[];
  changed: Array<ReportEntry & { changes: FieldChange[] }>;
  deregistered: ReportEntry[];
  refused: Array<{ line: number; locationId: string | null; providerId: string | null; reason: string }>;
  bandChanges: Array<{ registrationId: string; name: string; from: string | null; to: string | null }>;
  /** Providers whose sector staff corrected: kept, and the published one shown. */
  sectorDifferences: Array<{ registrationId: string; name: string; kept: Sector; published: Sector }>;
}

export interface ProviderGroup {
  first: RegisterRow;
  sector: Sector;
  rows: RegisterRow[];
  /** Some of its rows were refused: its other locations are not deregistered on this file's word. */
  incomplete: boolean;
}

const FIELDS_COMPARED = {
  provider: ['name', 'sector', 'registrationId', 'locationCount', 'deregisteredAt'],
  location: ['name', 'address', 'registrationId', 'deregisteredAt'],
} as const;

/** "29 November 2026": the import's name in audit entries ("changed by the register import of …"). */
const dayInWords = (now: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(now);

/**
 * The writing half of the import, for the rows of one shard (or of the whole file): what the
 * steps of register-import-steps.ts call. `now` is the import's, the same in every step.
 */
export function registerWriter(
  deps: ImportDeps,
  options: { dryRun: boolean; concurrency?: number },
  context: { now: Date; newId: () => string },
) {
  const today = londonDate(context.now);
  const at = context.now.toISOString();
  const actor: Actor = { type: 'system', id: `register import of ${dayInWords(context.now)}` };
  const by = describeActor(actor);
  const concurrency = options.concurrency ?? 8;

  /**
   * Stored by an earlier attempt of this very import: a step retried after a crash (or a timeout) meets
   * its own writes. They differ from nothing in the file, so without this they would be reported as
   * unchanged and the report would lose what the attempt did; instead each is reported as it was done
   * (added, changed field by field from its audit entry, deregistered), and nothing is written again.
   */
  const writtenByThisImport = (record: Bookkeeping) => record.updatedAt === at && record.updatedBy === by;
  const createdByThisImport = (record: Bookkeeping) => record.createdAt === at && record.createdBy === by;
  /** The fields an audit entry of this import changed, as the report shows them. */
  const changesIn = (entry: AuditEntry | undefined, fields: readonly string[]): FieldChange[] =>
    differences(entry?.before ?? {}, { ...entry?.before, ...entry?.after }, fields);

  const common = { actor, now: context.now };
  const audit = (
    providerId: string,
    entityType: 'provider' | 'location',
    entityId: string,
    action: AuditAction,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ) => auditEntry({ ...common, auditId: context.newId(), providerId, entityType, entityId, action, before, after });

  const bandOf = (provider: Pick<Provider, 'sector' | 'marketOversight' | 'locationCount'>) =>
    corporateLeadBand(deps.policy, provider, today).value?.ruleId ?? null;

  /** Locations changed as this file says; returns the writes and the active count after them. */
  function planLocations(
    into: ImportReport,
    providerId: string,
    stored: Location[],
    rows: RegisterRow[],
    keepMissing: boolean,
    earlier: ReadonlyMap<string, AuditEntry>,
  ) {
    const writes: ImportedProviderWrite['locations'] = [];
    const byId = new Map(
      stored.flatMap((location) => (location.registrationId ? [[location.registrationId, location]] : [])),
    );
    const inFile = new Set(rows.map((row) => row.locationId));
    // Active after the import: the file's rows, and stored ones it cannot speak for (no CQC id, or kept).
    let active = stored.filter(
      (location) =>
        !location.deregisteredAt && (!location.registrationId || (keepMissing && !inFile.has(location.registrationId))),
    ).length;
    for (const row of rows) {
      const previous = byId.get(row.locationId) ?? null;
      active += 1;
      if (!previous) {
        const next: Location = {
          locationId: context.newId(),
          providerId,
          name: row.locationName,
          registrationId: row.locationId,
          address: row.address || null,
          significantRisk: false,
          ...firstVersion(actor, context.now),
        };
        writes.push({
          next,
          previous,
          audit: audit(providerId, 'location', next.locationId, 'created', null, withoutBookkeeping(next)),
        });
        into.added.push({ kind: 'location', registrationId: row.locationId, name: row.locationName });
        into.counts.locations.added += 1;
        continue;
      }
      const wanted = { name: row.locationName, address: row.address || null, deregisteredAt: null };
      const changes = differences(previous, { ...previous, ...wanted }, FIELDS_COMPARED.location);
      if (changes.length === 0 && writtenByThisImport(previous)) {
        reportEarlierLocation(into, previous, earlier.get(previous.locationId));
        continue;
      }
      if (changes.length === 0) {
        into.counts.locations.unchanged += 1;
        continue;
      }
      const next: Location = { ...previous, ...wanted, ...nextVersion(previous, actor, context.now) };
      const diff = changedFields(previous, next);
      writes.push({
        next,
        previous,
        audit: audit(providerId, 'location', next.locationId, 'updated', diff.before, diff.after),
      });
      into.changed.push({ kind: 'location', registrationId: row.locationId, name: row.locationName, changes });
      into.counts.locations.changed += 1;
    }
    for (const previous of stored) {
      if (!previous.registrationId || inFile.has(previous.registrationId) || keepMissing) continue;
      if (previous.deregisteredAt) {
        if (previous.deregisteredAt === at && writtenByThisImport(previous)) reportDeregistered(into, previous);
        continue;
      }
      // A location that moved to another provider in this file is deregistered here and added there.
      writes.push(deregisterLocation(into, providerId, previous));
    }
    return { writes, active };
  }

  function reportDeregistered(into: ImportReport, location: Location) {
    into.deregistered.push({ kind: 'location', registrationId: String(location.registrationId), name: location.name });
    into.counts.locations.deregistered += 1;
  }

  /** A location an earlier attempt of this import added or changed (see writtenByThisImport). */
  function reportEarlierLocation(into: ImportReport, location: Location, entry: AuditEntry | undefined) {
    const named = { kind: 'location' as const, registrationId: String(location.registrationId), name: location.name };
    if (createdByThisImport(location)) {
      into.added.push(named);
      into.counts.locations.added += 1;
      return;
    }
    into.changed.push({ ...named, changes: changesIn(entry, FIELDS_COMPARED.location) });
    into.counts.locations.changed += 1;
  }

  function deregisterLocation(into: ImportReport, providerId: string, previous: Location) {
    const next: Location = { ...previous, deregisteredAt: at, ...nextVersion(previous, actor, context.now) };
    reportDeregistered(into, previous);
    return {
      next,
      previous,
      audit: audit(
        providerId,
        'location',
        previous.locationId,
        'updated',
        { deregisteredAt: null },
        { deregisteredAt: at },
      ),
    };
  }

  /** R-CORP-1..4: a change of location count or Market Oversight that moves the band flags the lead for review. */
  async function leadReviewFor(previous: Provider, next: Provider) {
    if (bandOf(previous) === bandOf(next) && previous.sector === next.sector) return undefined;
    const lead = await deps.relationships.getCorporateLead(previous.providerId);
    const review = corporateLeadReview(deps.policy, lead, next, today, at);
    return lead && review ? { lead, reviewNeeded: review.reviewNeeded } : undefined;
  }

  function noteBandChange(into: ImportReport, previous: Provider, next: Provider) {
    const [from, to] = [bandOf(previous), bandOf(next)];
    if (from === to) return;
    into.bandChanges.push({ registrationId: String(next.registrationId), name: next.name, from, to });
    into.counts.bandChanges += 1;
  }

  /**
   * What an earlier attempt of this import audited for the provider and its locations, by entity id: read
   * (one Query) only when one of them was written at this import's instant, which a first attempt never meets.
   */
  async function earlierAudit(providerId: string, records: readonly Bookkeeping[]) {
    const byEntity = new Map<string, AuditEntry>();
    if (!records.some(writtenByThisImport)) return byEntity;
    for (const entry of await deps.store.auditWrittenAt(providerId, at)) {
      if (entry.actor.id === actor.id) byEntity.set(entry.entityId, entry);
    }
    return byEntity;
  }

  /** A provider an earlier attempt of this import added, changed or deregistered (see writtenByThisImport). */
  function reportEarlierProvider(into: ImportReport, provider: Provider, entry: AuditEntry | undefined) {
    const named = { kind: 'provider' as const, registrationId: String(provider.registrationId), name: provider.name };
    if (createdByThisImport(provider)) {
      into.added.push(named);
      into.counts.providers.added += 1;
      return;
    }
    if (provider.deregisteredAt === at) {
      into.deregistered.push(named);
      into.counts.providers.deregistered += 1;
    } else {
      into.changed.push({ ...named, changes: changesIn(entry, FIELDS_COMPARED.provider) });
      into.counts.providers.changed += 1;
    }
    // The band before that attempt (R-CORP-1..4): the fields its entry changed, as they were.
    noteBandChange(into, { ...provider, ...(entry?.before ?? {}) } as Provider, provider);
  }

  /** One provider of the file: 3. Returns the writes it made (none when nothing differs). */
  async function applyGroup(into: ImportReport, registrationId: string, group: ProviderGroup): Promise<void> {
    const existing = (await deps.store.providersRegistered(registrationId, { limit: 1 })).items[0] ?? null;
    const stored = existing ? await deps.store.allLocations(existing.providerId) : [];
    const providerId = existing?.providerId ?? context.newId();
    const earlier = await earlierAudit(providerId, [...(existing ? [existing] : []), ...stored]);
    const { writes, active } = planLocations(into, providerId, stored, group.rows, group.incomplete, earlier);
    let provider: ImportedProviderWrite['provider'] = null;
    let leadReview: ImportedProviderWrite['leadReview'];
    if (!existing) {
      const next: Provider = {
        providerId,
        name: group.first.providerName,
        sector: group.sector,
        marketOversight: false,
        registrationId,
        contacts: [],
        locationCount: active,
        ...firstVersion(actor, context.now),
      };
      provider = {
        next,
        previous: null,
        audit: audit(providerId, 'provider', providerId, 'created', null, withoutBookkeeping(next)),
      };
      into.added.push({ kind: 'provider', registrationId, name: next.name });
      into.counts.providers.added += 1;
    } else {
      // A staff correction of the sector stands; the difference is reported (issue 16).
      const sector = existing.sectorCorrected ? existing.sector : group.sector;
      if (existing.sectorCorrected && existing.sector !== group.sector) {
        into.sectorDifferences.push({
          registrationId,
          name: existing.name,
          kept: existing.sector,
          published: group.sector,
        });
        into.counts.sectorDifferences += 1;
      }
      const wanted = {
        name: group.first.providerName,
        sector,
        registrationId,
        locationCount: active,
        deregisteredAt: null,
      };
      const changes = differences(existing, { ...existing, ...wanted }, FIELDS_COMPARED.provider);
      if (changes.length === 0 && writtenByThisImport(existing)) {
        reportEarlierProvider(into, existing, earlier.get(providerId));
      } else if (changes.length === 0) {
        into.counts.providers.unchanged += 1;
      } else {
        const next: Provider = { ...existing, ...wanted, ...nextVersion(existing, actor, context.now) };
        const diff = changedFields(existing, next);
        provider = {
          next,
          previous: existing,
          audit: audit(providerId, 'provider', providerId, 'updated', diff.before, diff.after),
        };
        into.changed.push({ kind: 'provider', registrationId, name: next.name, changes });
        into.counts.providers.changed += 1;
        noteBandChange(into, existing, next);
        leadReview = await leadReviewFor(existing, next);
      }
    }
    if (options.dryRun || (!provider && writes.length === 0)) return;
    await deps.store.applyImport({ provider, locations: writes, leadReview });
  }

  /**
   * 2. One shard's records grouped by Provider ID. Rows named in `duplicates` (a Location ID seen
   * on an earlier line, found by the split) are refused; a provider whose sector cannot be placed
   * is refused with all its rows; a provider named on a refused row is in the file, and none of
   * its locations is deregistered on this file's word.
   */
  async function groupRecords(
    records: AsyncIterable<ShardRecord>,
    duplicates: readonly RefusedRow[],
    into: ImportReport,
  ): Promise<{ groups: Map<string, ProviderGroup>; inFile: Set<string> }> {
    const marked = new Set(await deps.nationalMentalHealth());
    const duplicateLines = new Set(duplicates.map((entry) => entry.line));
    into.refused.push(...duplicates);
    const groups = new Map<string, ProviderGroup>();
    for await (const record of records) {
      if ('refused' in record) {
        into.refused.push(record.refused);
        continue;
      }
      const row = record.row;
      if (duplicateLines.has(row.line)) continue;
      const group = groups.get(row.providerId);
      if (group) {
        group.rows.push(row);
        continue;
      }
      const placement = placeProvider(row, marked);
      groups.set(row.providerId, {
        first: row,
        sector: placement.placed ? placement.sector : ('' as Sector),
        rows: [row],
        incomplete: !placement.placed,
      });
      if (!placement.placed) {
        into.refused.push({
          line: row.line,
          locationId: row.locationId,
          providerId: row.providerId,
          reason: placement.reason,
        });
      }
    }
    for (const group of groups.values()) {
      if (!group.incomplete || group.sector) continue;
      for (const row of group.rows.slice(1)) {
        into.refused.push({
          line: row.line,
          locationId: row.locationId,
          providerId: row.providerId,
          reason: `provider ${row.providerId} was refused on line ${group.first.line}`,
        });
      }
    }
    into.refused.sort((a, b) => a.line - b.line);
    const refusedProviders = new Set(into.refused.flatMap((entry) => (entry.providerId ? [entry.providerId] : [])));
    for (const [providerId, group] of groups) if (refusedProviders.has(providerId)) group.incomplete = true;
    return { groups, inFile: new Set([...groups.keys(), ...refusedProviders]) };
  }

  /** 3. Per provider, a few at a time; a provider changed by someone else meanwhile is read again once. */
  async function applyGroups(
    groups: Map<string, ProviderGroup>,
    into: ImportReport,
    onApplied: (rows: number) => void,
  ): Promise<void> {
    const entries = [...groups].filter(([, group]) => group.sector);
    await inPool(entries, concurrency, async ([registrationId, group]) => {
      // Each provider reports into its own part, merged once stored: a provider read again after a
      // conflict is not reported twice.
      let part = emptyReport(today, options.dryRun);
      try {
        await applyGroup(part, registrationId, group);
      } catch (error) {
        if (!(error instanceof StaleVersionError || error instanceof ConflictError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
        part = emptyReport(today, options.dryRun);
        await applyGroup(part, registrationId, group);
      }
      mergeInto(into, part);
      onApplied(group.rows.length);
    });
    // Refused rows were read too: they count as done.
    onApplied([...groups.values()].filter((group) => !group.sector).reduce((sum, group) => sum + group.rows.length, 0));
  }

  /** 4. A provider the file no longer lists, with its locations: deregistered, never deleted. */
  async function deregisterProvider(into: ImportReport, existing: Provider): Promise<void> {
    const stored = await deps.store.allLocations(existing.providerId);
    if (existing.deregisteredAt === at && writtenByThisImport(existing)) {
      // Deregistered by an earlier attempt of this import's finish step: reported, not written again.
      for (const location of stored) {
        if (location.deregisteredAt === at && writtenByThisImport(location)) reportDeregistered(into, location);
      }
      const earlier = await earlierAudit(existing.providerId, [existing]);
      reportEarlierProvider(into, existing, earlier.get(existing.providerId));
      return;
    }
    const writes = stored
      .filter((location) => location.registrationId && !location.deregisteredAt)
      .map((location) => deregisterLocation(into, existing.providerId, location));
    const active = stored.filter((location) => !location.deregisteredAt).length - writes.length;
    const next: Provider = {
      ...existing,
      deregisteredAt: at,
      locationCount: active,
      ...nextVersion(existing, actor, context.now),
    };
    const diff = changedFields(existing, next);
    into.deregistered.push({ kind: 'provider', registrationId: String(existing.registrationId), name: existing.name });
    into.counts.providers.deregistered += 1;
    noteBandChange(into, existing, next);
    const leadReview = await leadReviewFor(existing, next);
    if (options.dryRun) return;
    await deps.store.applyImport({
      provider: {
        next,
        previous: existing,
        audit: audit(existing.providerId, 'provider', existing.providerId, 'updated', diff.before, diff.after),
      },
      locations: writes,
      leadReview,
    });
  }

  /** 4. Providers we hold under a CQC id the file does not list: deregistered, never deleted. */
  async function deregisterMissing(missing: readonly Provider[], into: ImportReport): Promise<void> {
    await inPool(missing, concurrency, async (listed) => {
      // Changed by someone else meanwhile: read it again once, as in step 3.
      let part = emptyReport(today, options.dryRun);
      try {
        await deregisterProvider(part, listed);
      } catch (error) {
        if (!(error instanceof StaleVersionError || error instanceof ConflictError)) throw error;
        part = emptyReport(today, options.dryRun);
        const fresh = (await deps.store.providersRegistered(String(listed.registrationId), { limit: 1 })).items[0];
        if (fresh && !fresh.deregisteredAt) await deregisterProvider(part, fresh);
      }
      mergeInto(into, part);
    });
  }

  return { today, groupRecords, applyGroups, deregisterMissing, emptyReport: () => emptyReport(today, options.dryRun) };
}

function differences(before: object, after: object, fields: readonly string[]): FieldChange[] {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  return fields
    .filter((field) => (was[field] ?? null) !== (now[field] ?? null))
    .map((field) => ({ field, before: was[field] ?? null, after: now[field] ?? null }));
}

export function emptyReport(importDate: string, dryRun: boolean): ImportReport {
  const tally = () => ({ added: 0, changed: 0, deregistered: 0, unchanged: 0 });
  return {
    importDate,
    dryRun,
    error: null,
    rowsRead: 0,
    counts: { providers: tally(), locations: tally(), refused: 0, bandChanges: 0, sectorDifferences: 0 },
    added: [],
    changed: [],
    deregistered: [],
    refused: [],
    bandChanges: [],
    sectorDifferences: [],
  };
}

/** Adds one provider's part of the report to the whole. */
export function mergeInto(report: ImportReport, part: ImportReport) {
  report.added.push(...part.added);
  report.changed.push(...part.changed);
  report.deregistered.push(...part.deregistered);
  report.bandChanges.push(...part.bandChanges);
  report.sectorDifferences.push(...part.sectorDifferences);
  for (const kind of ['providers', 'locations'] as const) {
    for (const key of ['added', 'changed', 'deregistered', 'unchanged'] as const) {
      report.counts[kind][key] += part.counts[kind][key];
    }
  }
  report.counts.bandChanges += part.counts.bandChanges;
  report.counts.sectorDifferences += part.counts.sectorDifferences;
}

/** Runs `work` over `items`, at most `size` at once. */
async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}
