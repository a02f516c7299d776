import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { hubAs, openReplica } from '../../../hub/testing/replica.js';
import { readKeyFile, signNodeToken } from '../../../identity/index.js';
import { readNodeChain } from '../../../node/auth/node-chain.js';
import { nodeKeyPath } from '../../../node/auth/node-key.js';
import { HUB_AUDIENCE } from '../../../sync/index.js';
import { NodeSigner } from '../../../sync/node-only.js';

/** A document as the attacker pushes it: a replicated revision, `_rev` and `_revisions` included. */
export type Forged = Record<string, unknown> & { _id: string; _rev: string };

/** How a forged revision reaches the hub: raw `_bulk_docs`, a single `PUT ?new_edits=false`, or a stock PouchDB replication. */
export type Channel = 'bulk' | 'put' | 'pouch';

/** What the hub answered for one pushed revision. */
export interface Answer {
  id: string;
  rev: string;
  /** The HTTP status of the request that carried it; for a replication, 201 when PouchDB finished it ok. */
  status: number;
  /** The per-document failure, when there is one: `{ error, reason }`. */
  failure: { error?: string; reason?: string } | undefined;
}

/** A fresh revision hash, as a writer would make one. */
export const revHash = () => randomBytes(16).toString('hex');

/** A new document's first replicated revision. */
export function firstRev<T extends Record<string, unknown> & { _id: string }>(doc: T): T & Forged {
  const h = revHash();
  return { ...doc, _rev: `1-${h}`, _revisions: { start: 1, ids: [h] } };
}

/** The next replicated revision of a held one (which carries its `_revisions`), with `body` as its content. */
export function nextRev(held: Record<string, unknown>, body: Record<string, unknown>): Forged {
  const history = held._revisions as { start: number; ids: string[] };
  const h = revHash();
  const { _conflicts: _c, _attachments: _a, ...content } = body;
  void _c;
  return {
    ...content,
    ...(_a ? { _attachments: _a } : {}),
    _id: String(held._id),
    _rev: `${history.start + 1}-${h}`,
    _revisions: { start: history.start + 1, ids: [h, ...history.ids] },
  } as Forged;
}

/**
 * The attacker: one community station's genuine node key and certificate, read from its data
 * folder, used to sign anything and to push it to the hub past the station's own node.
 */
export class Attacker {
  readonly signer: NodeSigner;
  private readonly keyPem: string;
  private readonly chainPem: string[];
  private pushes = 0;
  private token: { value: string; until: number } | undefined;

  constructor(
    readonly org: string,
    readonly nodeDir: string,
    private readonly hubUrl: string,
    private readonly workDir: string,
  ) {
    this.keyPem = readKeyFile(nodeKeyPath(nodeDir));
    this.chainPem = readNodeChain(nodeDir)!;
    this.signer = new NodeSigner(this.keyPem);
  }

  /** The station's hub token, signed with its own key as its node signs one. */
  async authorization(): Promise<string> {
    if (!this.token || Date.now() > this.token.until) {
      const value = `Bearer ${await signNodeToken({ keyPem: this.keyPem, chainPem: this.chainPem, audience: HUB_AUDIENCE, ttlSeconds: 600 })}`;
      this.token = { value, until: Date.now() + 300_000 };
    }
    return this.token.value;
  }

  /** The key and chain, as a grantor signs grants with them. */
  get issuer(): { keyPem: string; chainPem: string[] } {
    return { keyPem: this.keyPem, chainPem: this.chainPem };
  }

  /** A document as the hub shows it to this station (at revision `rev`, or its winner), with its revision history. */
  async read(id: string, rev?: string): Promise<Record<string, unknown> & { _id: string; _rev: string }> {
    const res = await fetch(`${this.hubUrl}/db/${encodeURIComponent(id)}?revs=true${rev ? `&rev=${rev}` : ''}`, {
      headers: { authorization: await this.authorization() },
    });
    if (res.status !== 200) throw new Error(`read ${id}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown> & { _id: string; _rev: string };
  }

  /** Pushes each revision through `channel`, one request (or replication) per revision, and returns the hub's answers. */
  async push(channel: Channel, docs: readonly Forged[]): Promise<Answer[]> {
    if (channel === 'pouch') return this.replicate(docs);
    const out: Answer[] = [];
    for (const doc of docs) out.push(channel === 'bulk' ? await this.bulk(doc) : await this.put(doc));
    return out;
  }

  /** Pushes `docs` in one `_bulk_docs` request, and returns the hub's answer for each revision. */
  async pushTogether(docs: readonly Forged[]): Promise<Answer[]> {
    const res = await fetch(`${this.hubUrl}/db/_bulk_docs`, {
      method: 'POST',
      headers: { authorization: await this.authorization(), 'content-type': 'application/json' },
      body: JSON.stringify({ docs, new_edits: false }),
    });
    const body = (await res.json()) as { id: string; rev?: string; error?: string; reason?: string }[];
    return docs.map((doc) => ({
      id: doc._id,
      rev: doc._rev,
      status: res.status,
      failure: body.find((r) => r.id === doc._id && r.rev === doc._rev),
    }));
  }

  private async bulk(doc: Forged): Promise<Answer> {
    const res = await fetch(`${this.hubUrl}/db/_bulk_docs`, {
      method: 'POST',
      headers: { authorization: await this.authorization(), 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [doc], new_edits: false }),
    });
    const body = (await res.json()) as
      | { id: string; error?: string; reason?: string }[]
      | { error?: string; reason?: string };
    const failure = Array.isArray(body) ? body.find((r) => r.id === doc._id) : body;
    return { id: doc._id, rev: doc._rev, status: res.status, failure };
  }

  private async put(doc: Forged): Promise<Answer> {
    const res = await fetch(`${this.hubUrl}/db/${encodeURIComponent(doc._id)}?new_edits=false`, {
      method: 'PUT',
      headers: { authorization: await this.authorization(), 'content-type': 'application/json' },
      body: JSON.stringify(doc),
    });
    const body = (await res.json()) as { ok?: boolean; error?: string; reason?: string };
    return { id: doc._id, rev: doc._rev, status: res.status, failure: body.ok ? undefined : body };
  }

  /** Stock PouchDB: the revisions go into a fresh local replica, which replicates to the hub with the station's token. */
  private async replicate(docs: readonly Forged[]): Promise<Answer[]> {
    const local = openReplica(this.workDir, `attacker-${++this.pushes}`);
    const token = await this.authorization();
    const remote = hubAs(`${this.hubUrl}/db`, token);
    try {
      const stored = await local.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
      const bad = (stored as { error?: unknown }[]).find((r) => r.error);
      if (bad) throw new Error(`the attacker's own replica refused a revision: ${JSON.stringify(bad)}`);
      const denied = new Map<string, { error?: string; reason?: string }>();
      // Each push is a fresh replica, so a new replication id: without checkpoints it takes none of
      // the station's _local slots at the hub (16 per organisation).
      const result = await PouchDB.replicate(local, remote, { batch_size: 10, checkpoint: false }).on('denied', (e) => {
        const d = e as { id?: string; error?: string; name?: string; reason?: string; message?: string };
        denied.set(String(d.id), { error: d.error ?? d.name, reason: d.reason ?? d.message });
      });
      // A per-document refusal leaves the replication itself finished and ok, as CouchDB's does.
      return docs.map((d) => ({ id: d._id, rev: d._rev, status: result.ok ? 201 : 500, failure: denied.get(d._id) }));
    } finally {
      await local.destroy();
      await remote.close();
    }
  }
}

/** The attacker of the station at `org` in a district laid out under `dir`. */
export function attackerOf(org: string, nodeDir: string, hubUrl: string, dir: string): Attacker {
  return new Attacker(org, nodeDir, hubUrl, join(dir, 'attacker'));
}

/**
 * Revision `generation` of a held case, rebuilt from its latest: its first `generation` events and
 * `parties`, under the id its history names. The hub may hold no body for it (a hall that wrote on
 * quickly pushes only its latest revision, with the whole history).
 */
export function earlierRevision(
  latest: Record<string, unknown> & { _id: string },
  generation: number,
  parties: string[],
): Forged {
  const { start, ids } = latest._revisions as { start: number; ids: string[] };
  const older = ids.slice(start - generation);
  return {
    ...latest,
    parties,
    events: (latest.events as unknown[]).slice(0, generation),
    _rev: `${generation}-${older[0]}`,
    _revisions: { start: generation, ids: older },
  };
}
