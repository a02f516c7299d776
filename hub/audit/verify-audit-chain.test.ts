import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../sync/index.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { loadOrCreateAuditKey, publicKeyFingerprint, type AuditKey } from './audit-key.js';
import { AuditLog } from './audit-log.js';
import { startAuditSealer } from './audit-sealer.js';
import { entryHash } from './entry-hash.js';
import { sealPayload } from './seal-payload.js';
import { verifyAuditChain } from './verify-audit-chain.js';

const write = (id: string, decision: 'accepted' | 'refused' = 'accepted') => ({
  kind: 'write' as const,
  node: { org: 'dongcheng/jingshan/huangchenggen', fingerprint: 'f'.repeat(64) },
  serial: '0a1b',
  id,
  rev: '1-abc',
  digest: 'd'.repeat(64),
  decision,
  ...(decision === 'refused' ? { reason: 'only the district may write matter documents' } : {}),
});

describe('verifyAuditChain', () => {
  const dir = tempDir('hallnet-audit-chain-');
  let key: AuditKey;
  let trusted: Set<string>;
  let original: string[];
  /** A copy of the sealed log with its lines passed through `edit`, checked. */
  const checkEdited = (name: string, edit: (lines: Record<string, unknown>[]) => Record<string, unknown>[]) => {
    const path = join(dir.path, `${name}.jsonl`);
    writeFileSync(
      path,
      `${edit(original.map((l) => JSON.parse(l)))
        .map((e) => canonicalJson(e))
        .join('\n')}\n`,
    );
    return verifyAuditChain(path, trusted);
  };

  beforeAll(async () => {
    key = loadOrCreateAuditKey(dir.path, 'hub-1');
    trusted = new Set([key.fingerprint]);
    const log = await AuditLog.open({
      dir: dir.path,
      instance: 'hub-1',
      district: 'dongcheng',
      storeSeq: async () => '0',
    });
    const sealer = startAuditSealer(log, key, {
      instance: 'hub-1',
      intervalMs: 3_600_000,
      logger: pino({ enabled: false }),
    });
    await log.append([write('case:a'), write('matter:x', 'refused')]);
    await sealer.sealNow();
    await log.append([write('case:b'), write('case:c')]);
    await sealer.stop();
    await log.close();
    original = readFileSync(log.path, 'utf8').trimEnd().split('\n');
  });
  afterAll(() => dir.remove());

  it('passes an untouched log, counting its seals', async () => {
    const check = await verifyAuditChain(join(dir.path, 'hub-1.jsonl'), trusted);
    expect(check.finding).toBeUndefined();
    expect(check).toMatchObject({ seals: 2, lastSealLine: 7, unsealed: 0 });
    expect(check.entries.map((e) => e.entry.kind)).toEqual([
      'genesis',
      'write',
      'write',
      'seal',
      'write',
      'write',
      'seal',
    ]);
  });

  it('names the line of an entry that was changed', async () => {
    const check = await checkEdited('changed', (ls) =>
      ls.map((e, i) => (i === 2 ? { ...e, reason: 'accepted after all' } : e)),
    );
    expect(check.finding).toEqual({
      where: 'changed.jsonl:3',
      problem: expect.stringContaining('does not match its hash'),
    });
  });

  it('names the line where an entry was removed', async () => {
    const check = await checkEdited('removed', (ls) => ls.filter((_, i) => i !== 2));
    expect(check.finding).toEqual({
      where: 'removed.jsonl:3',
      problem: expect.stringContaining('removed or inserted'),
    });
  });

  it('catches an entry changed and the chain hashed again after it: the seal no longer verifies', async () => {
    const check = await checkEdited('rehashed', (ls) =>
      rehash(ls.map((e, i) => (i === 2 ? { ...e, decision: 'accepted', reason: undefined } : e))),
    );
    expect(check.finding).toEqual({
      where: 'rehashed.jsonl:4',
      problem: expect.stringContaining('signature does not verify'),
    });
  });

  it('catches a seal forged with another key', async () => {
    const forger = generateKeyPairSync('ed25519');
    const publicKey = forger.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const check = await checkEdited('forged', (ls) => {
      const edited = rehash(ls.map((e, i) => (i === 2 ? { ...e, decision: 'accepted', reason: undefined } : e)));
      const seal = { ...edited[3]!, publicKey };
      edited[3] = { ...seal, signature: sign(null, sealPayload(seal), forger.privateKey).toString('base64') };
      return rehash(edited);
    });
    expect(check.finding).toEqual({
      where: 'forged.jsonl:4',
      problem: `sealed with a key that is not trusted (fingerprint ${publicKeyFingerprint(publicKey)})`,
    });
  });

  it('leaves a last line without its newline unread, as one being written: not a break', async () => {
    const writing = join(dir.path, 'writing.jsonl');
    writeFileSync(writing, `${original.join('\n')}\n${original[1]!.slice(0, 40)}`);
    const check = await verifyAuditChain(writing, trusted);
    expect(check.finding).toBeUndefined();
    expect(check.unfinished).toBe(true);
    expect(check.entries).toHaveLength(original.length);
    expect((await checkEdited('whole', (ls) => ls)).unfinished).toBe(false);
  });

  it('names a line that is not JSON, and a log that does not begin with its genesis', async () => {
    const torn = join(dir.path, 'torn.jsonl');
    writeFileSync(torn, `${original.slice(0, 3).join('\n')}\n{"v":1,"n":3,"ki\n`);
    expect((await verifyAuditChain(torn, trusted)).finding).toEqual({
      where: 'torn.jsonl:4',
      problem: expect.stringContaining('not JSON'),
    });
    expect((await checkEdited('headless', (ls) => ls.slice(1))).finding).toEqual({
      where: 'headless.jsonl:1',
      problem: expect.stringContaining('genesis'),
    });
  });
});

/** Recomputes every hash and prev from the first line on, as a forger without the key would. */
function rehash(lines: Record<string, unknown>[]): Record<string, unknown>[] {
  let prev = lines[0]!.prev as string;
  return lines.map((e) => {
    const linked = { ...e, prev };
    const hash = entryHash(linked);
    prev = hash;
    return { ...linked, hash };
  });
}
