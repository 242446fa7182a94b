import type { ImportReport } from '../../use-cases/import-register.ts';

/**
 * The import report as CSV (issue 16), one line per thing done or refused, for a spreadsheet.
 * Cells a spreadsheet would run as a formula (= + - @ at the start) are prefixed with a quote mark.
 */
const HEADER = ['outcome', 'kind', 'registration id', 'name', 'field', 'before', 'after', 'line', 'reason'];

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLines = (lines: unknown[][]) => lines.map((line) => `${line.map(cell).join(',')}\r\n`).join('');

/** The header line, and the line saying why the file was refused (if it was). */
export function importReportCsvHead(report: Pick<ImportReport, 'error'>): string {
  const lines: unknown[][] = [HEADER];
  if (report.error) lines.push(['file refused', '', '', '', '', '', '', report.error.line ?? '', report.error.message]);
  return csvLines(lines);
}

/**
 * The report's sections as CSV, in order (added, changed, deregistered, refused, band changed,
 * sector kept): a report assembled from shards writes each section's lines from every shard in turn.
 */
export function importReportCsvSections(
  report: Pick<ImportReport, 'added' | 'changed' | 'deregistered' | 'refused' | 'bandChanges' | 'sectorDifferences'>,
): string[] {
  return [
    csvLines(report.added.map((entry) => ['added', entry.kind, entry.registrationId, entry.name])),
    csvLines(
      report.changed.flatMap((entry) =>
        entry.changes.map((change) => [
          'changed',
          entry.kind,
          entry.registrationId,
          entry.name,
          change.field,
          change.before,
          change.after,
        ]),
      ),
    ),
    csvLines(report.deregistered.map((entry) => ['deregistered', entry.kind, entry.registrationId, entry.name])),
    csvLines(
      report.refused.map((entry) => [
        'refused',
        'location',
        entry.locationId ?? '',
        '',
        '',
        '',
        '',
        entry.line,
        entry.reason,
      ]),
    ),
    csvLines(
      report.bandChanges.map((entry) => [
        'band changed',
        'provider',
        entry.registrationId,
        entry.name,
        'corporate lead band',
        entry.from,
        entry.to,
      ]),
    ),
    csvLines(
      report.sectorDifferences.map((entry) => [
        'sector kept (staff correction)',
        'provider',
        entry.registrationId,
        entry.name,
        'sector',
        entry.kept,
        entry.published,
      ]),
    ),
  ];
}

/** The closing lines: how many providers and locations were unchanged. */
export function importReportCsvTail(counts: ImportReport['counts']): string {
  return csvLines([
    ['unchanged', 'provider', '', String(counts.providers.unchanged)],
    ['unchanged', 'location', '', String(counts.locations.unchanged)],
  ]);
}

export function importReportCsv(report: ImportReport): string {
  return `${importReportCsvHead(report)}${importReportCsvSections(report).join('')}${importReportCsvTail(report.counts)}`;
}
