import { z } from 'zod';
import { errorTable, HallnetError, parseOrThrow, type ErrorCode } from '../../sync/index.js';
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
  const body = (await login.json().catch(() => ({}))) as { token?: string; error?: NodeError };
  if (!body.token) throw refusal(login.status, body.error);
  return async (method: string, path: string, payload?: object) => {
    const res = await fetch(`${node}${path}`, {
      method,
      headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw refusal(res.status, answer.error as NodeError | undefined);
    return answer;
  };
}

interface NodeError {
  code?: string;
  message?: { zh?: string; en?: string };
  issues?: { field: string; reason: string }[];
}

/** The node's refusal as one line: its code, then its English and Chinese (each field's reason, if any). */
function refusal(status: number, error: NodeError | undefined): HallnetError {
  const known = error?.code && error.code in errorTable ? (error.code as ErrorCode) : undefined;
  const issues = (error?.issues ?? []).map((i) => `${i.field}: ${i.reason}`).join('; ');
  const said = [error?.message?.en, error?.message?.zh].filter(Boolean).join(' / ');
  const line = [said || `the node answered ${status}`, issues].filter(Boolean).join(': ');
  return new HallnetError(known ?? 'ERR_INTERNAL', known || !error?.code ? line : `${error.code}: ${line}`);
}
