import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpNoticeSender } from './http-notice-sender.js';
import { expectCode } from './testing/identity-fixtures.js';
import { startSmsGateway } from './testing/sms-gateway.js';

describe('createHttpNoticeSender', () => {
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  beforeAll(async () => {
    gateway = await startSmsGateway();
  });
  afterAll(() => gateway.close());

  it('POSTs the notice as JSON with the configured headers', async () => {
    const sender = createHttpNoticeSender({ url: gateway.url, headers: { 'x-api-key': 'k1' } });
    await sender.send({ phone: '13900000001', template: 'login-code', params: { code: '123456', minutes: '5' } });
    const got = gateway.received.at(-1)!;
    expect(got.body).toEqual({
      phone: '13900000001',
      template: 'login-code',
      params: { code: '123456', minutes: '5' },
    });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-api-key']).toBe('k1');
  });

  it('throws ERR_NOTICE_FAILED when the gateway answers an error or cannot be reached', async () => {
    gateway.state.status = 503;
    await expectCode(
      () => createHttpNoticeSender({ url: gateway.url }).send({ phone: '13900000001', template: 't', params: {} }),
      'ERR_NOTICE_FAILED',
      /503/,
    );
    gateway.state.status = 200;
    await expectCode(
      () =>
        createHttpNoticeSender({ url: 'http://127.0.0.1:9/sms', timeoutMs: 2000 }).send({
          phone: '1',
          template: 't',
          params: {},
        }),
      'ERR_NOTICE_FAILED',
      /unreachable/,
    );
  });

  it('refuses a bad gateway URL when built', async () => {
    await expectCode(() => createHttpNoticeSender({ url: 'not a url' }), 'ERR_CONFIG');
    await expectCode(() => createHttpNoticeSender({ url: 'file:///etc/passwd' }), 'ERR_CONFIG');
  });
});
