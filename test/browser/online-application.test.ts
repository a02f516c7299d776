import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { eventually } from '../support/eventually.js';
import { scan } from '../support/online-application.js';
import { signUpResident } from '../support/sign-up-resident.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, DESK, PHONE, text, overflow } from './support/browser-session.js';
import { nodeReady } from './support/node-ready.js';

const CENTER = 'dongcheng';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const CLERK = {
  account: 'clerk.hcg',
  name: '刘芳',
  password: 'clerk-hcg-pass',
  roles: ['clerk' as const, 'director' as const],
};
const RESIDENT = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', password: 'resident-pass-1' };
const MATTER = 'DC-MZ-005';
const SHOTS = 'test/screenshots';

const dir = tempDir('hallnet-online-');
const { tab, shot } = browserSession({ shots: SHOTS, viewport: PHONE });
let district: RunningDistrict;
const url = (path: string) => `${district.nodes.get(COMMUNITY)!.url}${path}`;

const file = (name: string) => ({ name, mimeType: 'image/png', buffer: Buffer.from(scan(name)) });

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [{ org: CENTER }, { org: COMMUNITY, staff: [CLERK] }] });
  const node = district.nodes.get(COMMUNITY)!;
  await eventually(
    () => nodeReady(node) && node.services.reference.catalogue.get(MATTER),
    20_000,
    'keys and catalogue',
  );
  expect((await signUpResident(url(''), join(dir.path, 'hub'), RESIDENT)).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe("网上申请 on a phone and the clerk's 预审, in Chromium", () => {
  let phone: Page;
  let clerk: Page;
  let queryCode = '';

  it('the resident applies on a 390×844 phone with a photo of each material, and gets a query code in 预审', async () => {
    phone = await tab(PHONE);
    await phone.goto(url('/portal'));
    await phone.fill('#login-id', RESIDENT.phone);
    await phone.fill('#login-password', RESIDENT.password);
    await phone.click('#panel-login button[type=submit]');
    await phone.locator('#hello').waitFor();
    await phone.goto(url(`/portal/apply/${MATTER}`));
    expect(await text(phone, '#apply-where')).toContain('皇城根社区服务站');
    // Submitting without the required files names them, and sends nothing.
    await phone.click('#apply-button');
    expect(await text(phone, '#apply-msg')).toContain('请上传：老年人居民身份证、北京通—养老助残卡或者社会保障卡');
    // A file of the wrong type is named as soon as it is chosen, once, with its material, and not kept.
    await phone.setInputFiles('#file-id-card', { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await phone
      .locator('#apply-msg')
      .getByText('老年人居民身份证：a.txt 不是 PDF、JPEG 或 PNG 文件，请重新选择。')
      .waitFor();
    expect(await phone.locator('#file-id-card').evaluate((i: HTMLInputElement) => i.files?.length)).toBe(0);
    await phone.setInputFiles('#file-id-card', file('id-card.png'));
    expect(await phone.locator('#apply-msg').isHidden()).toBe(true);
    await phone.setInputFiles('#file-social-security-card', file('card.png'));
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'online-apply-phone', true);
    await phone.click('#apply-button');
    await phone.locator('#apply-done:not([hidden])').waitFor();
    queryCode = (await text(phone, '#apply-code')).replace(/\s/g, '');
    expect(queryCode).toMatch(/^[0-9A-Z]{11}$/);
    expect(await text(phone, '#apply-done-detail')).toContain('皇城根社区服务站预审');
    // Opening the matter again tells him at once that it is open, with its link, and offers no form to fill.
    await phone.goto(url(`/portal/apply/${MATTER}`));
    await phone.locator('#apply-open').getByText('请勿重复申请').waitFor();
    expect(await text(phone, '#apply-open')).toContain(queryCode.slice(0, 4));
    expect(await phone.locator('#apply-form').isHidden()).toBe(true);
    await phone.locator('#apply-open').getByRole('link', { name: '查看该申请' }).click();
    await phone.locator('#app-card:not([hidden])').waitFor();
    expect(await text(phone, '#app-state')).toContain('预审中');
    expect(await text(phone, '#files-list')).toContain('C 级');
    expect(await phone.locator('#app-case-link').isVisible()).toBe(true);
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'online-application-phone', true);
  });

  it('an application this hall does not hold (or another resident’s) says so, with no files heading nor progress link', async () => {
    await phone.goto(url(`/portal/applications/${randomUUID()}`));
    await phone.locator('#app-msg').getByText('本站没有查到这份申请').waitFor();
    expect(await phone.getByText('已提交的材料').isVisible()).toBe(false);
    expect(await phone.locator('#app-case-link').isVisible()).toBe(false);
    // Back to his own application, where the next step goes on.
    await phone.goBack();
    await phone.locator('#app-found:not([hidden])').waitFor();
  });

  it('the clerk finds it marked 网办 by name, asks for a clearer photo; the resident adds it on the phone; the clerk accepts', async () => {
    clerk = await tab(DESK);
    await clerk.goto(url('/window/cases'));
    await clerk.fill('#clerk-account', CLERK.account);
    await clerk.fill('#clerk-password', CLERK.password);
    await clerk.click('#clerk-login-form button[type=submit]');
    await clerk.locator('#clerk-name').getByText(CLERK.name).waitFor();
    await clerk.fill('#f-q', RESIDENT.name);
    await clerk.click('#case-filter button[type=submit]');
    const row = clerk.locator('#cases-body tr', { hasText: queryCode });
    await row.waitFor();
    expect(await row.textContent()).toContain('网办');
    expect(await row.textContent()).toContain('预审中');
    await shot(clerk, 'online-case-list', true);
    // The 预审 card's script arrives late, after the case (a slow line): the card still shows it.
    await clerk.route('**/case-review.js*', async (r) => {
      await new Promise((done) => setTimeout(done, 3_000));
      await r.continue();
    });
    await row.getByRole('link', { name: queryCode }).click();
    await clerk.locator('#review-card:not([hidden])').waitFor();
    expect(await text(clerk, '#review-facts')).toContain(RESIDENT.name);
    await clerk.locator('#scans-list li', { hasText: 'C 级' }).first().waitFor();
    await clerk.check('#review-amend-social-security-card');
    // A material he did not send at all: every page names it from the case's matter version, never by its key.
    await clerk.check('#review-amend-agent-authorisation');
    await clerk.fill('#review-amend-note', '卡面照片不清晰');
    await clerk.click('#review-amend-form button[type=submit]');
    await clerk.locator('#case-msg', { hasText: '已要求申请人补充材料' }).waitFor();
    const asked = '需补充：北京通—养老助残卡或者社会保障卡、授权委托书及受托人居民身份证';
    await clerk.locator('#case-timeline', { hasText: asked }).waitFor();
    // Sent, the request leaves the form: a second click would not send it again.
    expect(await clerk.inputValue('#review-amend-note')).toBe('');
    expect(await clerk.locator('#review-amend-list input:checked').count()).toBe(0);
    await shot(clerk, 'online-review', true);

    await phone.reload();
    await phone.locator('#amend-card:not([hidden])').waitFor();
    expect(await text(phone, '#amend-note')).toContain('卡面照片不清晰');
    expect(await text(phone, '#amend-list')).toContain('授权委托书及受托人居民身份证');
    expect(await text(phone, '#amend-list')).not.toContain('agent-authorisation');
    await phone.click('#app-case-link');
    await phone.locator('#case-timeline', { hasText: asked }).waitFor();
    await phone.goBack();
    await phone.locator('#amend-card:not([hidden])').waitFor();
    // As on the apply page, a file of the wrong type is named as soon as it is chosen, and not kept.
    await phone.setInputFiles('#amend-file-social-security-card', {
      name: 'b.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    });
    await phone.locator('#app-msg').getByText('b.txt 不是 PDF、JPEG 或 PNG 文件，请重新选择。').waitFor();
    expect(await phone.inputValue('#amend-file-social-security-card')).toBe('');
    await phone.setInputFiles('#amend-file-social-security-card', file('card-2.png'));
    await phone.setInputFiles('#amend-file-agent-authorisation', file('authorisation.png'));
    await phone.click('#amend-button');
    await phone.locator('#app-msg', { hasText: '已补传' }).waitFor();
    expect(await phone.locator('#amend-card').isHidden()).toBe(true);
    // The card sent again replaces the first: one marked 已替换, the new one 当前有效.
    expect(await phone.locator('#files-list li', { hasText: '已替换' }).count()).toBe(1);
    expect(await phone.locator('#files-list li', { hasText: '当前有效' }).count()).toBe(1);

    await clerk.reload();
    await clerk.locator('#review-card:not([hidden])').waitFor();
    await clerk.click('#review-accept');
    await clerk.locator('#case-msg', { hasText: '已受理' }).waitFor();
    await clerk.locator('#review-card').waitFor({ state: 'hidden' });
    await clerk.locator('#case-timeline', { hasText: CLERK.name }).waitFor();
    const timeline = await text(clerk, '#case-timeline');
    expect(timeline).toContain(`申请人 ${RESIDENT.name}（网上提交，皇城根社区服务站接收）`);
    expect(timeline).toContain(`皇城根社区服务站 · ${CLERK.name}`);
    expect(await text(clerk, '#case-facts')).toContain('办理中');
    await shot(clerk, 'online-accepted', true);

    await phone.reload();
    await phone.locator('#app-card:not([hidden])').waitFor();
    expect(await text(phone, '#app-state')).toContain('已受理');
    expect(await text(phone, '#app-facts')).toContain(CLERK.name);
  });
});
