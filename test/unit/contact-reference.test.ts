import { describe, expect, it } from 'vitest';
import { isReference, normaliseReference, referenceFrom } from '../../shared/domain/contact/reference.ts';

describe('reference numbers (R-PRV-1..5): one format everywhere', () => {
  it.each([
    [[0, 0, 0, 0, 0], 'PE-0000-0000'],
    [[255, 255, 255, 255, 255], 'PE-ZZZZ-ZZZZ'],
    [[0, 0, 0, 0, 1], 'PE-0000-0001'],
    [[0x08, 0x42, 0x10, 0x84, 0x21], 'PE-1111-1111'],
  ])('makes %j into %s', (bytes, expected) => {
    expect(referenceFrom(Uint8Array.from(bytes))).toBe(expected);
  });

  it('never uses the letters people misread (I, L, O, U)', () => {
    const made = Array.from({ length: 256 }, (_, byte) =>
      referenceFrom(Uint8Array.from([byte, byte, 255 - byte, byte, 7])),
    );

    expect(made.filter((reference) => /[ILOU]/.test(reference.slice(3)))).toEqual([]);
    expect(made.every(isReference)).toBe(true);
  });

  it.each([[[1, 2, 3, 4]], [[1, 2, 3, 4, 5, 6]]])('refuses %j: a reference is made from exactly 5 bytes', (bytes) => {
    expect(() => referenceFrom(Uint8Array.from(bytes))).toThrow(RangeError);
  });

  it.each([
    ['PE-7K3Q-9XW2', true],
    ['PE-7K3Q-9XW', false],
    ['PE-7K3Q-9XWU', false],
    ['pe-7k3q-9xw2', false],
    ['XX-7K3Q-9XW2', false],
    ['PE-7K3Q9XW2', false],
  ])('tells %s is a reference: %s', (value, expected) => {
    expect(isReference(value)).toBe(expected);
  });

  it.each([
    [' pe-7k3q-9xw2 ', 'PE-7K3Q-9XW2'],
    ['PE-OOOO-ILIL', 'PE-0000-1111'],
    ['PE-7K3Q', null],
    ['AB-7K3Q-9XW2', null],
  ])('reads %j as typed into %s', (typed, expected) => {
    expect(normaliseReference(typed)).toBe(expected);
  });
});
