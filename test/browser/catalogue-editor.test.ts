import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, submitStaffLogin } from './support/browser-session.js';

const CENTER = 'dongcheng';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const PASSWORD = 'catalogue-pages-1';
const ONE = { account: 'cat.one', name: '目录管理员甲', password: PASSWORD, roles: ['admin' as const] };
const TWO = { account: 'cat.two', name: '目录管理员乙', password: PASSWORD, roles: ['admin' as const] };
const SHOTS = 'test/screenshots';
const NATIONAL = '11110101000000000000000000000202';

const dir = tempDir('hallnet-catalogue-pages-');
const session = browserSession({ shots: SHOTS });
let district: RunningDistrict;
const url = (org: string, path: string) => `${district.nodes.get(org)!.url}${path}`;

async function signedIn(account: string): Promise<Page> {
  const page = await session.tab();
  await page.goto(url(CENTER, '/catalogue/edit'));
  await submitStaffLogin(page, { account, password: PASSWORD });
  await page.locator('#cat-draft-form').waitFor();
  return page;
}

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [{ org: CENTER, staff: [ONE, TWO] }, { org: COMMUNITY }] });
  for (const node of district.nodes.values())
    await eventually(() => node.services.reference.catalogue.size > 40, 20_000, 'catalogue');
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('事项管理 editor in a real Chromium', () => {
  it('drafts a new version, is refused a catch-all clause, a second admin approves and publishes it, the community guide shows it', async () => {
    const matter = district.nodes.get(COMMUNITY)!.services.reference.catalogue.search({ q: '残疾人证核发' })[0]!;
    const one = await signedIn(ONE.account);
    await one.selectOption('#cat-matter', matter.code);
    await one.click('#cat-load');
    await one.locator('#cat-msg').getByText('已载入现行版本（第 1 版）').waitFor();
    expect(await one.inputValue('#cat-name')).toBe(matter.name);
    await one.fill('#cat-national-code', NATIONAL);
    // Every required material gets its source.
    const rows = one.locator('#cat-materials tr');
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      if (
        (await row.locator('.mat-necessity').inputValue()) === 'required' &&
        !(await row.locator('.mat-form').inputValue())
      )
        await row.locator('.mat-source').fill('申请人自备');
    }
    await one.click('#cat-add-material');
    await rows.last().locator('.mat-name').fill('其他相关材料');
    await rows.last().locator('.mat-necessity').selectOption('optional');
    await one.click('#cat-draft-form button[type=submit]');
    await one.locator('#cat-msg').getByText('不得使用兜底条款').waitFor();
    expect(await one.locator('#cat-drafts tr').count()).toBe(0);

    await rows.last().locator('.mat-name').fill('近期二寸免冠照片');
    await rows.last().locator('.mat-necessity').selectOption('required');
    await rows.last().locator('.mat-source').fill('申请人自备');
    await one.click('#cat-draft-form button[type=submit]');
    await one.locator('#cat-msg').getByText(`已保存草稿：${matter.code} 第 2 版`).waitFor();
    const row = one.locator(`#cat-drafts tr[data-draft="${matter.code}@2"]`);
    await row.getByText('待审核').waitFor();
    // The drafter may not approve his own draft, nor publish it unreviewed.
    await row.getByRole('button', { name: '审核通过' }).click();
    await one.locator('#cat-msg').getByText('须由起草人以外的管理员审核').waitFor();
    await row.getByRole('button', { name: '发布' }).click();
    await one.locator('#cat-msg').getByText('未经审核').waitFor();
    await session.shot(one, 'catalogue-editor', true);

    // A blank form for residents to download, attached to the draft.
    await row.locator('select[aria-label="表格类型"]').selectOption('blank');
    await row.locator('input[type=text]').fill('残疾人证申请表');
    await row.locator('input[type=file]').setInputFiles({
      name: 'form.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% blank form\n%%EOF\n'),
    });
    await row.getByRole('button', { name: '上传表格' }).click();
    await one.locator('#cat-msg').getByText('已上传：残疾人证申请表').waitFor();
    await one.locator(`#cat-drafts tr[data-draft="${matter.code}@2"]`).getByText('空白表格：残疾人证申请表').waitFor();

    const two = await signedIn(TWO.account);
    const theirs = two.locator(`#cat-drafts tr[data-draft="${matter.code}@2"]`);
    await theirs.getByRole('button', { name: '审核通过' }).click();
    await theirs.getByText('已审核，待发布').waitFor();
    await theirs.getByRole('button', { name: '发布' }).click();
    await theirs.getByText('已发布').waitFor();
    expect(await theirs.textContent()).toContain(`${ONE.name} / ${TWO.name} / ${TWO.name}`);

    await eventually(
      () => district.nodes.get(COMMUNITY)!.services.reference.catalogue.get(matter.code)?.version === 2,
      20_000,
      'version 2 at the community',
    );
    const guide = await session.tab();
    await guide.goto(url(COMMUNITY, `/guide/${matter.code}`));
    const text = (await guide.locator('main').textContent()) ?? '';
    expect(text).toContain(NATIONAL);
    expect(text).toContain('第 2 版，自');
    expect(text).toContain('近期二寸免冠照片');
    expect(text).toContain('来源：申请人自备');
    const link = guide.getByRole('link', { name: '空白表格：残疾人证申请表' });
    const [download] = await Promise.all([guide.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('残疾人证申请表.pdf');
    await guide.close();
    await one.close();
    await two.close();
  });
});
