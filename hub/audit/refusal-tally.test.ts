import { describe, expect, it } from 'vitest';
import type { RefusalReportDoc } from '../../sync/index.js';
import { RefusalTally } from './refusal-tally.js';

const STATION = { org: 'dongcheng/jingshan/huangchenggen', fingerprint: 'f1' };
const OTHER = { org: 'dongcheng/andingmen', fingerprint: 'f2' };
const at = (iso: string) => new Date(iso);

describe('RefusalTally', () => {
  it('counts per node, per hour, and keeps the last five with their reasons, newest first', () => {
    const t = new RefusalTally();
    for (let i = 0; i < 7; i++)
      t.add({
        node: STATION,
        id: `matter:${i}`,
        reason: `reason ${i}`,
        at: at(`2026-12-03T08:${String(10 + i).padStart(2, '0')}:00Z`),
      });
    t.add({ node: STATION, id: 'case:x', reason: 'later', at: at('2026-12-03T09:05:00Z') });
    t.add({ node: OTHER, id: 'grant:y', reason: 'foreign id', at: at('2026-12-03T09:06:00Z') });
    const [other, station] = t.nodes();
    expect(other).toMatchObject({ org: OTHER.org, total: 1, lastAt: '2026-12-03T09:06:00.000Z' });
    expect(station!.total).toBe(8);
    expect(station!.hourly.map((h) => h.count)).toEqual([7, 1]);
    expect(station!.recent.map((r) => r.id)).toEqual(['case:x', 'matter:6', 'matter:5', 'matter:4', 'matter:3']);
  });

  it('drops hourly counts older than a day, keeping the total', () => {
    const t = new RefusalTally();
    t.add({ node: STATION, id: 'a', reason: 'r', at: at('2026-12-01T08:00:00Z') });
    t.add({ node: STATION, id: 'b', reason: 'r', at: at('2026-12-02T07:30:00Z') });
    expect(t.prune(at('2026-12-02T08:30:00Z'))).toBe(true);
    expect(t.nodes()[0]).toMatchObject({ total: 2, hourly: [{ count: 1 }] });
    expect(t.prune(at('2026-12-02T08:31:00Z'))).toBe(false);
  });

  it('goes on from the report published before a restart', () => {
    const first = new RefusalTally();
    first.add({ node: STATION, id: 'a', reason: 'r', at: at('2026-12-03T08:00:00Z') });
    const doc = { nodes: first.nodes() } as RefusalReportDoc;
    const second = RefusalTally.from(doc);
    second.add({ node: STATION, id: 'b', reason: 'r', at: at('2026-12-03T08:10:00Z') });
    expect(second.nodes()[0]).toMatchObject({ total: 2, hourly: [{ count: 2 }], recent: [{ id: 'b' }, { id: 'a' }] });
  });
});
