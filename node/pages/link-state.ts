import type { Hono } from 'hono';
import type { NodeEnv } from '../http/env.js';
import { certificateRevoked } from '../node-warnings.js';
import type { NodeServices } from '../services.js';

/** What every page may know about the node's link to the hub: no documents, no names, no errors. */
export interface LinkState {
  org: string;
  orgName: string;
  /** `alone` when the node was started without a hub. */
  mode: 'hub' | 'alone';
  state: 'starting' | 'syncing' | 'idle' | 'offline' | 'stopped' | 'alone';
  connected: boolean;
  offlineSince: string | null;
  lastSyncAt: string | null;
  /** The district revoked the node's certificate: the hub and other halls refuse it, no staff login. */
  revoked: boolean;
}

/** The node's link to the hub as the offline banner shows it. */
export function linkState(s: NodeServices): LinkState {
  const base = { org: s.org, orgName: s.reference.orgName(s.org), revoked: certificateRevoked(s) };
  if (!s.sync)
    return { ...base, mode: 'alone', state: 'alone', connected: false, offlineSince: null, lastSyncAt: null };
  const st = s.sync.status();
  return {
    ...base,
    mode: 'hub',
    state: st.state,
    connected: st.connected,
    offlineSince: st.offlineSince ?? null,
    lastSyncAt: st.lastSyncAt ?? null,
  };
}

/**
 * `GET /pages/link.json`: public, so the banner shows on pages nobody has logged in to (the
 * guide, tracking, the resident portal); /api/status with its details stays for staff.
 */
export function registerLinkState(app: Hono<NodeEnv>, s: NodeServices): void {
  app.get('/pages/link.json', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(linkState(s));
  });
}
