import { appendFileSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { AuditLog } from './audit-log.js';
import { entryHash, GENESIS_PREV } from './entry-hash.js';

const write = (id: string) => ({
  kind: 'write' as const,
  node: { org: 'dongcheng/jingshan', fingerprint: 'f'.repeat(64) },
  serial: '0a1b',
  id,
  rev: '1-abc',
  digest: 'd'.repeat(64),
  decision: 'accepted' as const,
});
const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('AuditLog', () => {
  let dir: ReturnType<typeof tempDir>;
  const open = () =>
    AuditLog.open({ dir: dir.path, instance: 'hub-1', district: 'dongcheng', storeSeq: async () => '42' });
  beforeEach(() => (dir = tempDir('hallnet-audit-')));
  afterEach(() => dir.remove());

  it('begins with a genesis naming the store sequence, and chains every entry to the one before', async () => {
    const log = await open();
    await log.append([write('case:a'), write('case:b')]);
    await log.close();
    const entries = lines(log.path);
    expect(entries.map((e) => e.kind)).toEqual(['genesis', 'write', 'write']);
    expect(entries[0]).toMatchObject({ n: 0, prev: GENESIS_PREV, storeSeq: '42', instance: 'hub-1' });
    entries.forEach((e, i) => {
      expect(e.n).toBe(i);
      expect(e.hash).toBe(entryHash(e));
      if (i > 0) expect(e.prev).toBe(entries[i - 1]!.hash);
    });
  });

  it('writes what concurrent callers append together, every caller resolved only once it is on disk, in call order', async () => {
    const log = await open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([write(`case:${i}`)])));
    await log.close();
    expect(
      lines(log.path)
        .slice(1)
        .map((e) => e.id),
    ).toEqual(Array.from({ length: 50 }, (_, i) => `case:${i}`));
  });

  it('goes on from where it stopped after a restart, marked by a resume entry', async () => {
    const first = await open();
    await first.append([write('case:a')]);
    await first.close();
    const second = await open();
    await second.append([write('case:b')]);
    await second.close();
    const entries = lines(first.path);
    expect(entries.map((e) => e.kind)).toEqual(['genesis', 'write', 'resume', 'write']);
    expect(entries[2]).toMatchObject({ n: 2, prev: entries[1]!.hash, torn: 0 });
  });

  it('cuts off a last line the process died writing (never fsynced, so never acknowledged) and counts it', async () => {
    const first = await open();
    await first.append([write('case:a')]);
    await first.close();
    appendFileSync(first.path, '{"v":1,"n":2,"kind":"wri');
    const second = await open();
    await second.close();
    const entries = lines(first.path);
    expect(entries.map((e) => e.kind)).toEqual(['genesis', 'write', 'resume']);
    expect(entries[2]).toMatchObject({ torn: 24, prev: entries[1]!.hash });
  });

  it('is written by one process only: a second open of the same instance is refused', async () => {
    const log = await open();
    await expect(open()).rejects.toMatchObject({
      code: 'ERR_CONFIG',
      message: expect.stringContaining('HUB_INSTANCE'),
    });
    await log.close();
    // Released at close.
    await (await open()).close();
  });

  it('refuses appends after close', async () => {
    const log = await open();
    await log.close();
    await expect(log.append([write('case:a')])).rejects.toThrow(/closed/);
  });
});
