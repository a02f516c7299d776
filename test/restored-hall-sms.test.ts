import { cpSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { startSmsGateway } from '../identity/testing/sms-gateway.js';
import type { NoticeDoc } from '../sync/index.js';
import { clerkClient } from './support/client.js';
import { eventually } from './support/eventually.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { APPLICANT } from './support/fixtures.js';
import { tempDir } from './support/temp-dir.js';

// A hall's replica restored from last night's backup holds its SMS notices as they stood then,
// still to be sent, while the hub holds them sent since: the resident must not get them twice.
const STREET = 'dongcheng/jingshan';
const PASSWORD = 'restored-hall-1';
const CLERK = { account: 'clerk', name: '窗口甲', password: PASSWORD, roles: ['clerk' as const] };

const dir = tempDir('hallnet-restored-sms-');
let now = new Date();
let district: RunningDistrict;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
let line: FaultProxy;
const node = () => district.nodes.get(STREET)!;
const assistance = () => node().services.reference.catalogue.search({ q: '最低生活保障' })[0];
/** The notices the SMS operator was asked to send for `caseId`, failed attempts too. */
const asked = (caseId: string) => sms.received.filter((r) => r.headers['idempotency-key']?.includes(caseId));
const noticeAtNode = async (caseId: string) =>
  (await node().services.db.allDocs({ include_docs: true, startkey: `notice:${caseId}:`, endkey: `notice:${caseId};` }))
    .rows[0]?.doc as NoticeDoc | undefined;
/** Everything the hall wrote has reached the hub, and the pull is current. */
const settled = async () =>
  node().services.sync!.status().state === 'idle' && (await node().services.sync!.refreshWaitingUp()) === 0;

beforeAll(async () => {
  sms = await startSmsGateway();
  sms.state.status = 503; // the operator is down when the case is accepted
  district = await startDistrict({
    dir: dir.path,
    smsUrl: sms.url,
    clock: () => now,
    nodes: [
      {
        org: STREET,
        staff: [CLERK],
        line: async (hubUrl) => {
          line ??= await startFaultProxy(Number(new URL(hubUrl).port));
          return line.url;
        },
      },
    ],
  });
  await eventually(() => assistance() !== undefined, 20_000, 'the matter at the street');
}, 60_000);

afterAll(async () => {
  line?.set('pass');
  await district?.close();
  await line?.close();
  await sms?.close();
  dir.remove();
});

describe('a hall restored from a backup', () => {
  it('does not send again the SMS its hub copy shows sent since the backup', async () => {
    const matter = assistance()!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const clerk = await clerkClient(node().url, CLERK.account, PASSWORD);
    const res = await clerk.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.id as string;
    await node().services.notices.runOnce();
    expect((await noticeAtNode(caseId))?.status).toBe('pending');
    await eventually(settled, 20_000, 'the pending notice at the hub');

    // Last night's backup: the notice still pending.
    await district.stopNode(STREET);
    const backup = `${dir.path}/backup`;
    cpSync(district.nodeDir(STREET), backup, { recursive: true });

    // The operator is back; the hall sends the notice, and the hub learns it was sent.
    sms.state.status = 200;
    now = new Date(now.getTime() + 3600_000);
    await district.startNode(STREET);
    await eventually(settled, 20_000, 'the hall caught up with the hub');
    await node().services.notices.runOnce();
    const notice = await noticeAtNode(caseId);
    expect(notice?.status).toBe('sent');
    await eventually(
      async () => ((await district.hub!.store.get(notice!._id)) as NoticeDoc | undefined)?.status === 'sent',
      20_000,
      'the sent notice at the hub',
    );
    const sends = asked(caseId).length;

    // The replica is lost and restored from the backup, and the hall starts before its pull has run.
    await district.stopNode(STREET);
    rmSync(district.nodeDir(STREET), { recursive: true });
    cpSync(backup, district.nodeDir(STREET), { recursive: true });
    now = new Date(now.getTime() + 3600_000);
    line.set('hold');
    await district.startNode(STREET);
    expect((await noticeAtNode(caseId))?.status).toBe('pending');
    await node().services.notices.runOnce();
    expect(asked(caseId)).toHaveLength(sends);

    // Once the pull has brought the hub's word, the notice reads sent, and stays unsent again.
    line.set('pass');
    await eventually(async () => (await noticeAtNode(caseId))?.status === 'sent', 30_000, 'the hub says sent');
    await node().services.notices.runOnce();
    expect(asked(caseId)).toHaveLength(sends);
  }, 120_000);
});
