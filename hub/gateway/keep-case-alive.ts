import type { Logger } from 'pino';
import type { Store, StoredDoc } from '../store/store.js';
import { ancestry } from './write-batch.js';

/**
 * A case is never deleted (design §4): a tombstone only retires a branch that another live
 * revision keeps. Requests to one hub process are checked one after another (`DocLocks`), but two
 * hub instances behind a balancer each check a tombstone against leaves holding the other's
 * branch, and could retire the last two at once. So after storing a case's tombstone the hub looks
 * again, and if no revision is live, brings back the one its tombstone retired (the compactor does
 * the same for a case it finds deleted: a hub killed in between). True when it brought one back.
 */
export async function keepCaseAlive(store: Store, tombstone: StoredDoc, logger?: Logger): Promise<boolean> {
  const leaves = await store.openRevs(tombstone._id, 'all');
  if (leaves.some((l) => 'ok' in l && l.ok._deleted !== true)) return false;
  // The revision retired is the nearest ancestor the store holds a body of: a history may name
  // revisions between that were never sent (a hall's writes while it was cut off).
  const ancestors = ancestry(tombstone).slice(1);
  const held = ancestors.length ? await store.openRevs(tombstone._id, ancestors) : [];
  const generation = (d: StoredDoc) => Number.parseInt(String(d._rev), 10);
  const retired = held
    .flatMap((r) => ('ok' in r && r.ok._deleted !== true ? [r.ok] : []))
    .sort((a, b) => generation(b) - generation(a))[0];
  if (!retired) {
    logger?.error({ id: tombstone._id }, 'case has no live revision and the retired one is not held');
    return false;
  }
  const retiredRev = retired._rev;
  const { _revisions: _history, _conflicts: _others, _deleted: _gone, ...body } = retired;
  const failures = await store.bulkDocs([{ ...body, _id: tombstone._id, _rev: tombstone._rev as string }], {
    newEdits: true,
  });
  logger?.warn(
    { id: tombstone._id, retired: retiredRev, failures },
    'a case had no live revision left: the revision its last tombstone retired is live again',
  );
  return failures.length === 0;
}
