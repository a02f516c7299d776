import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDistrict, type RunningDistrict } from '../../../deploy/start-district.js';
import type { AuditEntry, WriteEntry } from '../../../hub/audit/audit-entry.js';
import type { StoredDoc } from '../../../hub/store/store.js';
import { startSmsGateway, type ReceivedSms } from '../../../identity/testing/sms-gateway.js';
import { verifyNodeChain } from '../../../identity/index.js';
import { readNodeChain } from '../../../node/auth/node-chain.js';
import type { RunningNode } from '../../../node/start-node.js';
import { calendarDocId, type Calendar } from '../../../sync/index.js';
import { client, clerkClient, type Client } from '../../support/client.js';
import { eventually } from '../../support/eventually.js';
import { PASSWORD } from '../../support/start-test-node.js';
import { signUpResident } from '../../support/sign-up-resident.js';

export const CENTER = 'dongcheng';
export const JINGSHAN = 'dongcheng/jingshan';
/** The station whose genuine key and certificate the attacker holds. */
export const A = 'dongcheng/jingshan/huangchenggen';
export const ANDINGMEN = 'dongcheng/andingmen';
/** A station of another street: the victim. */
export const V = 'dongcheng/andingmen/guozijian';

/** A resident with an account, whose cases the suite follows. */
export const RESIDENT = {
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  password: 'resident-pass-1',
};

const STAFF = [
  {
    account: 'clerk',
    name: '王窗口',
    roles: ['clerk' as const, 'director' as const, 'supervisor' as const],
    password: PASSWORD,
  },
];
/** A calendar year no case of the suite reaches: the district rewrites it as a marker that sync has caught up. */
const MARKER_YEAR = 2100;

/** A district of five halls on real HTTP, with an SMS gateway that records what it is asked to send. */
export interface AttackDistrict {
  district: RunningDistrict;
  orgs: readonly string[];
  hubDir: string;
  sms: { url: string; received: ReceivedSms[] };
  node(org: string): RunningNode;
  /** A clerk of the hall at `org`, logged in through its API. */
  clerk(org: string): Promise<Client>;
  /** The resident, logged in at the hall at `org`. */
  resident(org: string): Promise<Client>;
  /** The resident's identity token from a login at the hall at `org`. */
  residentToken(org: string): Promise<string>;
  /** The district writes a marker after what came before and waits until every hall holds it, then runs every hall's outbox once. */
  caughtUp(): Promise<void>;
  /** What the hub's store holds under `id` at revision `rev` (undefined when it holds nothing). */
  hubHas(id: string, rev: string): Promise<StoredDoc | undefined>;
  /** The halls whose replica holds `id` at `rev`. */
  holders(id: string, rev: string): Promise<string[]>;
  /** The serial of the certificate of the node at `org`. */
  certificateSerial(org: string): string;
  /** The write entries of every audit log of the hub. */
  auditWrites(): WriteEntry[];
  close(): Promise<void>;
}

/** Starts the district with each hall's clerk and the resident's account, and waits until every hall has its catalogue and keys. */
export async function startAttackDistrict(
  dir: string,
  orgs: readonly string[] = [CENTER, JINGSHAN, A, ANDINGMEN, V],
): Promise<AttackDistrict> {
  const sms = await startSmsGateway();
  const district = await startDistrict({ dir, smsUrl: sms.url, nodes: orgs.map((org) => ({ org, staff: STAFF })) });
  const node = (org: string) => {
    const n = district.nodes.get(org);
    if (!n) throw new Error(`no hall runs at ${org}`);
    return n;
  };
  for (const org of orgs) {
    await eventually(
      () =>
        node(org).services.reference.jwks &&
        node(org).services.reference.catalogue.size > 40 &&
        node(org).services.reference.calendar,
      30_000,
      `catalogue and keys at ${org}`,
    );
  }
  const hubDir = join(dir, 'hub');
  expect201(await signUpResident(node(orgs[0]!).url, hubDir, RESIDENT));
  const auditDir = join(hubDir, 'audit');
  let marker = 0;

  const residentToken = async (org: string): Promise<string> => {
    const res = await client(node(org).url).post('/identity/login', {
      kind: 'resident',
      login: RESIDENT.phone,
      password: RESIDENT.password,
    });
    if (res.status !== 200) throw new Error(`resident login at ${org}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  return {
    district,
    orgs,
    hubDir,
    sms,
    node,
    clerk: (org) => clerkClient(node(org).url, 'clerk', PASSWORD),
    residentToken,
    resident: async (org) => client(node(org).url, await residentToken(org)),
    async caughtUp() {
      const hub = district.hub!;
      const id = calendarDocId(MARKER_YEAR);
      const at = new Date().toISOString();
      const doc: Calendar & { _rev?: string } = {
        _id: id,
        type: 'calendar',
        scope: CENTER,
        parties: [CENTER],
        author: { id: 'hub:test-marker', org: CENTER },
        at,
        year: MARKER_YEAR,
        holidays: [{ date: `${MARKER_YEAR}-01-01`, name: `marker ${++marker}` }],
        workdays: [],
      };
      const current = await hub.store.get(id);
      const failures = await hub.store.bulkDocs(
        [{ ...doc, ...(current?._rev ? { _rev: current._rev } : {}) } as StoredDoc],
        { newEdits: true },
      );
      if (failures.length) throw new Error(`marker not written: ${JSON.stringify(failures)}`);
      const rev = (await hub.store.get(id))!._rev!;
      for (const org of orgs) {
        await eventually(
          async () =>
            (
              await node(org)
                .services.db.get(id)
                .catch(() => undefined)
            )?._rev === rev,
          20_000,
          `marker ${marker} at ${org}`,
        );
      }
      // What a hall acts on reaches its outbox at the next tick: run it now, so a notice that got through would be sent.
      for (const org of orgs) await node(org).services.notices.runOnce();
    },
    async hubHas(id, rev) {
      const [found] = await district.hub!.store.openRevs(id, [rev], {});
      return found && 'ok' in found ? found.ok : undefined;
    },
    async holders(id, rev) {
      const out: string[] = [];
      for (const org of orgs) {
        const found = (await node(org)
          .services.db.get(id, { open_revs: [rev] })
          .catch(() => [])) as { ok?: unknown }[];
        if (found.some((r) => r.ok)) out.push(org);
      }
      return out;
    },
    certificateSerial: (org) =>
      verifyNodeChain({ chainPem: readNodeChain(district.nodeDir(org))!, rootPem: district.ca.chainPem[0]! }).serial,
    auditWrites() {
      const files = readdirSync(auditDir).filter((f) => f.endsWith('.jsonl'));
      return files
        .flatMap((f) => readFileSync(join(auditDir, f), 'utf8').trimEnd().split('\n'))
        .map((l) => JSON.parse(l) as AuditEntry)
        .filter((e): e is WriteEntry => e.kind === 'write');
    },
    async close() {
      await district.close();
      await sms.close();
    },
  };
}

function expect201(res: { status: number; body: unknown }): void {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
}
