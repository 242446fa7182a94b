import { describe, expect, it } from 'vitest';
import {
  type ComparableItem,
  type ComparableSection,
  templateChanges,
} from '../../shared/domain/templates/template-changes.ts';

/**
 * What changed between two saved versions of a pre-meeting template (R-TPL-3 keeps every version), section
 * by section: added, changed, removed, sensitivity changed (R-TPL-1 keeps sensitive items from the provider).
 */
const item = (text: string, extra: Partial<ComparableItem> = {}): ComparableItem => ({
  text,
  infoId: null,
  sensitive: false,
  ...extra,
});
const section = (sectionId: string, items: ComparableItem[], title = `Section ${sectionId}`): ComparableSection => ({
  sectionId,
  title,
  items,
});
const version = (...sections: ComparableSection[]) => ({ sections });

describe('what changed in a template version (R-TPL-3)', () => {
  it('reads the first version as all new: every section added, every item added', () => {
    const changes = templateChanges(null, version(section('a', [item('One'), item('Two')])));

    expect(changes).toEqual([
      {
        sectionId: 'a',
        title: 'Section a',
        status: 'added',
        titleBefore: null,
        changes: [
          { kind: 'added', item: item('One') },
          { kind: 'added', item: item('Two') },
        ],
      },
    ]);
  });

  it('leaves out a section nothing changed in, and says nothing changed when the versions read the same', () => {
    const same = version(section('a', [item('One')]), section('b', [item('Two')]));

    expect(templateChanges(same, same)).toEqual([]);
  });

  it('finds an item added at the end, and one added in the middle where it stands', () => {
    const before = version(section('a', [item('One'), item('Three')]));
    const after = version(section('a', [item('One'), item('Two'), item('Three'), item('Four')]));

    expect(templateChanges(before, after)[0]?.changes).toEqual([
      { kind: 'added', item: item('Two') },
      { kind: 'added', item: item('Four') },
    ]);
  });

  it('finds an item removed, where it stood', () => {
    const before = version(section('a', [item('One'), item('Two'), item('Three')]));
    const after = version(section('a', [item('One'), item('Three')]));

    expect(templateChanges(before, after)[0]?.changes).toEqual([{ kind: 'removed', item: item('Two') }]);
  });

  it('reads an edited item as changed, not as one removed and one added (same place in the section)', () => {
    const before = version(section('a', [item('Meet the chief executive'), item('Kept')]));
    const after = version(section('a', [item('Meet the chief executive and the chair'), item('Kept')]));

    expect(templateChanges(before, after)[0]?.changes).toEqual([
      {
        kind: 'changed',
        before: item('Meet the chief executive'),
        after: item('Meet the chief executive and the chair'),
        textChanged: true,
        sensitivityChanged: false,
      },
    ]);
  });

  it('pairs an edited item by the information it came from, even when it moved', () => {
    const before = version(section('a', [item('Complaint about nights', { infoId: 'i1' }), item('Other')]));
    const after = version(section('a', [item('Other'), item('Complaint about night staffing', { infoId: 'i1' })]));

    const [change] = templateChanges(before, after)[0]?.changes ?? [];

    expect(change).toMatchObject({
      kind: 'changed',
      before: { text: 'Complaint about nights' },
      after: { text: 'Complaint about night staffing' },
    });
  });

  it.each([
    [false, true, 'marked sensitive'],
    [true, false, 'no longer sensitive'],
  ])('reports an item whose sensitivity changed, text unchanged (R-TPL-1): %s → %s (%s)', (was, now) => {
    const before = version(section('a', [item('A named member of staff', { sensitive: was })]));
    const after = version(section('a', [item('A named member of staff', { sensitive: now })]));

    expect(templateChanges(before, after)[0]?.changes).toEqual([
      {
        kind: 'changed',
        before: item('A named member of staff', { sensitive: was }),
        after: item('A named member of staff', { sensitive: now }),
        textChanged: false,
        sensitivityChanged: true,
      },
    ]);
  });

  it('reports a section added, one removed (with its items) and one renamed', () => {
    const before = version(section('a', [item('One')], 'Old title'), section('gone', [item('Bye')]));
    const after = version(section('a', [item('One')], 'New title'), section('new', [item('Hello')]));

    const changes = templateChanges(before, after);

    expect(changes.map(({ sectionId, status, titleBefore }) => ({ sectionId, status, titleBefore }))).toEqual([
      { sectionId: 'a', status: 'kept', titleBefore: 'Old title' },
      { sectionId: 'new', status: 'added', titleBefore: null },
      { sectionId: 'gone', status: 'removed', titleBefore: null },
    ]);
    expect(changes[2]?.changes).toEqual([{ kind: 'removed', item: item('Bye') }]);
  });

  it('pairs repeated identical items one to one, so a duplicate removed reads as one removal', () => {
    const before = version(section('a', [item('Same'), item('Same')]));
    const after = version(section('a', [item('Same')]));

    expect(templateChanges(before, after)[0]?.changes).toEqual([{ kind: 'removed', item: item('Same') }]);
  });
});
