// Shared helpers of the pages' scripts: the node's JSON API, the session tokens, dates, and a
// small DOM builder. Text is always set as text (never as HTML), so data cannot become markup.

/** The page's config block: node, link state, labels and page data from the server. */
export const CONFIG = JSON.parse(document.getElementById('hallnet-config').textContent);
/** The Chinese labels of API codes (node/pages/labels.ts). */
export const L = CONFIG.labels;

/** Builds an element: attributes (`class`, `for`, `on…` handlers, booleans) and children (strings become text). */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'for') node.htmlFor = value;
    else if (key === 'value') node.value = value;
    else if (key === 'checked') node.checked = Boolean(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export const byId = (id) => document.getElementById(id);

function sessionStore(key) {
  return {
    get() {
      try {
        return JSON.parse(sessionStorage.getItem(key) ?? 'null');
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

/** Tokens live in sessionStorage: closing the tab on a shared hall PC ends the login. */
export const sessions = { clerk: sessionStore('hallnet.clerk'), resident: sessionStore('hallnet.resident') };

/** Calls the node's JSON API; never throws: `{ ok, status, body }`, a network failure as status 0. */
export async function api(path, { method = 'GET', body, token } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    return { ok: false, status: 0, body: { error: { code: 'ERR_NETWORK', message: { zh: '无法连接本节点，请检查本机网络' } } } };
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  return { ok: res.ok, status: res.status, body: data };
}

/** An API error in Chinese: the message, then each field's reason (reasons read "english / 中文"). */
export function errorText(answer) {
  const e = answer?.body?.error;
  if (!e) return `操作失败（${answer?.status ?? '?'}），请重试`;
  const zh = typeof e.message === 'object' ? e.message.zh : e.message;
  const reasons = (e.issues ?? []).map((i) => String(i.reason).split(' / ').pop());
  return [zh, ...new Set(reasons)].filter(Boolean).join('：');
}

/** Shows a message in a live region; errors are announced at once. */
export function say(node, text, kind = 'error') {
  node.hidden = !text;
  node.className = `message message-${kind}`;
  node.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  node.textContent = text ?? '';
}

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });

/** `2026/11/02 10:32`, Beijing time. */
export const fmtDateTime = (iso) => (iso ? DATE_TIME.format(new Date(iso)) : '—');
/** `2026年11月2日`, Beijing time. */
export const fmtDate = (iso) => (iso ? DATE.format(new Date(iso)) : '—');

/** A query code in groups of four, to read aloud over the counter: `ABCD EFGH JK7`. */
export function groupCode(code) {
  return String(code).replace(/(.{4})(?=.)/g, '$1 ');
}

/** An ID number with its middle hidden, for lists and notices. */
export function maskId(id) {
  const s = String(id ?? '');
  return s.length > 8 ? `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}` : s;
}

/** A traffic light: colour and word, so it never depends on colour alone. */
export function lightBadge(light) {
  if (!light) return h('span', { class: 'light light-none' }, '—');
  return h('span', { class: `light light-${light}` }, h('span', { class: 'light-dot', 'aria-hidden': 'true' }), L.light[light]);
}

export function statusBadge(status) {
  return h('span', { class: `status status-${status}` }, L.status[status] ?? status);
}

let orgNamesPromise;
/** The district's organisation names by path (public, loaded once per page). */
export function orgNames() {
  orgNamesPromise ??= api('/api/organisations').then((a) => new Map((a.body?.items ?? []).map((o) => [o.path, o.name])));
  return orgNamesPromise;
}

/**
 * A case's events as a timeline, oldest first. `names` maps material ids to names; `orgs` maps
 * organisation paths to names; with `publicOnly` it shows steps only, with no names of people.
 */
export function timeline(events, { names = new Map(), orgs = new Map(), publicOnly = false } = {}) {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return h(
    'ol',
    { class: 'timeline' },
    sorted.map((e) =>
      h(
        'li',
        { class: `timeline-item event-${e.kind}` },
        h('span', { class: 'timeline-time' }, fmtDateTime(e.at)),
        h('strong', { class: 'timeline-kind' }, L.event[e.kind] ?? e.kind),
        publicOnly ? null : h('span', { class: 'timeline-actor' }, actorText(e.actor, orgs)),
        publicOnly ? null : eventDetail(e, names, orgs),
      ),
    ),
  );
}

function actorText(actor, orgs) {
  if (!actor) return '';
  const where = orgs.get(actor.org) ?? actor.org;
  return actor.name ? `${where} · ${actor.name}` : where;
}

function eventDetail(e, names, orgs) {
  const name = (id) => names.get(id) ?? id;
  const org = (path) => orgs.get(path) ?? path;
  const detail = (...parts) => h('span', { class: 'timeline-detail' }, parts.filter(Boolean).join('；'));
  switch (e.kind) {
    case 'forwarded':
      return detail(`转至 ${org(e.to)}`, e.note);
    case 'returned':
      return detail(`退回 ${org(e.to)}`, e.note, e.materials?.length ? `需补：${e.materials.map(name).join('、')}` : '');
    case 'supplemented':
      return detail(e.materials?.map(name).join('、'), e.promisedBy ? `承诺办结顺延至 ${fmtDate(e.promisedBy)}` : '');
    case 'stage-started':
      return detail(e.name, e.departments?.map(org).join('、'));
    case 'approved':
      return detail(org(e.department), e.note);
    case 'declined':
      return detail(org(e.department), e.reason ? `原因：${e.reason}` : '');
    case 'extended':
      return detail(`延长 ${e.days} 个工作日至 ${fmtDate(e.promisedBy)}`, e.reason);
    case 'delivered':
      return detail(L.delivery?.[e.method] ?? e.method, e.courier, e.tracking ? `单号 ${e.tracking}` : '');
    case 'accepted': {
      const parts = [L.channel[e.channel] ?? ''];
      if (e.missing?.length) parts.push(`容缺：${e.missing.map(name).join('、')}，补正期限 ${fmtDate(e.makeUpBy)}`);
      parts.push(`承诺办结 ${fmtDate(e.promisedBy)}`);
      return h('span', { class: 'timeline-detail' }, parts.filter(Boolean).join('；'));
    }
    case 'material-received':
      return h('span', { class: 'timeline-detail' }, name(e.materialId), e.note ? `（${e.note}）` : '');
    case 'completed':
      return e.result ? h('span', { class: 'timeline-detail' }, e.result) : null;
    case 'rejected':
    case 'withdrawn':
      return e.reason ? h('span', { class: 'timeline-detail' }, `原因：${e.reason}`) : null;
    default:
      return null;
  }
}
