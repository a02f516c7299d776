/** A JSON answer from a hallnet server: the status and the parsed body. */
export interface Answer<T = any> {
  status: number;
  body: T;
}

/** A tiny HTTP client for tests: real requests over the loopback, JSON in and out. */
export function client(base: string, token?: string) {
  async function call<T = any>(method: string, path: string, body?: unknown, raw?: string): Promise<Answer<T>> {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body),
    put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, body),
    postRaw: <T = any>(path: string, raw: string) => call<T>('POST', path, undefined, raw),
    withToken: (t: string) => client(base, t),
  };
}

export type Client = ReturnType<typeof client>;

/** Logs a clerk in at a node and returns a client carrying the token. */
export async function clerkClient(base: string, account: string, password: string): Promise<Client> {
  const res = await client(base).post('/api/auth/staff-login', { account, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client(base, res.body.token);
}
