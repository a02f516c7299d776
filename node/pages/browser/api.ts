// The node's JSON API as the pages call it, and the session tokens they call it with.
import type { FieldIssue } from '../../../sync/index.js';

/** An API error's body, as node/http/on-error.ts writes it. */
export interface ApiError {
  error?: { code?: string; message?: string | { zh?: string; en?: string }; issues?: FieldIssue[] };
}

/** An API answer: `body` is what a 2xx carries (typed by the caller, who knows the endpoint) or the error. */
export type Answer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; body: ApiError | undefined };

/** How `api` calls: method, JSON body (or a multipart form, for files) and bearer token. */
export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  form?: FormData;
  token?: string | undefined;
}

/** Calls the node's JSON API; never throws: `{ ok, status, body }`, a network failure as status 0. */
export async function api<T>(
  path: string,
  { method = 'GET', body, form, token }: CallOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    // A form sets its own multipart content type, boundary included.
    res = await fetch(path, {
      method,
      headers,
      body: form ?? (body === undefined ? null : JSON.stringify(body)),
      cache: 'no-store',
    });
  } catch {
    return {
      ok: false,
      status: 0,
      body: { error: { code: 'ERR_NETWORK', message: { zh: '无法连接本节点，请检查本机网络' } } },
    };
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  // The node's answers are ours: a 2xx carries what the endpoint documents.
  return res.ok
    ? { ok: true, status: res.status, body: data as T }
    : { ok: false, status: res.status, body: data as ApiError | undefined };
}

/** An API error in Chinese: the message, then each field's reason (reasons read "english / 中文"). */
export function errorText(answer: { status: number; body?: unknown }): string {
  const e = (answer.body as ApiError | undefined)?.error;
  if (!e) return `操作失败（${answer.status}），请重试`;
  const zh = typeof e.message === 'object' ? e.message.zh : e.message;
  const reasons = [...new Set((e.issues ?? []).map((i) => String(i.reason).split(' / ').pop()))];
  // A reason that restates the message and goes on ("配对码错误或已过期，请…") says it once, alone.
  const restated = zh && reasons.some((r) => r?.startsWith(zh));
  return [restated ? undefined : zh, ...reasons].filter(Boolean).join('：');
}

/** The error code of a refused call, if the node gave one. */
export const errorCode = (answer: Answer<unknown>) => (answer.ok ? undefined : answer.body?.error?.code);

/** A value kept in sessionStorage as JSON. */
export interface SessionStore<T> {
  get(): T | null;
  set(value: T): void;
  clear(): void;
}

function sessionStore<T>(key: string): SessionStore<T> {
  return {
    get() {
      try {
        return JSON.parse(sessionStorage.getItem(key) ?? 'null') as T | null;
      } catch {
        return null;
      }
    },
    set(value) {
      sessionStorage.setItem(key, JSON.stringify(value));
    },
    clear() {
      sessionStorage.removeItem(key);
    },
  };
}

/** A clerk's session: what POST /api/auth/staff-login answers. */
export interface ClerkSession {
  token: string;
  expiresAt: string;
  staff: { account: string; name: string; org: string; roles: string[] };
}

/** A resident's session: what /identity/login and /identity/refresh answer. */
export interface ResidentSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  account: { name: string };
}

/** Tokens live in sessionStorage: closing the tab on a shared hall PC ends the login. */
export const sessions = {
  clerk: sessionStore<ClerkSession>('hallnet.clerk'),
  resident: sessionStore<ResidentSession>('hallnet.resident'),
};

/** The clerk signed in in this tab, unless his token lapses within five seconds. */
export function currentClerk(): ClerkSession | null {
  const s = sessions.clerk.get();
  return s && Date.parse(s.expiresAt) > Date.now() + 5000 ? s : null;
}
