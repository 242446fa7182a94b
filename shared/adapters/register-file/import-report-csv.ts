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

export function importReportCsv(report: ImportReport): string {
  const lines: unknown[][] = [HEADER];
  if (report.error) lines.push(['file refused', '', '', '', '', '', '', report.error.line ?? '', report.error.message]);
  for (const entry of report.added) lines.push(['added', entry.kind, entry.registrationId, entry.name]);
  for (const entry of report.changed) {
    for (const change of entry.changes) {
      lines.push(['changed', entry.kind, entry.registrationId, entry.name, change.field, change.before, change.after]);
    }
  }
  for (const entry of report.deregistered) lines.push(['deregistered', entry.kind, entry.registrationId, entry.name]);
  for (const entry of report.refused) {
    lines.push(['refused', 'location', entry.locationId ?? '', '', '', '', '', entry.line, entry.reason]);
  }
  for (const entry of report.bandChanges) {
    lines.push([
      'band changed',
      'provider',
      entry.registrationId,
      entry.name,
      'corporate lead band',
      entry.from,
      entry.to,
    ]);
  }
  for (const entry of report.sectorDifferences) {
    lines.push([
      'sector kept (staff correction)',
      'provider',
      entry.registrationId,
      entry.name,
      'sector',
      entry.kept,
      entry.published,
    ]);
  }
  lines.push(['unchanged', 'provider', '', String(report.counts.providers.unchanged)]);
  lines.push(['unchanged', 'location', '', String(report.counts.locations.unchanged)]);
  return `${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
