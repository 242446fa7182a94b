import { describe, expect, it } from 'vitest';
import { importReportCsv } from '../../shared/adapters/register-file/import-report-csv.ts';
import type { ImportReport } from '../../shared/use-cases/import-register.ts';

const tally = () => ({ added: 0, changed: 0, deregistered: 0, unchanged: 0 });
const report = (overrides: Partial<ImportReport>): ImportReport => ({
  importDate: '2026-11-29',
  dryRun: false,
  error: null,
  rowsRead: 0,
  counts: { providers: tally(), locations: tally(), refused: 0, bandChanges: 0, sectorDifferences: 0 },
  added: [],
  changed: [],
  deregistered: [],
  refused: [],
  bandChanges: [],
  sectorDifferences: [],
  ...overrides,
});

describe('the import report as CSV (issue 16)', () => {
  it('lists each change field by field, quoting commas, quotes and line breaks', () => {
    const csv = importReportCsv(
      report({
        changed: [
          {
            kind: 'location',
            registrationId: '1-101',
            name: 'St "Mary\'s", Bangor',
            changes: [{ field: 'address', before: 'Old Road,\nBangor', after: 'New Road' }],
          },
        ],
      }),
    );

    expect(csv).toContain('changed,location,1-101,"St ""Mary\'s"", Bangor",address,"Old Road,\nBangor",New Road');
  });

  it.each(['=HYPERLINK("x")', '+44 1248', '-1', '@SUM(A1)'])(
    'keeps a spreadsheet from running "%s" as a formula',
    (name) => {
      const csv = importReportCsv(report({ added: [{ kind: 'provider', registrationId: '1-1', name }] }));

      expect(csv.split('\r\n')[1]).toMatch(/^added,provider,1-1,"?'/);
    },
  );

  it('says why a whole file was refused', () => {
    const csv = importReportCsv(report({ error: { message: 'The file is empty', line: null } }));

    expect(csv.split('\r\n')[1]).toBe('file refused,,,,,,,,The file is empty');
  });
});
