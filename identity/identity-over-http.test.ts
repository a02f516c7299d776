import { serve } from '@hono/node-server';
import type { JSONWebKeySet } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeClientAddress } from './adapter/node/node-client-address.js';
import { createPouchIdentityStore } from './adapter/node/pouch-identity-store.js';
import { createScryptHasher } from './adapter/node/scrypt-hasher.js';
import { createIdentityApp } from './create-identity-app.js';
import { createHttpNoticeSender } from './http-notice-sender.js';
import type { IdentityStore } from './store/identity-store.js';
import { idNumber, phone } from './testing/identity-fixtures.js';
import { startSmsGateway } from './testing/sms-gateway.js';
import { verifyAccessToken } from './verify-access-token.js';

// The whole service as the hub runs it: real sockets, the PouchDB store on disk, scrypt, and SMS
// through an HTTP gateway (a local server here) from which the test reads the code.
describe('identity over real HTTP', () => {
  let dir: string;
  let store: IdentityStore;
  let server: Server;
  let base: string;
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-identity-http-'));
    store = await createPouchIdentityStore({ dir: join(dir, 'data') });
    gateway = await startSmsGateway();
    const app = createIdentityApp({
      store,
      hasher: createScryptHasher(),
      sender: createHttpNoticeSender({ url: gateway.url, headers: { authorization: 'Bearer sms-key' } }),
      district: 'dongcheng',
      clientAddress: nodeClientAddress,
    });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(info.port),
      ) as Server;
    });
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Signs a resident up with the code the gateway received for his phone. */
  const signUp = async (body: Record<string, string>) => {
    expect((await call('POST', '/identity/residents/code', { phone: body.phone })).status).toBe(202);
    expect(gateway.received.at(-1)!.body).toMatchObject({ phone: body.phone, template: 'signup-code' });
    return call('POST', '/identity/residents', { ...body, code: gateway.lastCode(body.phone!) });
  };

  it('signs up with the code sent to the phone, logs in with the SMS code the gateway received, and is known by a node offline', async () => {
    expect((await signUp({ name: '陈静', idNumber: idNumber(30), phone: phone(30) })).status).toBe(201);
    const sent = await call('POST', '/identity/otp/request', { phone: phone(30) });
    expect(sent).toEqual({ status: 202, body: { sent: true, expiresInSeconds: 300 } });
    const sms = gateway.received.at(-1)!;
    expect(sms.headers.authorization).toBe('Bearer sms-key');
    expect(sms.body).toMatchObject({ phone: phone(30), template: 'login-code' });

    const login = await call('POST', '/identity/otp/login', { phone: phone(30), code: gateway.lastCode(phone(30)) });
    expect(login.status).toBe(200);
    const me = await call('GET', '/identity/me', undefined, login.body.accessToken);
    expect(me.body.principal).toMatchObject({
      kind: 'resident',
      name: '陈静',
      idNumber: idNumber(30),
      phone: phone(30),
    });

    const jwks = (await call('GET', '/.well-known/jwks.json')).body as JSONWebKeySet;
    await expect(
      verifyAccessToken(login.body.accessToken, { jwks, issuer: 'hallnet-identity', audience: 'hallnet' }),
    ).resolves.toMatchObject({ name: '陈静' });

    const again = await call('POST', '/identity/otp/login', { phone: phone(30), code: gateway.lastCode(phone(30)) });
    expect(again).toMatchObject({
      status: 401,
      body: { error: { code: 'ERR_OTP_INVALID', message: { zh: '验证码错误或已失效' } } },
    });
  });

  it('revokes a refresh family on reuse over the wire', async () => {
    await signUp({ name: '周强', idNumber: idNumber(31), phone: phone(31), password: 'Zhou-pass-2026' });
    const first = await call('POST', '/identity/login', {
      kind: 'resident',
      login: idNumber(31),
      password: 'Zhou-pass-2026',
    });
    const second = await call('POST', '/identity/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    expect((await call('POST', '/identity/refresh', { refreshToken: first.body.refreshToken })).body.error.code).toBe(
      'ERR_REFRESH_REUSED',
    );
    expect((await call('POST', '/identity/refresh', { refreshToken: second.body.refreshToken })).body.error.code).toBe(
      'ERR_SESSION_REVOKED',
    );
  });

  it("counts requests against the socket's address in the store", async () => {
    const counted = (await store.peek('rate:addr:127.0.0.1')) ?? (await store.peek('rate:addr:::ffff:127.0.0.1'));
    expect(counted?.count).toBeGreaterThanOrEqual(5);
  });

  it('answers a send failure of the gateway with 502, not 500', async () => {
    gateway.state.status = 500;
    const res = await call('POST', '/identity/otp/request', { phone: phone(31) });
    gateway.state.status = 200;
    expect(res).toMatchObject({ status: 502, body: { error: { code: 'ERR_NOTICE_FAILED' } } });
  });
});
