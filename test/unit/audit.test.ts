import { describe, expect, it } from 'vitest';
import { changedFields } from '../../shared/domain/audit.ts';
import { nextVersion } from '../../shared/domain/bookkeeping.ts';

describe('what an audit entry says changed', () => {
  it('names only the fields that differ, with their old and new values', () => {
    const before = { name: 'A', marketOversight: false, contacts: [{ name: 'X' }], version: 1 };
    const after = { name: 'A', marketOversight: true, contacts: [{ name: 'Y' }], version: 2 };

    expect(changedFields(before, after)).toEqual({
      before: { marketOversight: false, contacts: [{ name: 'X' }] },
      after: { marketOversight: true, contacts: [{ name: 'Y' }] },
    });
  });

  it('treats a field added or removed as a change from or to null', () => {
    expect(changedFields({ a: 1 }, { b: 2 })).toEqual({ before: { a: 1, b: null }, after: { a: null, b: 2 } });
  });

  it('says nothing changed when only bookkeeping moved', () => {
    expect(changedFields({ name: 'A', version: 1, updatedAt: 'x' }, { name: 'A', version: 2, updatedAt: 'y' })).toEqual(
      {
        before: {},
        after: {},
      },
    );
  });
});

describe('versions', () => {
  it('counts up, keeps who created the record and says who changed it', () => {
    const first = { version: 3, createdAt: 't0', createdBy: 'staff:A', updatedAt: 't1', updatedBy: 'staff:A' };

    const next = nextVersion(first, { type: 'staff', id: 'B', roles: [] }, new Date('2027-01-01T00:00:00Z'));

    expect(next).toEqual({
      version: 4,
      createdAt: 't0',
      createdBy: 'staff:A',
      updatedAt: '2027-01-01T00:00:00.000Z',
      updatedBy: 'staff:B',
    });
  });
});
