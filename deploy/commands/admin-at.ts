import { z } from 'zod';
import { HallnetError, parseOrThrow } from '../../sync/index.js';
import { firstLineOfStdin, type CommandArgs } from './args.js';

const connectionSchema = z.object({
  node: z.url({
    protocol: /^https?$/,
    message: '--node must be the URL of the node that signs (e.g. http://127.0.0.1:8081)',
  }),
  account: z.string().min(1, '--account names the admin who logs in at that node'),
});

/** Logs the admin in at the node (password from HALLNET_PASSWORD or standard input) and returns an API caller. */
export async function adminAt(options: CommandArgs['options']) {
  const { node, account } = parseOrThrow(connectionSchema, { node: options.node, account: options.account });
  const password = process.env.HALLNET_PASSWORD ?? (await firstLineOfStdin());
  const login = await fetch(`${node}/api/auth/staff-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password }),
  });
  const body = (await login.json()) as { token?: string; error?: { code: string; message: { en: string } } };
  if (!body.token)
    throw new HallnetError('ERR_LOGIN_FAILED', body.error?.message.en ?? `login answered ${login.status}`);
  return async (method: string, path: string, payload?: object) => {
    const res = await fetch(`${node}${path}`, {
      method,
      headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new HallnetError('ERR_VALIDATION', `${res.status}: ${JSON.stringify(answer.error)}`);
    return answer;
  };
}
