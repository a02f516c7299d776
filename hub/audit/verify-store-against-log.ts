import type { Store, StoredDoc } from '../store/store.js';
import type { HubWriteEntry, WriteEntry } from './audit-entry.js';
import type { AuditFinding } from './audit-finding.js';
import { revisionDigest } from './revision-digest.js';
import type { LoggedEntry } from './verify-audit-chain.js';

/** What checking the store against the logs found. */
export interface StoreCheck {
  /** The store sequence the check began at: the first genesis's. */
  since: string;
  /** Leaf revisions checked. */
  checked: number;
  findings: AuditFinding[];
}

type Logged<E> = { entry: E; file: string; line: number };
const PAGE = 500;

/** The logs' accepted writes, looked up as the store's leaves are checked. */
interface LogIndex {
  byRev: Map<string, Logged<WriteEntry | HubWriteEntry>[]>;
  hubByDigest: Map<string, Logged<HubWriteEntry>[]>;
  /** The store sequence the first log began at. */
  since: string;
}

/**
 * Checks the store against the audit logs of every hub instance that wrote to it: each leaf
 * revision of every document changed since the first log began must be one the logs accepted
 * (a node's write through the gateway, or one the hub wrote itself) with the same body digest.
 * A leaf whose body differs from its logged digest, or that no log accepted, was written around
 * the gateway. Documents last changed before any log began are outside it.
 *
 * A hub logs each write before it stores it, so a leaf the logs do not account for may only have
 * been stored while the store was read, after the logs were. `reread` reads the logs again once
 * the store has been read, and only a leaf they still do not account for is reported (the logs
 * read in place, not copied).
 */
export async function verifyStoreAgainstLog(
  store: Store,
  logged: readonly LoggedEntry[],
  reread?: () => Promise<readonly LoggedEntry[]>,
): Promise<StoreCheck> {
  const first = indexOf(logged);
  const result: StoreCheck = { since: first.since, checked: 0, findings: [] };
  const unaccounted: { id: string; leaf: StoredDoc }[] = [];
  for (let cursor = first.since; ; ) {
    const page = await store.changes({ since: cursor, limit: PAGE, includeDocs: true });
    for (const row of page.results) {
      const leaves = row.changes.map((c) => c.rev);
      const docs =
        leaves.length === 1 && row.doc?._rev === leaves[0]
          ? [row.doc!]
          : (await store.openRevs(row.id, leaves)).flatMap((r) => ('ok' in r ? [r.ok] : []));
      for (const leaf of docs) {
        result.checked += 1;
        const problem = await judge(store, first, row.id, leaf);
        if (problem && reread) unaccounted.push({ id: row.id, leaf });
        else if (problem) result.findings.push({ where: `document ${row.id} revision ${leaf._rev}`, problem });
      }
    }
    if (page.results.length < PAGE) break;
    cursor = page.lastSeq;
  }
  if (unaccounted.length && reread) {
    const again = indexOf(await reread());
    for (const { id, leaf } of unaccounted) {
      const problem = await judge(store, again, id, leaf);
      if (problem) result.findings.push({ where: `document ${id} revision ${leaf._rev}`, problem });
    }
  }
  return result;
}

function indexOf(logged: readonly LoggedEntry[]): LogIndex {
  const byRev = new Map<string, Logged<WriteEntry | HubWriteEntry>[]>();
  const hubByDigest = new Map<string, Logged<HubWriteEntry>[]>();
  const push = <V>(map: Map<string, V[]>, key: string, v: V) => (map.get(key) ?? map.set(key, []).get(key)!).push(v);
  const geneses: { at: string; storeSeq: string }[] = [];
  for (const l of logged) {
    const e = l.entry;
    if (e.kind === 'genesis') geneses.push(e);
    if ((e.kind === 'write' || e.kind === 'hub-write') && e.rev) push(byRev, `${e.id}\n${e.rev}`, { ...l, entry: e });
    if (e.kind === 'hub-write' && !e.rev) push(hubByDigest, `${e.id}\n${e.digest}`, { ...l, entry: e });
  }
  const since = geneses.sort((a, b) => a.at.localeCompare(b.at))[0]?.storeSeq ?? '0';
  return { byRev, hubByDigest, since };
}

/** Why the logs do not account for this leaf, or undefined when they do. */
async function judge(store: Store, logs: LogIndex, id: string, leaf: StoredDoc): Promise<string | undefined> {
  const rev = leaf._rev as string;
  const digest = revisionDigest(leaf);
  const entries = logs.byRev.get(`${id}\n${rev}`) ?? [];
  const accepted = entries.filter((l) => l.entry.kind === 'hub-write' || l.entry.decision === 'accepted');
  if (accepted.length) {
    if (accepted.some((l) => l.entry.digest === digest)) return undefined;
    return `the stored body differs from the one accepted at ${at(accepted[0]!)}: changed around the gateway`;
  }
  const hub = logs.hubByDigest.get(`${id}\n${digest}`) ?? [];
  if (hub.some((l) => !l.entry.parent)) return undefined;
  if (hub.length) {
    const [withRevs] = await store.openRevs(id, [rev], { revs: true });
    if (withRevs && 'ok' in withRevs && hub.some((l) => l.entry.parent === parentOf(withRevs.ok))) return undefined;
  }
  const refused = entries.find((l) => l.entry.kind === 'write' && l.entry.decision === 'refused');
  if (refused) return `the gateway refused this revision at ${at(refused)}, yet the store holds it`;
  return 'no audit log accepted this revision: written around the gateway';
}

function at(l: { file: string; line: number }): string {
  return `${l.file}:${l.line}`;
}

/** The revision a leaf was written over, from its `_revisions` (undefined for a first revision or without them). */
function parentOf(doc: StoredDoc): string | undefined {
  const h = doc._revisions;
  return h && h.ids.length > 1 ? `${h.start - 1}-${h.ids[1]}` : undefined;
}
