import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findHaproxy } from '../test/support/haproxy.js';

const FILE = 'deploy/compose/docker-compose.yml';
const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends docker-compose';
const SECRETS = {
  COUCHDB_PASSWORD: 'test-password-0123',
  COUCHDB_COOKIE: 'test-cookie-4567',
  COUCHDB_SECRET: 'test-secret-89ab',
  HUB_KEY_SEAL_SECRET: 'test-seal-secret-0123456789abcdef0123',
};

/** `docker compose`, or Debian's `docker-compose` (no Compose plugin is packaged for Debian 12); never a skip. */
function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0) return ['docker-compose'];
  throw new Error(
    `neither \`docker compose\` nor \`docker-compose\` is installed; as root: ${INSTALL} (npm test's pretest does it when it can)`,
  );
}

/** Runs `config` on the compose file with only these variables from the environment that compose would read. */
function config(args: string[], vars: Record<string, string>) {
  const [cmd, ...pre] = composeCommand();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(COUCHDB_|HUB_|COMPOSE_)/.test(k)));
  return spawnSync(cmd!, [...pre, '-f', FILE, 'config', ...args], { encoding: 'utf8', env: { ...env, ...vars } });
}

describe('deploy/compose: two hubs behind HAProxy in front of a three-node CouchDB 3 cluster', () => {
  it('is accepted by `docker compose config`, with the balancer, two hubs, the three CouchDB nodes and the setup job', () => {
    const services = config(['--services'], SECRETS);
    expect(services.status, services.stderr).toBe(0);
    expect(services.stdout.trim().split('\n').sort()).toEqual([
      'balancer',
      'cluster-setup',
      'couchdb-1',
      'couchdb-2',
      'couchdb-3',
      'hub-1',
      'hub-2',
    ]);

    const full = config([], SECRETS);
    expect(full.status, full.stderr).toBe(0);
    const out = full.stdout;
    expect(out.match(/image: couchdb:3$/gm)).toHaveLength(4); // three nodes and the one-shot setup job
    for (const n of [1, 2, 3]) expect(out).toContain(`NODENAME: couchdb-${n}.hallnet`);
    // One cookie and one secret shared by the whole cluster.
    expect(out.match(/COUCHDB_ERLANG_COOKIE: test-cookie-4567$/gm)).toHaveLength(3);
    expect(out.match(/COUCHDB_SECRET: test-secret-89ab$/gm)).toHaveLength(3);
    // Both hubs over the same store and CA, each its own instance with its own data (audit log, index snapshot).
    expect(out.match(/COUCHDB_URL: http:\/\/admin:test-password-0123@couchdb\.hallnet:5984$/gm)).toHaveLength(2);
    expect(out.match(/dockerfile: deploy\/compose\/Dockerfile$/gm)).toHaveLength(2);
    expect(out.match(/HUB_CA_DIR: \/var\/lib\/hallnet\/ca$/gm)).toHaveLength(2);
    expect(out.match(/district-ca:\/var\/lib\/hallnet\/ca/g)).toHaveLength(2);
    for (const n of [1, 2]) {
      expect(out).toContain(`HUB_INSTANCE: hub-${n}`);
      expect(out).toMatch(new RegExp(`hub-${n}-data:/var/lib/hallnet/hub`));
    }
    expect(out.match(/condition: service_completed_successfully/g)).toHaveLength(2);
    // Only the balancer is published; it reads deploy/compose/haproxy.cfg.
    expect(out).toContain('image: haproxy:2.6');
    expect(out.match(/target: 5984/g)).toHaveLength(1);
    expect(out).toMatch(/haproxy\.cfg:\/usr\/local\/etc\/haproxy\/haproxy\.cfg:ro/);
    // The hubs believe x-forwarded-for from the balancer alone, at its fixed address.
    expect(out).toContain('ipv4_address: 172.28.0.10');
    expect(out.match(/HUB_TRUSTED_PROXIES: 172\.28\.0\.10$/gm)).toHaveLength(2);
  });

  it('gives the balancer a configuration HAProxy accepts, health-checking both hubs', () => {
    const cfg = readFileSync('deploy/compose/haproxy.cfg', 'utf8');
    for (const n of [1, 2]) expect(cfg).toMatch(new RegExp(`^  server hub-${n} hub-${n}:5984 check$`, 'm'));
    expect(cfg).toContain('option httpchk GET /healthz');
    expect(cfg).toContain('http-check expect rstring "\\"indexed\\":true"');
    const check = spawnSync(findHaproxy(), ['-c', '-f', 'deploy/compose/haproxy.cfg'], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  });

  it('refuses to run without the cluster secrets, naming the one missing', () => {
    const { COUCHDB_PASSWORD: _, ...withoutPassword } = SECRETS;
    const res = config(['--services'], withoutPassword);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('COUCHDB_PASSWORD');
    const { HUB_KEY_SEAL_SECRET: _s, ...withoutSeal } = SECRETS;
    const unsealed = config(['--services'], withoutSeal);
    expect(unsealed.status).not.toBe(0);
    expect(unsealed.stderr).toContain('HUB_KEY_SEAL_SECRET');
  });

  it('joins the cluster with the documented /_cluster_setup actions, and builds the hub to run `hallnet hub`', () => {
    const script = readFileSync('deploy/compose/cluster-setup.sh', 'utf8');
    expect(spawnSync('bash', ['-n', 'deploy/compose/cluster-setup.sh']).status).toBe(0);
    expect(script).toContain('/_cluster_setup');
    for (const action of ['enable_cluster', 'add_node', 'finish_cluster'])
      expect(script).toMatch(new RegExp(`"action\\\\?":\\\\?"${action}`));
    expect(script).toContain('/_membership');
    const dockerfile = readFileSync('deploy/compose/Dockerfile', 'utf8');
    // Built once in the image, after the sources are copied in; run without tsx.
    expect(dockerfile).toMatch(/^COPY deploy \.\/deploy\nRUN npm run build$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "dist\/deploy\/cli\.js"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["hub"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
