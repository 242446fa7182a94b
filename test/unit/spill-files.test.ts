import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpillFiles } from '../../shared/adapters/register-file/spill-files.ts';

/** The register import's spill files (issue 16): what goes in comes out, whatever the names hold. */
const scratches: string[] = [];
afterEach(() => {
  for (const directory of scratches.splice(0)) SpillFiles.remove(directory);
});
const aSpill = (count: number) => {
  const directory = SpillFiles.scratch('spill-test');
  scratches.push(directory);
  return new SpillFiles(join(directory, 'spill'), count, 'test');
};
const readAll = async <T>(spill: SpillFiles, shard: number) => {
  const values: T[] = [];
  for await (const value of spill.read<T>(shard)) values.push(value);
  return values;
};

describe('spill files', () => {
  it.each([
    ['a line break inside a quoted field', 'Oak House\nAnnex'],
    ['a carriage return', 'Oak\rHouse'],
    ['the line and paragraph separators', 'Oak\u2028House\u2029'],
    ['Welsh and accents', 'Ysbyty Gwynedd, Café Côte'],
    ['an emoji', 'Care 🏥 Home'],
    ['a control character', 'Oak\u0007House'],
  ])('gives back a name with %s as it was', async (_case, name) => {
    const spill = aSpill(2);

    spill.append(1, { name });
    spill.flush();

    expect(await readAll(spill, 1)).toEqual([{ name }]);
    expect(await readAll(spill, 0)).toEqual([]);
  });

  it('keeps the order of appends to a shard across many blocks', async () => {
    const spill = aSpill(3);

    for (let n = 0; n < 20_000; n += 1) spill.append(n % 3, { n, padding: 'x'.repeat(20) });
    spill.flush();

    const shard2 = await readAll<{ n: number }>(spill, 2);
    expect(shard2).toHaveLength(6_666);
    expect(shard2.map((value) => value.n)).toEqual(Array.from({ length: 6_666 }, (_, k) => 3 * k + 2));
  });

  it('starts afresh when made again in the same directory (a re-run), never appending to the last run', async () => {
    const first = aSpill(1);
    first.append(0, { run: 1 });
    first.flush();

    const again = new SpillFiles(first.directory, 1, 'test');
    again.append(0, { run: 2 });
    again.flush();

    expect(await readAll(again, 0)).toEqual([{ run: 2 }]);
  });
});
