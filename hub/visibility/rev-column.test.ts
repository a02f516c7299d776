import { describe, expect, it } from 'vitest';
import { RevColumn } from './rev-column.js';

describe('RevColumn', () => {
  const hex = (n: number) => n.toString(16).padStart(32, 'f');

  it('gives back every revision as it was set, packed or not', () => {
    const column = new RevColumn();
    const revs = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `${i + 1}-odd${i}` : `${i + 1}-${hex(i)}`));
    column.reserve(revs.length);
    revs.forEach((rev, row) => column.set(row, rev));
    expect(revs.map((_, row) => column.get(row))).toEqual(revs);
    // A row changes form both ways.
    column.set(0, `2-${hex(99)}`);
    column.set(1, '3-HandMade');
    expect([column.get(0), column.get(1)]).toEqual([`2-${hex(99)}`, '3-HandMade']);
  });

  it('packs only a generation of 1 to 9 digits without a leading zero and 32 lowercase hex digits', () => {
    const column = new RevColumn();
    const odd = [`0-${hex(1)}`, `01-${hex(1)}`, `1234567890-${hex(1)}`, `1-${hex(1).toUpperCase()}`, `1-${hex(1)}0`];
    const revs = [...odd, `1-${hex(1).slice(1)}`, `x-${hex(1)}`, '-', '', `123456789-${hex(1)}`, `1-${'0'.repeat(32)}`];
    column.reserve(revs.length);
    revs.forEach((rev, row) => column.set(row, rev));
    expect(revs.map((_, row) => column.get(row))).toEqual(revs);
    expect(column.data(revs.length).odd.map(([row]) => row)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('restores its data in a new row order', () => {
    const column = new RevColumn();
    column.reserve(3);
    ['1-a', `2-${hex(2)}`, `3-${hex(3)}`].forEach((rev, row) => column.set(row, rev));
    const moved = RevColumn.from(column.data(3), new Uint32Array([2, 0, 1]), 3);
    expect([0, 1, 2].map((row) => moved.get(row))).toEqual([`3-${hex(3)}`, '1-a', `2-${hex(2)}`]);
  });
});
