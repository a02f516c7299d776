// A local HTTP server playing the SMS gateway: it records what it receives. Tests only.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake gateway received. */
export interface ReceivedSms {
  headers: IncomingHttpHeaders;
  body: { phone: string; template: string; params: Record<string, string> };
}

/** Starts the fake gateway on a free port; `status` is what it answers (changeable). */
export async function startSmsGateway() {
  const received: ReceivedSms[] = [];
  const state = { status: 200 };
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(state.status, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    state,
    /** The code in the last SMS sent to `phone`. */
    lastCode(phone: string): string {
      const sms = received.filter((r) => r.body.phone === phone).at(-1);
      if (!sms?.body.params.code) throw new Error(`no code was sent to ${phone}`);
      return sms.body.params.code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
