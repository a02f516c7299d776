import { createHash } from 'node:crypto';
import { HallnetError } from '../../sync/index.js';
import type { Store, StoredDoc } from '../store/store.js';
import type { NodeIdentity } from './gateway-types.js';

/**
 * `_local` documents one organisation's nodes may hold at the hub: a node needs one per replication
 * direction and database; 32 leaves room for a department's own CouchDB replications and for the
 * 200-halls bench, which runs ~11 replicas of each organisation (22 checkpoints). 2 MiB at most each.
 */
export const LOCAL_SLOTS = 32;
/** A checkpoint written within this long is in use; a new id takes the slot of one idle for longer. */
export const LOCAL_IDLE_MS = 60 * 60 * 1000;
/** How stale a slot's last-written time may grow before a write refreshes it (not every checkpoint rewrites the table). */
const REFRESH_MS = 60 * 1000;

interface Slot {
  /** Digest of the node and the id it asked for. */
  key: string;
  /** When it was last written (ms). */
  at: number;
}

/**
 * A node's `_local` documents (replication checkpoints) at the hub, in a fixed number of slots per
 * organisation, so a genuine node writing under ids of its choosing holds at most `LOCAL_SLOTS`
 * documents of at most the body bound, whatever it sends and however hub processes race. A table
 * (itself a `_local` document) maps each id to its slot and when it was last written; a new id takes
 * a free slot, else the one written longest ago if it has been idle `LOCAL_IDLE_MS` (a replication
 * whose id changed, a store replaced), else it is refused (429). Each slot keeps the digest of the id
 * it holds, so an id whose slot was taken over, or lost in a race between hub processes, reads as
 * missing (its replication starts over), never as another's checkpoint. Documents written before
 * the slots, under `legacyLocalId`, are still read until the node writes its checkpoint again.
 */
export class LocalSlots {
  /** Table updates in this process, one at a time per organisation. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** The node's document under `id`, without `_id`, or undefined. */
  async get(node: NodeIdentity, id: string): Promise<StoredDoc | undefined> {
    const key = keyOf(node, id);
    const slot = (await this.table(node.org)).findIndex((s) => s.key === key);
    if (slot < 0) return this.store.getLocal(legacyLocalId(node, id));
    const held = await this.store.getLocal(slotId(node.org, slot));
    if (held?.key !== key || !isRecord(held.doc)) return undefined;
    return { ...held.doc, _rev: held._rev } as StoredDoc;
  }

  /** Writes the node's document under `id`; throws ERR_RATE_LIMITED when every slot is in use by other ids. */
  async put(node: NodeIdentity, id: string, body: Record<string, unknown>): Promise<{ rev: string }> {
    const key = keyOf(node, id);
    const slot = await this.claim(node.org, key);
    return this.store.putLocal(slotId(node.org, slot), { key, doc: body });
  }

  private claim(org: string, key: string): Promise<number> {
    const run = (this.queues.get(org) ?? Promise.resolve()).then(
      () => this.claimNow(org, key),
      () => this.claimNow(org, key),
    );
    this.queues.set(org, run);
    const settled = () => {
      if (this.queues.get(org) === run) this.queues.delete(org);
    };
    run.then(settled, settled);
    return run;
  }

  private async claimNow(org: string, key: string): Promise<number> {
    const slots = await this.table(org);
    const now = this.now();
    let slot = slots.findIndex((s) => s.key === key);
    if (slot >= 0 && now - slots[slot]!.at < REFRESH_MS) return slot;
    if (slot < 0 && slots.length < LOCAL_SLOTS) slot = slots.length;
    if (slot < 0) {
      slot = slots.reduce((oldest, s, i) => (s.at < slots[oldest]!.at ? i : oldest), 0);
      if (now - slots[slot]!.at < LOCAL_IDLE_MS) {
        const minutes = LOCAL_IDLE_MS / 60_000;
        throw new HallnetError('ERR_RATE_LIMITED', `${LOCAL_SLOTS} _local documents in use by ${org}`, {
          issues: [
            {
              field: 'id',
              reason: `at most ${LOCAL_SLOTS} checkpoints written within ${minutes} minutes / ${minutes} 分钟内最多写入 ${LOCAL_SLOTS} 个检查点`,
            },
          ],
        });
      }
    }
    slots[slot] = { key, at: now };
    await this.store.putLocal(tableId(org), { slots });
    return slot;
  }

  private async table(org: string): Promise<Slot[]> {
    const held = await this.store.getLocal(tableId(org));
    return Array.isArray(held?.slots) ? (held.slots as Slot[]).slice(0, LOCAL_SLOTS) : [];
  }
}

/**
 * Where a node's `_local` document was kept before the slots: a digest of the node and the id it
 * asked for, so two nodes using the same checkpoint id (or guessing another's) never meet.
 */
export function legacyLocalId(node: NodeIdentity, id: string): string {
  return `hallnet-node-${keyOf(node, id)}`;
}

function keyOf(node: NodeIdentity, id: string): string {
  return createHash('sha256').update(`${node.org}\n${node.node}\n${id}`).digest('hex');
}

const orgDigest = (org: string) => createHash('sha256').update(org).digest('hex');
const tableId = (org: string) => `hallnet-org-${orgDigest(org)}-slots`;
const slotId = (org: string, slot: number) => `hallnet-org-${orgDigest(org)}-${slot}`;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
