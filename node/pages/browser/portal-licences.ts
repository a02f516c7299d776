// 我的证照和材料: the resident's electronic licences (with the QR code of their verification page)
// and what he handed in before, each with its trust level — from the whole district when the hub answers.
import { PORTAL_LICENCES_PAGE as P } from '../ids/online-ids.js';
import { errorCode, errorText } from './api.js';
import { L, label } from './config.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDate, fmtDateTime } from './formats.js';
import type { LibraryAnswer } from './library-view.js';
import { requireResident, residentApi } from './resident-session.js';

async function load(): Promise<void> {
  const answer = await residentApi<LibraryAnswer>('/api/my/library');
  const msg = byId(P.libMsg);
  if (answer.status === 401) return location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
  if (!answer.ok) {
    return say(
      msg,
      errorCode(answer) === 'ERR_NOT_VERIFIED'
        ? '请先携带身份证到任一政务服务大厅窗口核验身份，核验后即可在此查看您的电子证照和材料。'
        : errorText(answer),
      'info',
    );
  }
  const lib = answer.body;
  if (lib.source === 'this-hall') say(msg, '暂时无法连接区中心：这里只列出本站保存的证照和材料。', 'warn');
  fill(
    byId(P.licencesList),
    lib.licences.length
      ? lib.licences.map((l) =>
          h(
            'li',
            { class: `licence licence-${l.status === 'valid' ? 'valid' : 'invalid'}` },
            h('img', {
              src: `/licences/${encodeURIComponent(l.number)}/qr.svg`,
              alt: `${l.licenceName}核验二维码`,
              width: 96,
              height: 96,
            }),
            h(
              'div',
              {},
              h('strong', {}, l.licenceName),
              h('span', { class: 'muted' }, ` ${l.number}`),
              h('br', {}),
              `${l.issuerName}签发 ${fmtDate(l.issuedAt)}，${l.validUntil ? `有效期至 ${fmtDate(l.validUntil)}` : '长期有效'}`,
              h('br', {}),
              h(
                'span',
                { class: l.status === 'valid' ? 'tag tag-level-A' : 'tag tag-required' },
                l.status === 'valid' ? '有效' : label(L.lapse, l.status),
              ),
              ' ',
              h('a', { href: `/licences/verify/${encodeURIComponent(l.number)}` }, '核验'),
            ),
          ),
        )
      : h('li', { class: 'muted' }, '暂无电子证照'),
  );
  fill(
    byId(P.materialsList),
    lib.materials.length
      ? lib.materials.map((m) =>
          h(
            'li',
            {},
            h('strong', {}, m.name),
            ' ',
            h('span', { class: `tag tag-level-${m.level}` }, label(L.materialLevel, m.level)),
            h('span', { class: 'muted' }, ` ${m.matterName} · ${m.hallName} · ${fmtDateTime(m.at)}`),
          ),
        )
      : h('li', { class: 'muted' }, '暂无'),
  );
}

requireResident(() => void load());
