// The resident's login, once for the whole district: tokens from /identity/* (relayed by this
// node to the identity service) kept in sessionStorage and refreshed when they lapse.
import { api, sessions, type Answer, type CallOptions, type ResidentSession } from './api.js';

/** The signed-in resident's session, or null. */
export const residentSession = () => sessions.resident.get();

async function refresh(session: ResidentSession): Promise<ResidentSession | null> {
  const answer = await api<ResidentSession>('/identity/refresh', {
    method: 'POST',
    body: { refreshToken: session.refreshToken },
  });
  if (answer.ok) {
    sessions.resident.set(answer.body);
    return answer.body;
  }
  // Offline, the old refresh token stays good for later; a refused one ends the login.
  if (answer.status === 401) sessions.resident.clear();
  return null;
}

/** Calls the API as the resident, refreshing the access token once if it has lapsed. */
export async function residentApi<T>(path: string, opts: CallOptions = {}): Promise<Answer<T>> {
  let session = residentSession();
  if (!session) return { ok: false, status: 401, body: undefined };
  if (Date.parse(session.expiresAt) < Date.now() + 5000) session = (await refresh(session)) ?? session;
  let answer = await api<T>(path, { ...opts, token: session.accessToken });
  if (answer.status === 401) {
    const renewed = await refresh(session);
    if (renewed) answer = await api<T>(path, { ...opts, token: renewed.accessToken });
    else sessions.resident.clear();
  }
  return answer;
}

/** Logs the resident in through the node's identity relay and keeps the session. */
export async function residentLogin(login: string, password: string): Promise<Answer<ResidentSession>> {
  const answer = await api<ResidentSession>('/identity/login', {
    method: 'POST',
    body: { kind: 'resident', login, password },
  });
  if (answer.ok) sessions.resident.set(answer.body);
  return answer;
}

/** Ends the login at the identity service (when reachable) and forgets it here. */
export async function residentLogout(): Promise<void> {
  const session = residentSession();
  sessions.resident.clear();
  if (session?.refreshToken)
    await api('/identity/logout', { method: 'POST', body: { refreshToken: session.refreshToken } });
}

/** On pages that need a login: runs `onReady`, or sends the resident to the portal's login. */
export function requireResident(onReady: (session: ResidentSession) => void): void {
  const session = residentSession();
  if (session) onReady(session);
  else location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
}
