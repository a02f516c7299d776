// The clerk's session on staff pages: login at the node (works offline), the token in
// sessionStorage, and a way back to the login form when the token lapses.
import type { Right } from '../../../sync/index.js';
import { CLERK_LOGIN } from '../ids/shared-ids.js';
import { REVOKED_LOGIN_TEXT } from '../revoked-text.js';
import { api, currentClerk, errorText, sessions, type Answer, type CallOptions, type ClerkSession } from './api.js';
import { CONFIG } from './config.js';
import { byId, say } from './dom.js';

const loginSection = byId(CLERK_LOGIN.clerkLogin);
const form = byId(CLERK_LOGIN.clerkLoginForm);
const message = byId(CLERK_LOGIN.clerkLoginMsg);
const bar = byId(CLERK_LOGIN.clerkBar);
const area = byId(CLERK_LOGIN.clerkArea);
const noRight = byId(CLERK_LOGIN.clerkNoRight);

function showLogin(text?: string): void {
  area.hidden = true;
  bar.hidden = true;
  noRight.hidden = true;
  loginSection.hidden = false;
  say(message, text ?? '', 'info');
  byId(CLERK_LOGIN.clerkAccount).focus();
}

// A hall whose certificate the district revoked takes no login: say so instead of offering the form.
if (CONFIG.link.revoked) {
  const note = byId(CLERK_LOGIN.clerkLoginNote);
  note.textContent = REVOKED_LOGIN_TEXT;
  note.className = 'message message-error';
  for (const field of form.querySelectorAll('input, button')) (field as HTMLInputElement).disabled = true;
}

let ready: ((session: ClerkSession) => void) | undefined;
function enter(session: ClerkSession): void {
  loginSection.hidden = true;
  bar.hidden = false;
  area.hidden = false;
  byId(CLERK_LOGIN.clerkName).textContent = `${session.staff.name}（${session.staff.account}）`;
  ready?.(session);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const account = byId(CLERK_LOGIN.clerkAccount).value.trim();
  const password = byId(CLERK_LOGIN.clerkPassword).value;
  if (!account || !password) return say(message, '请输入账号和密码');
  const answer = await api<ClerkSession>('/api/auth/staff-login', { method: 'POST', body: { account, password } });
  if (!answer.ok) return say(message, errorText(answer));
  byId(CLERK_LOGIN.clerkPassword).value = '';
  sessions.clerk.set(answer.body);
  enter(answer.body);
});

byId(CLERK_LOGIN.clerkLogout).addEventListener('click', () => {
  sessions.clerk.clear();
  showLogin('已退出登录。');
});

/** Calls the API as the signed-in clerk; a 401 sends the clerk back to the login form. */
export async function clerkApi<T>(path: string, opts: CallOptions = {}): Promise<Answer<T>> {
  const answer = await api<T>(path, { ...opts, token: currentClerk()?.token });
  if (answer.status === 401) {
    sessions.clerk.clear();
    showLogin('登录已失效，请重新登录。');
  }
  return answer;
}

/** The signed-in clerk's own organisation (a department's desk at the center acts for its department), else this node's. */
export function clerkOrg(): string {
  return currentClerk()?.staff.org ?? CONFIG.org;
}

/** The signed-in clerk's roles (none when nobody is signed in). */
export function clerkRoles(): readonly string[] {
  return currentClerk()?.staff.roles ?? [];
}

/** Runs `onReady(session)` once a clerk is signed in (now, or after the login form). */
export function requireClerk(onReady: (session: ClerkSession) => void): void {
  ready = onReady;
  const session = currentClerk();
  if (session) enter(session);
  else showLogin();
}

let asked: { token: string; rights: Promise<ReadonlySet<Right> | string> } | undefined;

/** GET /api/auth/me once per login: the rights, or why the node did not say them (the next call asks again). */
function askRights(): Promise<ReadonlySet<Right> | string> {
  const token = currentClerk()?.token;
  if (!token) return Promise.resolve(new Set());
  if (asked?.token !== token) {
    const rights = clerkApi<{ rights?: Right[] }>('/api/auth/me').then((a) => {
      if (a.ok) return new Set(a.body.rights ?? []);
      if (asked?.rights === rights) asked = undefined;
      return errorText(a);
    });
    asked = { token, rights };
  }
  return asked.rights;
}

/**
 * The signed-in clerk's rights at this node (GET /api/auth/me, asked once per login), so a page asks
 * the API only what the account may see instead of collecting 403s; none when nobody is signed in.
 */
export async function clerkRights(): Promise<ReadonlySet<Right>> {
  const rights = await askRights();
  return typeof rights === 'string' ? new Set() : rights;
}

/** Whether the rights hold any of casework's (case.accept, case.forward, case.approve, case.deliver). */
export const holdsCaseRight = (rights: ReadonlySet<Right>) => [...rights].some((r) => r.startsWith('case.'));

/**
 * `requireClerk` for a page whose work needs a right: an account the page's check `may` refuses
 * reads `refusal` (what the page is for, whom to ask) instead of forms the API would refuse.
 */
export function requireClerkWhere(
  may: (rights: ReadonlySet<Right>) => boolean,
  refusal: string,
  onReady: (session: ClerkSession) => void,
): void {
  requireClerk(async (session) => {
    area.hidden = true;
    const rights = await askRights();
    // A lapsed login (401) is back at the login form already: no refusal under it.
    if (currentClerk()?.token !== session.token) return;
    if (typeof rights === 'string') return say(noRight, `暂时无法读取您的账号权限（${rights}），请刷新页面重试。`);
    const allowed = may(rights);
    say(noRight, allowed ? '' : refusal, 'info');
    area.hidden = !allowed;
    if (allowed) onReady(session);
  });
}
