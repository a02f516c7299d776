import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hallnetServer, stopServer } from './cli-process.js';
import { startHaproxy, type Balancer } from './haproxy.js';

/** One `hallnet hub` process of several over one store. */
export interface HubProcess {
  name: string;
  url: string;
  dataDir: string;
  child: ChildProcess;
}

/** Hub processes over one CouchDB-protocol store, behind HAProxy. */
export interface BalancedHubs {
  /** The balancer's address: what the nodes are given as their hub. */
  url: string;
  balancer: Balancer;
  hubs: HubProcess[];
  /** `kill -9` of one instance: no shutdown, no lease released, connections cut mid-request. */
  kill(name: string): Promise<void>;
  /** Starts a stopped or killed instance again, on its port (the balancer knows it there), with its data folder. */
  restart(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts one `hallnet hub` process per name, one after the other (the first publishes the seed),
 * each with its own data folder holding a copy of the district CA certificate from `caDir`, all
 * storing in `couchUrl`, then HAProxy in front of them.
 */
export async function startBalancedHubs(o: {
  dir: string;
  caDir: string;
  couchUrl: string;
  names: string[];
  leaseSeconds?: number;
}): Promise<BalancedHubs> {
  const env = (name: string, dataDir: string, port: string) => ({
    HUB_DATA: dataDir,
    HUB_HOST: '127.0.0.1',
    HUB_PORT: port,
    COUCHDB_URL: o.couchUrl,
    HUB_INSTANCE: name,
    HUB_LEASE_SECONDS: String(o.leaseSeconds ?? 6),
    HUB_TRUSTED_PROXIES: 'loopback',
  });
  const hubs: HubProcess[] = [];
  let balancer: Balancer | undefined;
  const close = async () => {
    await balancer?.close();
    for (const h of hubs) await stopServer(h.child);
  };
  try {
    for (const name of o.names) {
      const dataDir = join(o.dir, `hub-${name}`);
      mkdirSync(dataDir, { recursive: true });
      copyFileSync(join(o.caDir, 'ca.cert.pem'), join(dataDir, 'ca.cert.pem'));
      const { url, child } = await hallnetServer(['hub'], env(name, dataDir, '0'));
      hubs.push({ name, url, dataDir, child });
    }
    balancer = await startHaproxy(o.dir, hubs);
    return {
      url: balancer.url,
      balancer,
      hubs,
      async kill(name) {
        const h = hubs.find((x) => x.name === name);
        if (!h || h.child.exitCode !== null || h.child.signalCode !== null) return;
        const exited = new Promise((r) => h.child.once('exit', r));
        h.child.kill('SIGKILL');
        await exited;
      },
      async restart(name) {
        const h = hubs.find((x) => x.name === name);
        if (!h || (h.child.exitCode === null && h.child.signalCode === null))
          throw new Error(`hub ${name} is not stopped`);
        h.child = (await hallnetServer(['hub'], env(name, h.dataDir, new URL(h.url).port))).child;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
