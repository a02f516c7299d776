// 效能监察 on the dashboard: every open case's light per hall with the yellow and red ones, and the
// single ratings with their follow-ups, answered here (ratings.view only: 效能监察).
import type { RatingChannel, RatingLevel } from '../../../sync/index.js';
import type { followUpStatus } from '../../ratings/follow-up-status.js';
import type { districtLights } from '../../supervision/district-lights.js';
import type { ElementId } from '../ids/element-id.js';
import { SUPERVISION_PAGE as P } from '../ids/supervision-ids.js';
import { errorText } from './api.js';
import { lightBadge } from './badges.js';
import { clerkApi } from './clerk-session.js';
import { CONFIG } from './config.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDateTime } from './formats.js';

type FollowUp = ReturnType<typeof followUpStatus>;

/** Hides the card a title heads (a section the caller holds no right to), or shows it again. */
export function hideSection(title: ElementId, hidden = true): void {
  const section = byId(title).closest('section');
  if (section) section.hidden = hidden;
}

/** A single rating as GET /api/supervision/ratings lists it (node/http/routes/supervision.ts). */
interface RatingItem {
  id: string;
  queryCode: string | null;
  title: string;
  hallName: string;
  clerk: string;
  level: RatingLevel;
  comment: string | null;
  channel: RatingChannel;
  ratedAt: string;
  followUpBy: string | null;
  followUp: FollowUp;
  answer: { text: string; at: string; by: string } | null;
}

const FOLLOW_UP: Record<FollowUp, string> = {
  none: '—',
  open: '待回访',
  overdue: '回访超期',
  answered: '已回访',
  'answered-late': '逾期回访',
};
const CHANNEL: Record<string, string> = { device: '评议器', sms: '短信', online: '网上', default: '默认' };

/** The lights of every open case held here, per accepting hall. */
export async function loadLights(org: string): Promise<void> {
  const answer = await clerkApi<ReturnType<typeof districtLights>>(
    `/api/supervision/lights${org ? `?org=${encodeURIComponent(org)}` : ''}`,
  );
  if (answer.status === 403) return hideSection(P.lightsTitle);
  if (!answer.ok) return;
  const { totals, halls, items } = answer.body;
  fill(
    byId(P.svLightTotals),
    (['green', 'yellow', 'red'] as const).map((l) =>
      h('span', { class: 'sv-light-total' }, lightBadge(l), ` ${totals[l]} 件`),
    ),
  );
  fill(
    byId(P.svLightHalls),
    halls.length
      ? halls.map((x) =>
          h(
            'tr',
            {},
            // Down to the hall: its own figures and lights, the dashboard filtered to it.
            h(
              'th',
              { scope: 'row' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'link-button',
                  'data-hall': x.key,
                  title: `只看${x.name}的考评和红绿灯`,
                  onclick: () => {
                    byId(P.svOrg).value = x.key;
                    byId(P.svFilter).requestSubmit();
                  },
                },
                x.name,
              ),
            ),
            h('td', { class: 'num' }, String(x.green)),
            h('td', { class: 'num' }, String(x.yellow)),
            h('td', { class: 'num' }, String(x.red)),
          ),
        )
      : h('tr', {}, h('td', { colspan: '4', class: 'muted' }, '没有办理中的办件。')),
  );
  fill(
    byId(P.svWatched),
    items.length
      ? items
          .slice(0, 50)
          .map((c) =>
            h(
              'li',
              {},
              lightBadge(c.light),
              h(
                'span',
                { class: 'result-name' },
                h('a', { href: `/window/cases/${encodeURIComponent(c.id)}` }, c.matterName),
                h('small', { class: 'muted' }, ` ${c.queryCode} · ${c.applicantName}`),
              ),
              h(
                'span',
                { class: 'muted' },
                `${c.hallName} · ${c.clerk} · 现在 ${c.holderName} · 承诺 ${fmtDateTime(c.promisedBy)}`,
              ),
            ),
          )
      : h('li', { class: 'muted' }, '没有黄灯或红灯办件。'),
  );
}

function answerForm(item: RatingItem, reload: () => Promise<void>): HTMLFormElement {
  const id = P.followUpAnswer(item.id);
  const input = h('input', { type: 'text', id, maxlength: '1000', placeholder: '回访情况及整改答复' });
  const form = h(
    'form',
    { class: 'sv-answer' },
    h('label', { for: id, class: 'visually-hidden' }, '回访答复'),
    input,
    h('button', { type: 'submit' }, '答复'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const answer = await clerkApi('/api/supervision/follow-ups', {
      method: 'POST',
      body: { ratingId: item.id, answer: input.value },
    });
    if (!answer.ok) return say(byId(P.svMsg), errorText(answer));
    await reload();
  });
  return form;
}

function followUpCell(item: RatingItem, reload: () => Promise<void>): HTMLTableCellElement {
  if (item.followUp === 'none') return h('td', {}, '—');
  const status = h('span', { class: `sv-follow sv-follow-${item.followUp}` }, FOLLOW_UP[item.followUp]);
  if (item.answer)
    return h(
      'td',
      {},
      status,
      h('div', { class: 'muted' }, `${item.answer.text}（${item.answer.by}，${fmtDateTime(item.answer.at)}）`),
    );
  return h(
    'td',
    {},
    status,
    h('div', { class: 'muted' }, `须于 ${fmtDateTime(item.followUpBy)} 前答复`),
    answerForm(item, reload),
  );
}

/** The single ratings of the period, with the filters of the ratings form. */
export async function loadRatings(params: string): Promise<void> {
  const q = new URLSearchParams(params);
  for (const [name, id] of [
    ['level', P.svLevel],
    ['followUp', P.svFollowup],
  ] as const) {
    const v = byId(id).value;
    if (v) q.set(name, v);
  }
  q.delete('by');
  q.set('limit', '100');
  const answer = await clerkApi<{ items: RatingItem[] }>(`/api/supervision/ratings?${q}`);
  // Single ratings are the supervision office's (效能监察) alone: anyone else has no such section.
  if (answer.status === 403) return hideSection(P.ratingsTitle);
  if (!answer.ok) return;
  const reload = () => loadRatings(params);
  const levels = CONFIG.levels ?? {};
  fill(
    byId(P.svRatings),
    answer.body.items.length
      ? answer.body.items.map((r) =>
          h(
            'tr',
            { class: `sv-rating sv-rating-${r.level}` },
            h('td', {}, fmtDateTime(r.ratedAt)),
            h('td', {}, r.title, r.queryCode ? h('div', { class: 'muted' }, r.queryCode) : null),
            h('td', {}, r.hallName),
            h('td', {}, r.clerk),
            h(
              'td',
              {},
              h('strong', {}, levels[r.level] ?? r.level),
              h('div', { class: 'muted' }, CHANNEL[r.channel] ?? r.channel),
            ),
            h('td', {}, r.comment ?? ''),
            followUpCell(r, reload),
          ),
        )
      : h('tr', {}, h('td', { colspan: '7', class: 'muted' }, '统计期内没有符合条件的评价。')),
  );
}
