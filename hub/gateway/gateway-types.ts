import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AuditSink } from '../audit/audit-log.js';
import type { Store } from '../store/store.js';
import type { VisibilityIndex } from '../visibility/visibility-index.js';
import type { LiveConnections } from './live-connections.js';

/** Who is calling: the node's organisation path and its own id, as its certificate proves them. */
export interface NodeIdentity {
  org: string;
  /** The leaf certificate's fingerprint. */
  node: string;
  /** The leaf certificate's serial, lowercase hex. */
  serial: string;
  /** The verified chain as PEM, leaf first, root excluded: the leaf's key checks what the node signed. */
  chain: string[];
}

/**
 * Proves the caller is an enrolled node. Throws HallnetError: ERR_TOKEN_EXPIRED for a token
 * that was good but ran out (the node retries with a fresh one), ERR_UNAUTHENTICATED,
 * ERR_TOKEN_INVALID or ERR_CERT_INVALID for anything that will never be good.
 */
export type Authenticate = (c: Context) => Promise<NodeIdentity>;

/** What the hub last knew of a document being written over: its type and parties, even for a tombstone. */
export interface KnownDoc {
  type: string | undefined;
  parties: readonly string[];
  deleted: boolean;
}

/** A write policy's answer; the reason goes back to the node in the `forbidden` entry. */
export type WriteDecision = { ok: true } | { ok: false; reason: string };

/**
 * Decides whether `writer` may store `doc`, a replicated revision (a bare tombstone when
 * `_deleted`); `current` is what the hub holds under that id, if anything.
 */
export type WritePolicy = (writer: NodeIdentity, doc: Record<string, unknown>, current: KnownDoc | undefined) => WriteDecision | Promise<WriteDecision>;

/** The Hono environment of the gateway: every handler runs after the node is authenticated. */
export interface GatewayEnv {
  Variables: { node: NodeIdentity };
}

/** What the handlers share. */
export interface GatewayDeps {
  store: Store;
  index: VisibilityIndex;
  mayWrite: WritePolicy;
  logger: Logger;
  /** Longest a longpoll `_changes` waits before answering an empty page. */
  longpollMaxMs: number;
  /** Open longpolls and nodes seen, for the hub's metrics. */
  connections: LiveConnections;
  /** The hub's audit log: every per-document decision of `_bulk_docs` goes there (`recordWrites`). */
  audit?: AuditSink | undefined;
}
