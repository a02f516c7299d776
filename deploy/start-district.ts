import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { hubConfigFromEnv, publishSeed, startHub, type HubConfig, type RunningHub } from '../hub/index.js';
import type { NewStaff } from '../identity/index.js';
import { readNodeChain, startNode, type NodeConfig, type RunningNode } from '../node/index.js';
import { CleanupStack, levelOfPath, parentOf, type Envelope, type StaffRole } from '../sync/index.js';
import { defaultGrants } from './default-grants.js';
import { enrollNode, initDistrictCa, nodeAsIssuer, type Issuer } from './enroll.js';
import { seedDocuments } from './seed/index.js';
import { seedOrganisations } from './seed/organisations.js';

/** A clerk account to create at a node. */
export interface StaffSeed {
  account: string;
  name: string;
  roles: StaffRole[];
  password: string;
  /** The member's own organisation when it is not the node's: a department's desk at the district center. */
  org?: string;
}

export interface DistrictPlan {
  /** Everything lives below it: `hub/` and one folder per node. */
  dir: string;
  district?: string;
  /**
   * The organisations that run a node, in the order they start; `windows` as `HALLNET_WINDOWS` (unset: the default plan);
   * `line`: given the hub's URL, the URL this node reaches the hub by (a test's fault proxy on its line), the hub's own unless given.
   */
  nodes: {
    org: string;
    staff?: StaffSeed[];
    port?: number;
    windows?: NodeConfig['windows'];
    line?: (hubUrl: string) => Promise<string>;
  }[];
  /** Store in an Apache CouchDB (or CouchDB-protocol) server instead of the embedded store. */
  couchUrl?: string;
  hubPort?: number;
  host?: string;
  clock?: () => Date;
  /**
   * When the district's CA, certificates and grants take effect (the clock's now unless given).
   * A district whose halls bring casework from before their enrolment sets it earlier: the hub
   * judges each write by the rights its writer held when it was made.
   */
  enrolledAt?: Date;
  logger?: Logger;
  yellowHours?: number;
  /** The SMS operator's gateway every node sends its notices to. */
  smsUrl?: string;
  /** `default`: every enrolled node gets its usual grants; `center`: only the district center does, the rest is up to its admins. */
  grants?: 'default' | 'center';
  /** Accounts the identity service starts with (a district admin, say). */
  identityStaff?: NewStaff[];
  /** A city hub to link the district hub to (跨区通办), with its certificate from the city CA in the hub's folder. */
  cityUrl?: string;
  /** The reference data the hub publishes at its first start (default: the seed, 东城's catalogue and organisations). */
  seedDocs?: readonly Envelope[];
  /** The hub's limits on district-wide lookups, where the defaults do not suit (a benchmark's load). */
  lookupLimits?: HubConfig['lookupLimits'];
}

/** A district running on one machine: its hub and its nodes, each part stoppable and restartable. */
export interface RunningDistrict {
  hub: RunningHub | undefined;
  hubUrl: string;
  nodes: Map<string, RunningNode>;
  ca: Issuer;
  nodeDir(org: string): string;
  stopHub(): Promise<void>;
  startHub(): Promise<RunningHub>;
  stopNode(org: string): Promise<void>;
  startNode(org: string): Promise<RunningNode>;
  close(): Promise<void>;
}

/**
 * Starts a district as a real deployment would run it, all on this machine: the district CA,
 * the hub with the seed catalogue, and each node enrolled — street offices by the district,
 * community stations by their street when it runs here — then started with live sync.
 */
export async function startDistrict(plan: DistrictPlan): Promise<RunningDistrict> {
  const district = plan.district ?? 'dongcheng';
  const host = plan.host ?? '127.0.0.1';
  const logger = plan.logger ?? pino({ level: 'silent' });
  const clock = plan.clock ?? (() => new Date());
  const names = new Map(seedOrganisations().map((o) => [o.path, o.name]));
  const hubDir = join(plan.dir, 'hub');
  // The CA and the certificates are issued at the district's clock, so a test may play any date.
  const enrolledAt = () => plan.enrolledAt ?? clock();
  const ca = initDistrictCa(hubDir, district, `${names.get(district) ?? district} CA`, enrolledAt());
  const nodeDir = (org: string) => join(plan.dir, 'nodes', org.replaceAll('/', '_'));

  const newlyEnrolled: string[] = [];
  for (const { org } of plan.nodes) {
    if (existsSync(join(nodeDir(org), 'node.chain.pem'))) continue;
    newlyEnrolled.push(org);
    const street = parentOf(org);
    const streetChain = levelOfPath(org) === 6 && street ? readNodeChain(nodeDir(street)) : undefined;
    const issuer = streetChain ? nodeAsIssuer(nodeDir(street!), streetChain) : ca;
    enrollNode(nodeDir(org), org, names.get(org) ?? org, issuer, { now: enrolledAt() });
  }

  const hubConfig = {
    ...hubConfigFromEnv({ HUB_DISTRICT: district }),
    dataDir: hubDir,
    host,
    port: plan.hubPort ?? 0,
    couchUrl: plan.couchUrl,
    ...(plan.cityUrl ? { cityUrl: plan.cityUrl, caDir: hubDir } : {}),
    logLevel: 'silent' as const,
    ...(plan.lookupLimits ? { lookupLimits: plan.lookupLimits } : {}),
  };
  // The hub and the nodes register their close here as they start: a node that fails to start
  // closes the rest, and close() is the same unwinding (nodes first, then the hub).
  const stack = new CleanupStack();
  let hub: RunningHub | undefined;
  stack.add('hub', undefined, () => hub?.close());
  try {
    hub = await startHub(hubConfig, {
      rootPem: ca.chainPem[0]!,
      clock,
      logger: logger.child({ part: 'hub' }),
      seedDocs: plan.seedDocs ?? seedDocuments(),
      staff: plan.identityStaff ?? [],
    });
    // Departments with desks at a node (staff of their own organisation there) are granted like
    // departments with a node of their own, once: a later start finds their grant at the hub.
    const started = hub;
    const desks = [
      ...new Set(plan.nodes.flatMap((n) => (n.staff ?? []).flatMap((s) => (s.org && s.org !== n.org ? [s.org] : [])))),
    ];
    const ungrantedDesks = desks.filter((org) => !started.grants.list().some((g) => g.payload.grantee.org === org));
    if (newlyEnrolled.length || ungrantedDesks.length) {
      const streetIssuer = (street: string) => {
        const chain = readNodeChain(nodeDir(street));
        return chain && newlyEnrolled.includes(street) ? nodeAsIssuer(nodeDir(street), chain) : undefined;
      };
      const granted =
        plan.grants === 'center' ? newlyEnrolled.filter((o) => o === district) : [...newlyEnrolled, ...ungrantedDesks];
      const grants = await defaultGrants(granted, ca, streetIssuer, enrolledAt());
      await publishSeed(hub.store, grants);
      // Nodes start pushing at once: the write rule must know their grants first, or it refuses for good.
      while (!grants.every((g) => started.grants.get(g.grantId))) await new Promise((r) => setTimeout(r, 20));
    }
    // Restarts come back on the same port: the nodes know the hub by its address.
    hubConfig.port = Number(new URL(hub.url).port);
    const hubUrl = hub.url;

    const nodes = stack.add('nodes', new Map<string, RunningNode>(), async (running) => {
      for (const node of [...running.values()].reverse()) await node.close();
      running.clear();
    });
    const ports = new Map<string, number>();
    const startOne = async (org: string) => {
      const spec = plan.nodes.find((n) => n.org === org);
      const config: NodeConfig = {
        dataDir: nodeDir(org),
        host,
        port: ports.get(org) ?? spec?.port ?? 0,
        org,
        level: levelOfPath(org)!,
        yellowHours: plan.yellowHours ?? 24,
        seed: false,
        hubUrl: spec?.line ? await spec.line(hubUrl) : hubUrl,
        smsUrl: plan.smsUrl,
        ...(spec?.windows ? { windows: spec.windows } : {}),
        logLevel: 'silent',
      };
      const node = await startNode(config, {
        clock,
        seedDocs: seedDocuments(),
        logger: logger.child({ part: org }),
        staff: (spec?.staff ?? []).map((s) => ({ ...s, org: s.org ?? org })),
      });
      ports.set(org, Number(new URL(node.url).port));
      nodes.set(org, node);
      return node;
    };
    for (const { org } of plan.nodes) await startOne(org);

    return {
      get hub() {
        return hub;
      },
      hubUrl,
      nodes,
      ca,
      nodeDir,
      async stopHub() {
        await hub?.close();
        hub = undefined;
      },
      async startHub() {
        hub = await startHub(hubConfig, { rootPem: ca.chainPem[0]!, clock, logger: logger.child({ part: 'hub' }) });
        return hub;
      },
      async stopNode(org) {
        await nodes.get(org)?.close();
        nodes.delete(org);
      },
      startNode: startOne,
      async close() {
        await stack.close();
        hub = undefined;
      },
    };
  } catch (err) {
    return stack.abandon(err);
  }
}
