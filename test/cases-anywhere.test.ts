import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { readKeyFile, signNodeToken } from '../identity/index.js';
import { startSmsGateway } from '../identity/testing/sms-gateway.js';
import { readNodeChain } from '../node/auth/node-chain.js';
import { nodeKeyPath } from '../node/auth/node-key.js';
import { RELAY_HEADERS } from '../identity/index.js';
import { checkCharacter, HUB_AUDIENCE, RESIDENT_TOKEN_HEADER } from '../sync/index.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { clientFrom } from './support/from-address.js';
import { APPLICANT, OTHER_APPLICANT } from './support/fixtures.js';
import { signUpResident } from './support/sign-up-resident.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// 全网通办 for residents (issue 14): a district of two streets with a community each, the center
// and a department's back office. Any hall answers for any case of the district through the hub.
const CENTER = 'dongcheng';
const S1 = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const S2 = 'dongcheng/donghuamen';
const B = 'dongcheng/donghuamen/nanchizi';
const DEPT = 'dongcheng/dept/disabled';
const HALLS = [CENTER, S1, A, S2, B, DEPT];
const clerk = [
  { account: 'clerk', name: '王窗口', roles: ['clerk' as const, 'director' as const], password: PASSWORD },
];
const COUNTER = {
  account: 'counter',
  name: '核验员',
  org: CENTER,
  roles: ['clerk' as const],
  password: 'counter-pass-1',
};
const ZHANG = {
  name: APPLICANT.name,
  idNumber: APPLICANT.idNumber,
  phone: APPLICANT.phone,
  password: 'zhang-pass-123',
};
const LI = {
  name: OTHER_APPLICANT.name,
  idNumber: OTHER_APPLICANT.idNumber,
  phone: OTHER_APPLICANT.phone,
  password: 'li-pass-1234',
};

const dir = tempDir('hallnet-anywhere-');
let district: RunningDistrict;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
const clerks = new Map<string, Client>();
const url = (org: string) => district.nodes.get(org)!.url;
const holds = (org: string, id: string) => district.nodes.get(org)!.services.index.get(id) !== undefined;

interface Accepted {
  id: string;
  queryCode: string;
}

async function accept(org: string, applicant = APPLICANT): Promise<Accepted> {
  const matter = district.nodes.get(org)!.services.reference.catalogue.get('DC-CL-001')!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const res = await clerks.get(org)!.post('/api/cases', { matterCode: matter.code, applicant, received });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, queryCode: res.body.queryCode };
}

/** A resident's access token, logged in through `org`'s relay. */
async function login(org: string, r: { phone: string; password: string }): Promise<string> {
  const res = await client(url(org)).post('/identity/login', {
    kind: 'resident',
    login: r.phone,
    password: r.password,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.accessToken;
}

let zhangA: Accepted;
let zhangB: Accepted;
let liA: Accepted;

beforeAll(async () => {
  sms = await startSmsGateway();
  district = await startDistrict({
    dir: dir.path,
    nodes: HALLS.map((org) => ({ org, staff: clerk })),
    identityStaff: [COUNTER],
    smsUrl: sms.url,
  });
  for (const org of HALLS) {
    const node = district.nodes.get(org)!;
    await eventually(
      () => node.services.reference.jwks && node.services.reference.catalogue.size > 40,
      30_000,
      `keys and catalogue at ${org}`,
    );
    clerks.set(org, await clerkClient(node.url, 'clerk', PASSWORD));
  }
  zhangA = await accept(A);
  zhangB = await accept(B);
  liA = await accept(A, OTHER_APPLICANT);
  // 张三 and 李四 sign up (a code to the phone); a clerk has seen 张三's ID card, not 李四's.
  for (const r of [ZHANG, LI]) expect((await signUpResident(url(B), join(dir.path, 'hub'), r)).status).toBe(201);
  const counter = await client(url(CENTER)).post('/identity/login', {
    kind: 'staff',
    login: COUNTER.account,
    password: COUNTER.password,
  });
  const verified = await client(url(CENTER), counter.body.accessToken).post('/identity/residents/verify', {
    idNumber: ZHANG.idNumber,
    name: ZHANG.name,
    phone: ZHANG.phone,
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
}, 120_000);

afterAll(async () => {
  await district?.close();
  await sms?.close();
  dir.remove();
});

/** The text of the SMS with `template` sent to `phone` about the case with `queryCode`, once the accepting hall's outbox has sent it. */
const smsText = (template: string, queryCode: string) =>
  eventually(
    () =>
      sms.received.find((r) => r.body.template === template && r.body.params.queryCode === queryCode)?.body.params.text,
    20_000,
    `${template} SMS`,
  );

describe('办件查询 at any hall', () => {
  it('tracks a code from community A at community B of the other street, through the hub, with nothing personal', async () => {
    expect(holds(B, zhangA.id)).toBe(false);
    const atB = await eventually(
      async () => {
        const res = await client(url(B)).get(`/api/track/${zhangA.queryCode}`);
        return res.status === 200 && res.body;
      },
      20_000,
      "A's case tracked at B",
    );
    expect(atB).toMatchObject({
      queryCode: zhangA.queryCode,
      source: 'district',
      status: 'processing',
      phase: 'processing',
      acceptedAtName: '皇城根社区服务站',
      holderName: '皇城根社区服务站',
      light: 'green',
    });
    expect(atB.steps.map((s: { kind: string; office: string }) => `${s.kind}@${s.office}`)).toEqual([
      'accepted@皇城根社区服务站',
    ]);
    for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, '王窗口', 'staff:clerk'])
      expect(JSON.stringify(atB)).not.toContain(secret);
    // Held at A: answered there from its own replica, the same view.
    const atA = await client(url(A)).get(`/api/track/${zhangA.queryCode}`);
    expect({ ...atA.body, source: 'district' }).toEqual(atB);
    expect(atA.body.source).toBe('hall');
  });

  it('answers every hall alike, and a code no case has with 404', async () => {
    for (const org of HALLS) {
      const res = await client(url(org)).get(`/api/track/${zhangB.queryCode}`);
      expect(res.status, org).toBe(200);
      expect(res.body.source, org).toBe(holds(org, zhangB.id) ? 'hall' : 'district');
    }
    const none = await client(url(A)).get('/api/track/ZZZZZZZZZZ0');
    expect(none.status).toBe(404);
  });
});

describe('我的办件 at any hall', () => {
  it('shows 张三 the same cases at every hall: the returned one as 退回补正 with the materials asked for and where', async () => {
    // B forwards his case to its street, which sends it back for a material.
    expect(
      (await clerks.get(B)!.post(`/api/cases/${zhangB.id}/events`, { kind: 'forwarded', to: S2, note: '请街道审核' }))
        .status,
    ).toBe(201);
    await eventually(
      () => district.nodes.get(S2)!.services.index.get(zhangB.id)?.holder === S2,
      20_000,
      'forward at the street',
    );
    const returned = await clerks.get(S2)!.post(`/api/cases/${zhangB.id}/events`, {
      kind: 'returned',
      to: B,
      note: '照片不合格，请重新提交',
      materials: ['photo'],
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(201);

    const token = await login(A, ZHANG);
    const expected = [zhangA.id, zhangB.id].sort();
    for (const org of HALLS) {
      const mine = await eventually(
        async () => {
          const res = await client(url(org), token).get('/api/my/cases');
          const ids = (res.body.items as { id: string }[]).map((c) => c.id).sort();
          const b = (res.body.items as { id: string; phase: string }[]).find((c) => c.id === zhangB.id);
          return res.status === 200 && ids.join() === expected.join() && b?.phase === 'returned' && res.body;
        },
        20_000,
        `张三's cases at ${org}`,
      );
      expect(mine.reach, org).toBe('online');
      const b = mine.items.find((c: { id: string }) => c.id === zhangB.id);
      expect(b, org).toMatchObject({
        holderName: '南池子社区服务站',
        light: 'paused',
        heldHere: holds(org, zhangB.id),
      });
      expect(b.asked, org).toEqual([
        {
          kind: 'materials',
          materials: [{ id: 'photo', name: '近期2寸白底免冠彩色照片' }],
          note: '照片不合格，请重新提交',
          where: '南池子社区服务站',
          since: expect.any(String),
        },
      ]);
    }
    // His case by id and by code at a hall that holds neither.
    const byId = await client(url(DEPT), token).get(`/api/my/cases/${zhangA.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ queryCode: zhangA.queryCode, heldHere: false });
    expect((await client(url(DEPT), token).get(`/api/my/cases/${zhangB.queryCode}`)).body.id).toBe(zhangB.id);
  });

  it('sends SMS that say what happened: the materials by name and where when returned, the locker and its code when the result is in it', async () => {
    expect(await smsText('case.materials-requested', zhangB.queryCode)).toBe(
      `【南池子社区服务站】您的“残疾人证核发”（查询码${zhangB.queryCode}）需补正材料：近期2寸白底免冠彩色照片，说明：照片不合格，请重新提交。请到南池子社区服务站补交，补正期间办理时限暂停计算。`,
    );
    expect(
      (await clerks.get(A)!.post(`/api/cases/${zhangA.id}/events`, { kind: 'completed', result: '残疾人证已制发' }))
        .status,
    ).toBe(201);
    const delivered = await clerks
      .get(A)!
      .post(`/api/cases/${zhangA.id}/events`, { kind: 'delivered', method: 'locker' });
    expect(delivered.status).toBe(201);
    const lockerCode: string = delivered.body.delivery.lockerCode;
    expect(await smsText('case.result-in-locker', zhangA.queryCode)).toBe(
      `【皇城根社区服务站】您的“残疾人证核发”办理结果已放入皇城根社区服务站智能柜，取件码${lockerCode}（查询码${zhangA.queryCode}）。`,
    );
    // Whether or not the outbox passed between completion and delivery, nothing sends him to the center.
    for (const r of sms.received.filter((x) => x.body.params.queryCode === zhangA.queryCode))
      expect(r.body.params.text).not.toContain('中心');
    // The portal at a hall of the other street says the same.
    const token = await login(B, ZHANG);
    const atB = await eventually(
      async () => {
        const res = await client(url(B), token).get(`/api/my/cases/${zhangA.id}`);
        return res.body.asked?.length && res.body;
      },
      20_000,
      'the locker at B',
    );
    expect(atB).toMatchObject({
      phase: 'completed',
      asked: [{ kind: 'pickup-locker', where: '皇城根社区服务站', lockerCode }],
    });
  });

  it("answers another resident's case by id or code with 404 at every hall", async () => {
    const token = await login(B, ZHANG);
    for (const org of HALLS) {
      // Each beside a key of the same shape that names no case: the answers differ in the key alone.
      const noCode = `Z${liA.queryCode.slice(1, 10)}`;
      const unknown = [
        `${liA.id.slice(0, -4)}${liA.id.endsWith('0000') ? '1111' : '0000'}`,
        noCode + checkCharacter(noCode),
      ];
      for (const [i, key] of [liA.id, liA.queryCode].entries()) {
        const res = await client(url(org), token).get(`/api/my/cases/${key}`);
        expect(res.status, `${org} ${key}`).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain(OTHER_APPLICANT.name);
        const none = await client(url(org), token).get(`/api/my/cases/${unknown[i]}`);
        expect(none.status, `${org} ${unknown[i]}`).toBe(404);
        const shape = (body: { error: Record<string, unknown> }, k: string) =>
          JSON.stringify({ ...body.error, requestId: undefined }).replaceAll(k, '<key>');
        expect(shape(res.body, key), `${org} ${key}`).toBe(shape(none.body, unknown[i]!));
      }
    }
  });

  it("tells an unverified resident where and with what to get verified, and shows him nothing of the clerks' cases", async () => {
    const token = await login(S1, LI);
    const res = await client(url(S1), token).get('/api/my/cases');
    expect(res.body).toMatchObject({ verified: false, reach: 'unverified', items: [] });
    expect(res.body.verifyInPerson.halls.map((h: { name: string }) => h.name)).toEqual([
      '景山街道办事处',
      '东城区政务服务中心',
    ]);
    expect(res.body.verifyInPerson.bring.join()).toContain('居民身份证');
  });
});

describe('the hub itself', () => {
  const nodeToken = async (org: string) => {
    const nodeDir = district.nodeDir(org);
    return signNodeToken({
      keyPem: readKeyFile(nodeKeyPath(nodeDir)),
      chainPem: readNodeChain(nodeDir)!,
      audience: HUB_AUDIENCE,
    });
  };

  it('refuses a forged, an unverified and a missing resident token with 401, and a caller that is no node', async () => {
    const zhang = await login(A, ZHANG);
    const [h, p] = zhang.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, idNumber: OTHER_APPLICANT.idNumber })).toString('base64url')}.${zhang.split('.')[2]}`;
    const hsHeader = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'at+jwt', kid: 'k' })).toString('base64url');
    const hs = `${hsHeader}.${p}.${createHmac('sha256', 'guess').update(`${hsHeader}.${p}`).digest('base64url')}`;
    const li = await login(A, LI);
    const authorization = `Bearer ${await nodeToken(B)}`;
    for (const token of [tampered, hs, li, '']) {
      const res = await fetch(`${district.hubUrl}/api/my/cases`, {
        headers: { authorization, ...(token ? { [RESIDENT_TOKEN_HEADER]: token } : {}) },
      });
      expect(res.status, token.slice(0, 20)).toBe(401);
    }
    const genuine = await fetch(`${district.hubUrl}/api/my/cases`, {
      headers: { authorization, [RESIDENT_TOKEN_HEADER]: zhang },
    });
    expect(genuine.status).toBe(200);
    // A resident's token straight to the hub, without a node's own proof.
    expect(
      (
        await fetch(`${district.hubUrl}/api/my/cases`, {
          headers: { authorization: `Bearer ${zhang}`, [RESIDENT_TOKEN_HEADER]: zhang },
        })
      ).status,
    ).toBe(401);
    expect((await fetch(`${district.hubUrl}/api/track/${zhangA.queryCode}`)).status).toBe(401);
  });

  it('holds back one address walking the code space, whatever address it claims in its headers; another address is not held back', async () => {
    const walk = (i: number) => {
      const body = `W${String(i).padStart(9, '0')}`;
      return body + checkCharacter(body);
    };
    const script = clientFrom('127.0.0.9', url(A));
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      // A fresh made-up origin on every try, in every header a proxy or a hall might be believed for.
      const claimed = `198.51.100.${i + 1}`;
      const res = await script.get(`/api/track/${walk(i)}`, {
        'x-forwarded-for': claimed,
        'x-real-ip': claimed,
        [RELAY_HEADERS.clientAddress]: claimed,
      });
      statuses.push(res.status);
    }
    // 30 tries a minute from one address: unknown codes answer 404 (asked of the hub), then 429.
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect((await clientFrom('127.0.0.10', url(A)).get(`/api/track/${zhangA.queryCode}`)).status).toBe(200);
  });

  it('limits tracking of one code district-wide: 429 with Retry-After, relayed by the hall', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await fetch(`${url(DEPT)}/api/track/${zhangB.queryCode}`);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Others who know the code do not lock out its own resident: logged in at that hall, 张三 still tracks it.
    const own = await client(url(DEPT), await login(DEPT, ZHANG)).get(`/api/track/${zhangB.queryCode}`);
    expect(own.status).toBe(200);
    expect(own.body.queryCode).toBe(zhangB.queryCode);
    // 李四, logged in, is anyone for a code not his.
    expect((await client(url(DEPT), await login(DEPT, LI)).get(`/api/track/${zhangB.queryCode}`)).status).toBe(429);
  });
});

describe('a hall cut off from the hub', () => {
  it('answers from its own cases, marked as such, and says it cannot reach the district', async () => {
    const token = await login(A, ZHANG);
    // 一表一库 at B for 李四, whose only case is A's: online, a plain miss.
    const register = `/api/residents?idType=resident-id&idNumber=${OTHER_APPLICANT.idNumber}`;
    expect((await clerks.get(B)!.get(register)).status).toBe(404);
    await district.stopHub();
    const mine = await client(url(A), token).get('/api/my/cases');
    expect(mine.status).toBe(200);
    expect(mine.body.reach).toBe('offline');
    expect(mine.body.items.map((c: { id: string; heldHere: boolean }) => [c.id, c.heldHere])).toEqual([
      [zhangA.id, true],
    ]);
    const elsewhere = await client(url(A)).get(`/api/track/${zhangB.queryCode}`);
    expect(elsewhere.status).toBe(503);
    expect(elsewhere.body.error).toMatchObject({ code: 'ERR_HUB_UNREACHABLE', detail: { onlyHere: true } });
    const here = await client(url(A)).get(`/api/track/${zhangA.queryCode}`);
    expect(here.body).toMatchObject({ source: 'hall', queryCode: zhangA.queryCode });
    expect((await client(url(A), token).get(`/api/my/cases/${zhangB.id}`)).status).toBe(503);
    // Cut off, a miss in the hall's own register says so rather than "no such applicant".
    await eventually(
      async () => (await clerks.get(B)!.get(register)).status === 503,
      10_000,
      'the register miss as 503',
    );
    expect((await clerks.get(B)!.get(register)).body.error).toMatchObject({
      code: 'ERR_HUB_UNREACHABLE',
      detail: { onlyHere: true },
    });
  });
});
