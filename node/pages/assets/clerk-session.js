// The clerk's session on staff pages: login at the node (works offline), the token in
// sessionStorage, and a way back to the login form when the token lapses.
import { api, byId, errorText, say, sessions } from './common.js';

const loginSection = byId('clerk-login');
const form = byId('clerk-login-form');
const message = byId('clerk-login-msg');
const bar = byId('clerk-bar');
const area = byId('clerk-area');

function current() {
  const s = sessions.clerk.get();
  return s && Date.parse(s.expiresAt) > Date.now() + 5000 ? s : null;
}

function showLogin(text) {
  area.hidden = true;
  bar.hidden = true;
  loginSection.hidden = false;
  say(message, text ?? '', 'info');
  byId('clerk-account').focus();
}

let ready;
function enter(session) {
  loginSection.hidden = true;
  bar.hidden = false;
  area.hidden = false;
  byId('clerk-name').textContent = `${session.staff.name}（${session.staff.account}）`;
  ready?.(session);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const account = byId('clerk-account').value.trim();
  const password = byId('clerk-password').value;
  if (!account || !password) return say(message, '请输入账号和密码');
  const answer = await api('/api/auth/staff-login', { method: 'POST', body: { account, password } });
  if (!answer.ok) return say(message, errorText(answer));
  byId('clerk-password').value = '';
  sessions.clerk.set(answer.body);
  enter(answer.body);
});

byId('clerk-logout').addEventListener('click', () => {
  sessions.clerk.clear();
  showLogin('已退出登录。');
});

/** Calls the API as the signed-in clerk; a 401 sends the clerk back to the login form. */
export async function clerkApi(path, opts = {}) {
  const answer = await api(path, { ...opts, token: current()?.token });
  if (answer.status === 401) {
    sessions.clerk.clear();
    showLogin('登录已失效，请重新登录。');
  }
  return answer;
}

/** Runs `onReady(session)` once a clerk is signed in (now, or after the login form). */
export function requireClerk(onReady) {
  ready = onReady;
  const session = current();
  if (session) enter(session);
  else showLogin();
}
