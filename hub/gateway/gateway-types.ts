import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Context } from 'hono';
import type { WriteDecision } from '../../sync/index.js';
import { keyIdOf } from '../../sync/node-only.js';
import type { Logger } from 'pino';
import type { AuditSink } from '../audit/audit-log.js';
import type { Store } from '../store/store.js';
import type { VisibilityIndex } from '../visibility/visibility-index.js';
import type { LiveConnections } from './live-connections.js';
import type { WriteBatch } from './write-batch.js';

/** Who is calling: the node's organisation path and its own id, as its certificate proves them. */
export interface NodeIdentity {
  org: string;
  /** The leaf certificate's fingerprint. */
  node: string;
  /** The leaf certificate's serial, lowercase hex. */
  serial: string;
  /** The verified chain as PEM, leaf first, root excluded. */
  chain: string[];
  /** The leaf's public key and its key id: what the node's signed events and proofs must verify against. */
  key: { kid: string; publicKey: KeyObject };
}

/** A node's signing key as its leaf certificate names it. */
export function signingKeyOf(leafPem: string): NodeIdentity['key'] {
  const publicKey = createPublicKey(leafPem);
  return { kid: keyIdOf(publicKey), publicKey };
}

/**
 * Proves the caller is an enrolled node. Throws HallnetError: ERR_TOKEN_EXPIRED for a token
 * that was good but ran out (the node retries with a fresh one), ERR_UNAUTHENTICATED,
 * ERR_TOKEN_INVALID or ERR_CERT_INVALID for anything that will never be good.
 */
export type Authenticate = (c: Context) => Promise<NodeIdentity>;

/**
 * Decides whether `writer` may store `doc`, a replicated revision (a bare tombstone when
 * `_deleted`), on top of what the hub holds and what this batch has accepted so far (`batch`).
 */
export type WritePolicy = (
  writer: NodeIdentity,
  doc: Record<string, unknown>,
  batch: WriteBatch,
) => Promise<WriteDecision>;

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
