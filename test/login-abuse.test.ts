import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { eventually } from './support/eventually.js';
import { clientFrom } from './support/from-address.js';
import { signUpResident } from './support/sign-up-resident.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const A = 'dongcheng/jingshan/huangchenggen';
const RESIDENTS = [
  { name: '赵一', idNumber: '110101199003074477', phone: '13900139001', password: 'resident-one-pass' },
  { name: '钱二', idNumber: '11010519491231002X', phone: '13900139002', password: 'resident-two-pass' },
];

const dir = tempDir();
let district: RunningDistrict;
const nodeUrl = () => district.nodes.get(A)!.url;

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [{ org: A, staff: [{ account: 'clerk.a', name: '王窗口', roles: ['clerk'], password: PASSWORD }] }],
  });
  for (const r of RESIDENTS) expect((await signUpResident(district.hubUrl, join(dir.path, 'hub'), r)).status).toBe(201);
  await eventually(() => district.nodes.get(A)!.services.sync?.status().connected, 20_000, 'node linked');
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('a stranger cannot lock a named clerk out', () => {
  it('makes the stranger wait, while the clerk at his own desk logs in at his node', async () => {
    const stranger = clientFrom('127.0.0.2', nodeUrl());
    const desk = clientFrom('127.0.0.1', nodeUrl());
    const answers = [];
    for (let i = 0; i < 8; i++)
      answers.push(
        (await stranger.post('/api/auth/staff-login', { account: 'clerk.a', password: `guess-${i}` })).status,
      );
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const waiting = await stranger.post('/api/auth/staff-login', { account: 'clerk.a', password: PASSWORD });
    expect(waiting.status).toBe(429);
    expect(waiting.body.error.code).toBe('ERR_LOCKED_OUT');
    expect(waiting.body.error.message.zh).toBeTruthy();
    const clerk = await desk.post('/api/auth/staff-login', { account: 'clerk.a', password: PASSWORD });
    expect(clerk.status).toBe(200);
  });

  it('slows guesses spread over many addresses, but not the clerk at the desk he logged in from', async () => {
    for (let host = 10; host < 40; host++)
      await clientFrom(`127.0.1.${host}`, nodeUrl()).post('/api/auth/staff-login', {
        account: 'clerk.a',
        password: 'spread',
      });
    expect(
      (
        await clientFrom('127.0.1.99', nodeUrl()).post('/api/auth/staff-login', {
          account: 'clerk.a',
          password: PASSWORD,
        })
      ).status,
    ).toBe(429);
    expect(
      (
        await clientFrom('127.0.0.1', nodeUrl()).post('/api/auth/staff-login', {
          account: 'clerk.a',
          password: PASSWORD,
        })
      ).status,
    ).toBe(200);
  });
});

describe('logins relayed through a hall count per resident and address, not per hall', () => {
  it("holds back one abuser at a hall without touching the hall's other residents", async () => {
    const abuser = clientFrom('127.0.0.3', nodeUrl());
    for (let i = 0; i < 6; i++)
      await abuser.post('/identity/login', { kind: 'resident', login: RESIDENTS[0]!.phone, password: `guess-${i}` });
    const held = await abuser.post('/identity/login', {
      kind: 'resident',
      login: RESIDENTS[0]!.phone,
      password: RESIDENTS[0]!.password,
    });
    expect(held.status).toBe(429);
    // Through the same hall: the other resident, and the targeted one at his own phone, both log in.
    expect(
      (
        await clientFrom('127.0.0.4', nodeUrl()).post('/identity/login', {
          kind: 'resident',
          login: RESIDENTS[1]!.phone,
          password: RESIDENTS[1]!.password,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await clientFrom('127.0.0.5', nodeUrl()).post('/identity/login', {
          kind: 'resident',
          login: RESIDENTS[0]!.phone,
          password: RESIDENTS[0]!.password,
        })
      ).status,
    ).toBe(200);
    // The request limit per address is the abuser's own too: thirty a minute, then 429 for him alone.
    let limited = 0;
    for (let i = 0; i < 32; i++)
      if ((await abuser.post('/identity/otp/request', { phone: RESIDENTS[1]!.phone })).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
    expect(
      (
        await clientFrom('127.0.0.6', nodeUrl()).post('/identity/login', {
          kind: 'resident',
          login: RESIDENTS[1]!.phone,
          password: RESIDENTS[1]!.password,
        })
      ).status,
    ).toBe(200);
  });

  it('does not believe an address a caller writes into X-Forwarded-For', async () => {
    const direct = clientFrom('127.0.0.7', district.hubUrl);
    const statuses = [];
    for (let i = 0; i < 32; i++) {
      statuses.push(
        (
          await direct.post(
            '/identity/otp/login',
            { phone: RESIDENTS[1]!.phone, code: '000000' },
            { 'x-forwarded-for': `198.51.100.${i}` },
          )
        ).status,
      );
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it('does not believe a client address a hall sends without a valid hall token', async () => {
    const forger = clientFrom('127.0.0.8', district.hubUrl);
    let limited = 0;
    for (let i = 0; i < 32; i++) {
      const res = await forger.post(
        '/identity/otp/login',
        { phone: RESIDENTS[1]!.phone, code: '000000' },
        { 'x-hallnet-client-address': `198.51.100.${i}`, 'x-hallnet-hall-token': 'not-a-token' },
      );
      if (res.status === 429) limited++;
    }
    expect(limited).toBe(2);
  });
});
