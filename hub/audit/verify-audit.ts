import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HallnetError } from '../../sync/index.js';
import type { Store } from '../store/store.js';
import type { AuditFinding } from './audit-finding.js';
import { publicKeyFingerprint } from './audit-key.js';
import { verifyAuditChain, type ChainCheck } from './verify-audit-chain.js';
import { verifyStoreAgainstLog, type StoreCheck } from './verify-store-against-log.js';

/** Everything `hallnet audit verify` found. */
export interface AuditReport {
  /** Fingerprints of the public keys seals were checked against. */
  trustedKeys: string[];
  logs: ChainCheck[];
  store: StoreCheck;
  findings: AuditFinding[];
}

export interface VerifyAuditOptions {
  /**
   * The folder of the logs (`*.jsonl`), or one folder per hub instance: read in place, each
   * instance's `HUB_DATA/audit`, while the hubs run, or copies gathered in one folder.
   */
  dir: string | readonly string[];
  /** Public-key files to trust; default every `*.pub.pem` in the folders. */
  keyFiles?: string[] | undefined;
  store: Store;
}

/**
 * Checks every audit log in the folders (chain, seals) and the store against all of them together:
 * the whole district's record, however many hub processes wrote it. Logs read in place may grow
 * while the store is read; what the store gained meanwhile is checked against them read again.
 */
export async function verifyAudit(o: VerifyAuditOptions): Promise<AuditReport> {
  const dirs = typeof o.dir === 'string' ? [o.dir] : [...o.dir];
  const logFiles = dirs.flatMap((dir) => {
    if (!existsSync(dir)) throw new HallnetError('ERR_CONFIG', `no audit folder at ${dir}`);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => join(dir, f));
  });
  if (logFiles.length === 0) throw new HallnetError('ERR_CONFIG', `no audit logs (*.jsonl) in ${dirs.join(', ')}`);
  const keyFiles =
    o.keyFiles ??
    dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.pub.pem'))
        .map((f) => join(dir, f)),
    );
  const trusted = new Set(keyFiles.map(readTrustedKey));
  const readLogs = async () => {
    const checks: ChainCheck[] = [];
    for (const f of logFiles) checks.push(await verifyAuditChain(f, trusted));
    return checks;
  };
  let logs = await readLogs();
  const store = await verifyStoreAgainstLog(
    o.store,
    logs.flatMap((l) => l.entries),
    async () => {
      logs = await readLogs();
      return logs.flatMap((l) => l.entries);
    },
  );
  const findings = [...logs.flatMap((l) => (l.finding ? [l.finding] : [])), ...store.findings];
  if (trusted.size === 0)
    findings.unshift({
      where: dirs.join(', '),
      problem: 'no trusted public key: seals cannot be checked (give --key)',
    });
  return { trustedKeys: [...trusted], logs, store, findings };
}

function readTrustedKey(path: string): string {
  try {
    return publicKeyFingerprint(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new HallnetError('ERR_CONFIG', `${path} is not a readable public key`, { cause });
  }
}

/** The report as `hallnet audit verify` prints it: a summary, then one `FAIL` line per finding. */
export function formatAuditReport(r: AuditReport): string {
  const lines = [`trusted sealing keys: ${r.trustedKeys.join(', ') || 'none'}`];
  for (const l of r.logs) {
    const tail =
      (l.unsealed ? `, ${l.unsealed} entries after it not sealed yet` : '') +
      (l.unfinished ? ', its last line unfinished (being written, or cut short by a crash): not read' : '');
    lines.push(
      `${l.file}: ${l.entries.length} entries, ${l.seals} seal${l.seals === 1 ? '' : 's'}${l.lastSealLine ? `, last seal at line ${l.lastSealLine}` : ''}${tail}`,
    );
  }
  lines.push(
    `store: ${r.store.checked} leaf revisions of documents changed since seq ${r.store.since} checked against the logs`,
  );
  for (const f of r.findings) lines.push(`FAIL ${f.where}: ${f.problem}`);
  lines.push(
    r.findings.length
      ? `audit verify: ${r.findings.length} problem${r.findings.length > 1 ? 's' : ''}`
      : 'audit verify: clean',
  );
  return lines.join('\n');
}
