import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../identity/index.js';
import type { RunningNode } from '../node/start-node.js';
import { APPLICANT } from './support/fixtures.js';
import { clerkClient, type Client } from './support/client.js';
import { PASSWORD, startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// Monday 23 November 2026, 10:00 in Beijing.
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => now;
const sent: Notice[] = [];
const dir = tempDir();
const STREET = 'dongcheng/jingshan';
let node: RunningNode;
let clerk: Client;

const act = (id: string, body: object) => clerk.post(`/api/cases/${id}/events`, body);

async function accept(name: string, leaveOut: 'secondary' | 'none' = 'none') {
  const matter = node.services.reference.catalogue.search({ q: name })[0]!;
  const received = matter.materials
    .filter((m) => m.necessity === 'required' || (leaveOut === 'none' && m.necessity === 'secondary'))
    .map((m) => m.id);
  const res = await clerk.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, body: res.body, matter };
}

beforeAll(async () => {
  node = await startTestNode(join(dir.path, 'street'), STREET, {
    clock,
    roles: ['clerk', 'director'],
    noticeSender: { send: async (n) => void sent.push(n) },
  });
  clerk = await clerkClient(node.url, 'clerk', PASSWORD);
});

afterAll(async () => {
  await node?.close();
  dir.remove();
});

describe('deadlines in working days', () => {
  it('extends a deadline by working days for a stated reason, and refuses a return or a supplement that does not fit', async () => {
    const { id, body, matter } = await accept('最低生活保障');
    const promised = body.promisedBy as string;
    const material = matter.materials.find((m) => m.necessity === 'required')!.id;
    // A case goes back only to a hall below that holds it; nothing was asked for, so nothing can be supplemented.
    expect(
      (await act(id, { kind: 'returned', to: STREET, note: '请补充收入证明', materials: [material] })).status,
    ).toBe(409);
    const supplemented = await act(id, { kind: 'supplemented', materials: [material] });
    expect(supplemented.status).toBe(409);
    expect(supplemented.body.error.code).toBe('ERR_CASE_STATE');
    // An extension (特别程序) moves the deadline by working days, with its reason.
    const ext = await act(id, { kind: 'extended', days: 5, reason: '需要现场核查' });
    expect(ext.status).toBe(201);
    expect(ext.body.extensions).toHaveLength(1);
    expect(Date.parse(ext.body.promisedBy)).toBeGreaterThan(Date.parse(promised) + 5 * 86_400_000);
  });

  it('never gives a 容缺 make-up deadline after the promised one: 食品经营许可 (5 days promised, 10 to make up) owes by its promised day', async () => {
    const { body, matter } = await accept('食品经营许可', 'secondary');
    expect(matter.makeUpDays).toBeGreaterThan(matter.promisedDays);
    expect(body.makeUpBy).toBe(body.promisedBy);
    // A period within the promised one stays as the matter sets it.
    const assistance = await accept('最低生活保障', 'secondary');
    expect(Date.parse(assistance.body.makeUpBy)).toBeLessThan(Date.parse(assistance.body.promisedBy));
  });

  it('flags a missed 容缺 make-up deadline and tells the applicant, once, from the accepting hall', async () => {
    const all = node.services.reference.catalogue.search({ level: 5 });
    const matter = all.find(
      (m) => m.allowsMakeUp && m.materials.some((x) => x.necessity === 'secondary') && m.serves.includes('person'),
    )!;
    const { id, body } = await accept(matter.name, 'secondary');
    expect(body.makeUpBy).toBeTruthy();
    await node.services.notices.runOnce();
    // The acceptance SMS names what is owed and by when, as the paper notice does.
    const acceptance = sent.filter(
      (n) => n.params.queryCode === body.queryCode && n.template.startsWith('case.accepted'),
    );
    expect(acceptance.map((n) => n.template)).toEqual(['case.accepted-make-up']);
    const owed = matter.materials.filter((x) => x.necessity === 'secondary');
    expect(acceptance[0]!.params.text).toContain(
      `请于${body.makeUpBy.slice(0, 10)}前补交容缺材料：${owed[0]!.name}${owed.length > 1 ? `等${owed.length}项` : ''}。`,
    );

    const before = now;
    now = new Date(Date.parse(body.makeUpBy) + 3600_000);
    await node.services.notices.runOnce();
    await node.services.notices.runOnce();
    const state = node.services.index.get(id)!;
    expect(state.makeUpOverdue).toBe(true);
    expect(state.events.filter((e) => e.kind === 'make-up-overdue')).toHaveLength(1);
    await node.services.notices.runOnce();
    expect(
      sent.filter((n) => n.template === 'case.make-up-overdue' && n.params.queryCode === body.queryCode),
    ).toHaveLength(1);
    now = before;
  });

  it('hands a result out at a locker with a six-digit code, once completed', async () => {
    const { id } = await accept('最低生活保障');
    expect((await act(id, { kind: 'delivered', method: 'locker' })).status).toBe(409);
    expect((await act(id, { kind: 'completed', result: '审核通过' })).status).toBe(201);
    const delivered = await act(id, { kind: 'delivered', method: 'locker' });
    expect(delivered.status).toBe(201);
    expect(delivered.body.delivery.lockerCode).toMatch(/^\d{6}$/);
    const courier = await act(id, { kind: 'delivered', method: 'courier', courier: 'EMS', tracking: '1234567890' });
    expect(courier.status).toBe(409);
  });
});
