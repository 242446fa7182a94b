/**
 * What changed between two saved versions of a pre-meeting template (R-TPL-3: every version is kept, so
 * any two can be compared), section by section: items added, changed (their text), removed, and whose
 * sensitivity changed (R-TPL-1: a sensitive item is kept from the provider). Pure: no clock, no I/O.
 *
 * Items have no ids of their own, so they are paired in three passes, each over what is still unpaired:
 * 1. the same text (an item kept as it was, perhaps marked or unmarked sensitive);
 * 2. the same information held (infoId), so an edited item drawn from it reads as changed;
 * 3. the same place in the section (the workspace edits an item where it stands).
 * What is left unpaired was removed (before) or added (after).
 */
export interface ComparableItem {
  text: string;
  infoId: string | null;
  sensitive: boolean;
}

export interface ComparableSection {
  sectionId: string;
  title: string;
  items: readonly ComparableItem[];
}

export type ItemChange =
  | { kind: 'added'; item: ComparableItem }
  | { kind: 'removed'; item: ComparableItem }
  | {
      kind: 'changed';
      before: ComparableItem;
      after: ComparableItem;
      textChanged: boolean;
      sensitivityChanged: boolean;
    };

export interface SectionChanges {
  sectionId: string;
  title: string;
  /** 'added' or 'removed' when the whole section is new or gone. */
  status: 'added' | 'removed' | 'kept';
  /** The title before, when it was renamed. */
  titleBefore: string | null;
  changes: ItemChange[];
}

function pairItems(before: readonly ComparableItem[], after: readonly ComparableItem[]): ItemChange[] {
  const pairedBefore = new Map<number, number>(); // before index → after index
  const usedAfter = new Set<number>();
  const pass = (matches: (a: ComparableItem, b: ComparableItem, aIndex: number, bIndex: number) => boolean) => {
    for (const [bIndex, b] of after.entries()) {
      if (usedAfter.has(bIndex)) continue;
      const aIndex = before.findIndex((a, index) => !pairedBefore.has(index) && matches(a, b, index, bIndex));
      if (aIndex < 0) continue;
      pairedBefore.set(aIndex, bIndex);
      usedAfter.add(bIndex);
    }
  };
  pass((a, b) => a.text === b.text);
  pass((a, b) => a.infoId !== null && a.infoId === b.infoId);
  pass((_a, _b, aIndex, bIndex) => aIndex === bIndex);

  const changes: ItemChange[] = [];
  // In the order of the newer version, with removals where they stood.
  const afterToBefore = new Map([...pairedBefore].map(([aIndex, bIndex]) => [bIndex, aIndex]));
  const removedAt = (index: number) =>
    before.flatMap((item, aIndex) =>
      !pairedBefore.has(aIndex) && aIndex === index ? [{ kind: 'removed' as const, item }] : [],
    );
  const longest = Math.max(before.length, after.length);
  for (let index = 0; index < longest; index += 1) {
    changes.push(...removedAt(index));
    const item = after[index];
    if (!item) continue;
    const aIndex = afterToBefore.get(index);
    const earlier = aIndex === undefined ? undefined : before[aIndex];
    if (!earlier) {
      changes.push({ kind: 'added', item });
      continue;
    }
    const textChanged = earlier.text !== item.text;
    const sensitivityChanged = earlier.sensitive !== item.sensitive;
    if (textChanged || sensitivityChanged)
      changes.push({ kind: 'changed', before: earlier, after: item, textChanged, sensitivityChanged });
  }
  return changes;
}

/**
 * The changes from `before` (null for the first version: everything in it is new) to `after`, section by
 * section in the newer version's order, sections removed at the end. Sections with nothing changed are left out.
 */
export function templateChanges(
  before: { sections: readonly ComparableSection[] } | null,
  after: { sections: readonly ComparableSection[] },
): SectionChanges[] {
  const earlier = new Map((before?.sections ?? []).map((section) => [section.sectionId, section]));
  const kept = after.sections.map((section): SectionChanges => {
    const was = earlier.get(section.sectionId);
    return {
      sectionId: section.sectionId,
      title: section.title,
      status: was ? 'kept' : 'added',
      titleBefore: was && was.title !== section.title ? was.title : null,
      changes: pairItems(was?.items ?? [], section.items),
    };
  });
  const present = new Set(after.sections.map((section) => section.sectionId));
  const removed = (before?.sections ?? [])
    .filter((section) => !present.has(section.sectionId))
    .map(
      (section): SectionChanges => ({
        sectionId: section.sectionId,
        title: section.title,
        status: 'removed',
        titleBefore: null,
        changes: section.items.map((item) => ({ kind: 'removed', item })),
      }),
    );
  return [...kept, ...removed].filter(
    (section) => section.status !== 'kept' || section.titleBefore !== null || section.changes.length > 0,
  );
}
