import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { matterFieldsSchema } from '../../sync/index.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, submitStaffLogin, unlabelled } from './support/browser-session.js';

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
const orgName = (path: string) => district.nodes.get(CENTER)!.services.reference.orgName(path);
const CIVIL = 'dongcheng/dept/civil';
const HRSS = 'dongcheng/dept/hrss';

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
    const rows = one.locator('#cat-materials tr');
    await one.click('#cat-add-material');
    await rows.last().locator('.mat-name').fill('其他相关材料');
    await rows.last().locator('.mat-necessity').selectOption('optional');
    await one.click('#cat-draft-form button[type=submit]');
    const n = await rows.count();
    await one.locator('#cat-msg').getByText(`请更正标红的字段：申请材料第${n}项 名称`).waitFor();
    expect(await rows.last().locator('.field-error').textContent()).toContain(
      `申请材料第${n}项 名称：不得使用兜底条款`,
    );
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

  it('edits every field of a matter: the form shows the version in force and the draft says what was changed', async () => {
    const code = 'DC-MZ-001';
    const current = district.nodes.get(CENTER)!.services.reference.catalogue.get(code)!;
    const one = await signedIn(ONE.account);
    await one.selectOption('#cat-matter', code);
    await one.click('#cat-load');
    await one.locator('#cat-msg').getByText('已载入现行版本').waitFor();
    // The form shows the version in force.
    expect(await one.inputValue('#cat-matter-type')).toBe(current.matterType);
    expect(await one.inputValue('#cat-decided-by')).toBe(current.decidedBy);
    expect(await one.inputValue('#cat-department')).toBe(current.department);
    expect(await one.locator('#cat-department option:checked').textContent()).toBe(orgName(current.department));
    expect(await one.inputValue('#cat-legal-days')).toBe(String(current.legalDays));
    expect(await one.inputValue('#cat-commitment-check-days')).toBe('15');
    expect(await one.isChecked('#cat-level-6')).toBe(true);
    expect(await one.isChecked('#cat-flag-allowsMakeUp')).toBe(true);
    expect(await one.isChecked('#cat-flag-courier')).toBe(false);
    expect((await one.inputValue('#cat-legal-basis')).split('\n')).toEqual(current.legalBasis);
    const income = one.locator('#cat-materials tr[data-id="income-proof"]');
    expect(await income.locator('.mat-commitment').isChecked()).toBe(true);

    // Every field changed.
    await one.selectOption('#cat-matter-type', '06');
    await one.selectOption('#cat-decided-by', 'district');
    await one.fill('#cat-legal-days', '25');
    await one.fill('#cat-promised-days', '12');
    await one.fill('#cat-make-up-days', '7');
    await one.fill('#cat-category', '3');
    await one.fill('#cat-commitment-check-days', '10');
    await one.uncheck('#cat-level-6');
    await one.check('#cat-serves-company');
    await one.uncheck('#cat-flag-online');
    await one.check('#cat-flag-courier');
    await one.check('#cat-flag-bookable');
    await one.fill('#cat-legal-basis', [...current.legalBasis, '《北京市最低生活保障审核确认办法》'].join('\n'));
    await one.fill('#cat-conditions', '申请人具有本区户籍\n家庭人均收入低于本市标准');
    await one.fill('#cat-procedure', '受理\n入户调查\n审核确认');
    await one.fill('#cat-keywords', '低保\n救助');
    await one.fill('#cat-fees', '工本费｜10｜京发改〔2020〕1号');
    await one.click('#cat-add-stage');
    await one.fill('#cat-stages tr .stage-name', '联合审查');
    await one
      .locator('#cat-stages tr .stage-departments')
      .selectOption([{ label: orgName(CIVIL) }, { label: orgName(HRSS) }]);
    // A licence the district issues nowhere yet: named, its type made up under the matter's code.
    await one.click('#cat-add-issue');
    await one.fill('#cat-issues tr .issue-name', '最低生活保障证');
    await one.fill('#cat-issues tr .issue-years', '3');
    const register = one.locator('#cat-materials tr[data-id="household-register"]');
    await register.locator('.mat-originals').fill('2');
    await register.locator('.mat-copies').fill('1');
    await register.locator('.mat-note').fill('户主页和本人页');
    await income.locator('.mat-commitment').uncheck();
    await one.locator('#cat-materials tr[data-id="disability-proof"] .mat-commitment').check();
    expect(await unlabelled(one)).toEqual([]);
    await session.shot(one, 'catalogue-editor-fields', true);
    await one.click('#cat-draft-form button[type=submit]');
    await one.locator('#cat-msg').getByText(`已保存草稿：${code} 第 2 版`).waitFor();

    const draft = await district.nodes
      .get(CENTER)!
      .services.db.get<{ matter: Record<string, unknown> }>(`matter-draft:${code}@2`);
    expect(draft.matter).toMatchObject({
      code,
      name: current.name,
      matterType: '06',
      decidedBy: 'district',
      department: current.department,
      legalDays: 25,
      promisedDays: 12,
      makeUpDays: 7,
      category: 3,
      commitmentCheckDays: 10,
      levels: [4, 5],
      serves: ['person', 'company'],
      instant: false,
      allowsMakeUp: true,
      online: false,
      bookable: true,
      courier: true,
      legalBasis: [...current.legalBasis, '《北京市最低生活保障审核确认办法》'],
      conditions: ['申请人具有本区户籍', '家庭人均收入低于本市标准'],
      procedure: ['受理', '入户调查', '审核确认'],
      keywords: ['低保', '救助'],
      fees: [{ item: '工本费', amountYuan: 10, basis: '京发改〔2020〕1号' }],
      stages: [{ name: '联合审查', departments: [CIVIL, HRSS] }],
      issues: [{ licenceType: 'dc-mz-001-licence-1', name: '最低生活保障证', validYears: 3 }],
    });
    const materials = draft.matter.materials as {
      id: string;
      originals: number;
      copies: number;
      note?: string;
      commitment?: boolean;
    }[];
    expect(materials.find((m) => m.id === 'household-register')).toMatchObject({
      originals: 2,
      copies: 1,
      note: '户主页和本人页',
    });
    expect(materials.find((m) => m.id === 'income-proof')?.commitment).toBeUndefined();
    expect(materials.find((m) => m.id === 'disability-proof')?.commitment).toBe(true);
    expect(materials.map((m) => m.id)).toEqual(current.materials.map((m) => m.id));
    await one.close();
  });
  it('saves the version in force as loaded: only the changed time limit differs, and it is published', async () => {
    const center = district.nodes.get(CENTER)!.services;
    const one = await signedIn(ONE.account);
    // 高龄老年人津贴 (the audit's case), and the restaurant licence with its stages and the licence it issues.
    for (const code of ['DC-MZ-005', 'DC-SCJG-003']) {
      const current = center.reference.catalogue.get(code)!;
      await one.selectOption('#cat-matter', code);
      await one.click('#cat-load');
      await one.locator('#cat-msg').getByText('已载入现行版本').waitFor();
      await one.fill('#cat-promised-days', String(current.promisedDays - 1));
      await one.click('#cat-draft-form button[type=submit]');
      await one.locator('#cat-msg').getByText(`已保存草稿：${code} 第 2 版`).waitFor();
      const draft = await center.db.get<{ matter: Record<string, unknown> }>(`matter-draft:${code}@2`);
      expect(draft.matter).toEqual({ ...matterFieldsSchema.parse(current), promisedDays: current.promisedDays - 1 });
    }
    // Names, not keys: the departments of the matter and its stages, the licence it issues.
    const form = await one.locator('#cat-draft-form').textContent();
    expect(form).not.toContain('dongcheng/');
    expect(await one.locator('#cat-department option:checked').textContent()).toBe(orgName('dongcheng/dept/market'));
    const stage = await one.locator('#cat-stages tr').first().locator('option:checked').allTextContents();
    expect(stage.sort()).toEqual([orgName('dongcheng/dept/health'), orgName('dongcheng/dept/ecology')].sort());
    const licences = one.locator('#cat-issues tr');
    expect(
      await licences.locator('.issue-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(center.reference.catalogue.get('DC-SCJG-003')!.issues!.map((i) => i.name));
    expect(await licences.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-licence-type')))).toEqual(
      center.reference.catalogue.get('DC-SCJG-003')!.issues!.map((i) => i.licenceType),
    );

    const two = await signedIn(TWO.account);
    const theirs = two.locator('#cat-drafts tr[data-draft="DC-MZ-005@2"]');
    await theirs.getByRole('button', { name: '审核通过' }).click();
    await theirs.getByText('已审核，待发布').waitFor();
    await theirs.getByRole('button', { name: '发布' }).click();
    await theirs.getByText('已发布').waitFor();
    await eventually(
      () => center.reference.catalogue.get('DC-MZ-005')?.version === 2,
      20_000,
      'DC-MZ-005 version 2 at the center',
    );
    expect(center.reference.catalogue.get('DC-MZ-005')?.promisedDays).toBe(9);
    await one.close();
    await two.close();
  });

  it('marks the field an error is about and names it, a material by its row', async () => {
    const one = await signedIn(ONE.account);
    await one.selectOption('#cat-matter', 'DC-MZ-002');
    await one.click('#cat-load');
    await one.locator('#cat-msg').getByText('已载入现行版本').waitFor();
    const third = one.locator('#cat-materials tr').nth(2).locator('.mat-name');
    const [name, thirdName] = [await one.inputValue('#cat-name'), await third.inputValue()];
    await one.fill('#cat-name', '');
    await one.fill('#cat-promised-days', '-5');
    await third.fill('');
    await one.click('#cat-draft-form button[type=submit]');
    await one.locator('#cat-msg').getByText('请更正标红的字段：').waitFor();
    expect(await one.getAttribute('#cat-name', 'aria-invalid')).toBe('true');
    expect(await one.textContent('#cat-name-error')).toBe('事项名称：不能为空');
    expect(await one.textContent('#cat-promised-days-error')).toBe('承诺时限：不能小于 0');
    expect(await third.getAttribute('aria-invalid')).toBe('true');
    expect(await one.locator('#cat-materials tr').nth(2).locator('.field-error').textContent()).toBe(
      '申请材料第3项 名称：不能为空',
    );
    await session.shot(one, 'catalogue-editor-errors', true);

    // Corrected, the marks go; the rule for materials is said at the row it concerns.
    await one.fill('#cat-name', name);
    await one.fill('#cat-promised-days', '10');
    await third.fill(thirdName);
    expect(await one.locator('[aria-invalid]').count()).toBe(0);
    const first = one.locator('#cat-materials tr').first();
    await first.locator('.mat-necessity').selectOption('required');
    await first.locator('.mat-source').fill('');
    await first.locator('.mat-form').fill('');
    await one.click('#cat-draft-form button[type=submit]');
    await first.locator('.field-error').waitFor();
    expect(await first.locator('.mat-source').getAttribute('aria-invalid')).toBe('true');
    expect(await first.locator('.field-error').textContent()).toBe(
      '申请材料第1项 来源渠道：必需材料须注明来源渠道或提供样表',
    );
    expect(await one.locator('#cat-drafts tr[data-draft^="DC-MZ-002@"]').count()).toBe(0);
    await one.close();
  });
});
