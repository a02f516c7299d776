import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { clerkClient } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession } from './support/browser-session.js';

// 证书管理: the district centre's admin sees the halls' certificates on a page and revokes one,
// with a reason and a confirmation naming the hall; other nodes say it is done at the centre.
const CENTER = 'dongcheng';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const admin = [{ account: 'admin', name: '管理员', roles: ['admin' as const], password: PASSWORD }];
const SHOTS = 'test/screenshots';

const dir = tempDir('hallnet-certificate-pages-');
let district: RunningDistrict;
const url = (org: string, path: string) => `${district.nodes.get(org)!.url}${path}`;
const session = browserSession({ shots: SHOTS });

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [
      { org: CENTER, staff: admin },
      { org: COMMUNITY, staff: admin },
    ],
  });
  // The community's certificate reaches the centre's replica.
  const centerAdmin = await clerkClient(url(CENTER, ''), 'admin', PASSWORD);
  await eventually(
    async () =>
      ((await centerAdmin.get('/api/certificates')).body.items as { org: string }[]).some((c) => c.org === COMMUNITY),
    30_000,
    "the community's certificate at the centre",
  );
}, 90_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('证书管理 in a real Chromium', () => {
  it("the centre's admin finds it from the home page, revokes a hall's certificate with a reason and a confirmation", async () => {
    const page = await session.tab();
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void d.accept();
    });
    await page.goto(url(CENTER, '/certificates'));
    await page.fill('#clerk-account', 'admin');
    await page.fill('#clerk-password', PASSWORD);
    await page.click('#clerk-login-form button[type=submit]');

    const hallName = district.nodes.get(COMMUNITY)!.services.reference.orgName(COMMUNITY);
    const row = page.locator('#cert-body tr', { hasText: COMMUNITY });
    await row.waitFor();
    expect(await row.textContent()).toContain(hallName);
    expect(await row.locator('td').nth(3).textContent()).toBe('在用');
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);

    // No reason, nothing sent.
    await row.getByRole('button', { name: `吊销${hallName}的证书` }).click();
    await page.click('#cert-revoke-confirm');
    await page.locator('#cert-msg').getByText('请填写吊销原因').waitFor();
    expect(asked).toEqual([]);

    await page.fill('#cert-revoke-reason', '服务站电脑被盗，私钥丢失');
    await page.click('#cert-revoke-confirm');
    await page.locator('#cert-msg').getByText(`已吊销${hallName}的节点证书`).waitFor();
    expect(asked).toEqual([
      `确定吊销${hallName}（${COMMUNITY}）的节点证书？吊销后该站点将无法同步、工作人员无法登录，且不可撤回。`,
    ]);
    await row.locator('td', { hasText: '已吊销' }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    expect(
      district.nodes.get(CENTER)!.services.reference.isRevoked((await row.locator('code').textContent()) ?? ''),
    ).toBe(true);
    await session.shot(page, 'certificates-page', true);

    // The admin's home page offers the admin's pages as tiles, 证书管理 among them.
    await page.goto(url(CENTER, '/'));
    const tiles = page.locator('.grid-tiles a:visible strong');
    await page.locator('.grid-tiles a[href="/certificates"]').waitFor({ state: 'visible' });
    expect(await tiles.allTextContents()).toEqual(
      expect.arrayContaining(['人员管理', '事项管理', '督查考评', '证书管理']),
    );
    expect(await page.locator('.site-nav a[href="/certificates"]').count()).toBe(1);
    await page.close();
  });

  it('a visitor to the home page sees no admin tile; another node says certificates are managed at the centre', async () => {
    const page = await session.tab();
    await page.goto(url(CENTER, '/'));
    expect(await page.locator('.grid-tiles a[href="/certificates"]').isVisible()).toBe(false);

    await page.goto(url(COMMUNITY, '/'));
    expect(await page.locator('a[href="/certificates"]').count()).toBe(0);
    await page.goto(url(COMMUNITY, '/certificates'));
    expect(await page.locator('#cert-at-center-only').textContent()).toContain('区政务服务中心');
    expect(await page.locator('#clerk-login').count()).toBe(0);
    await page.close();
  });
});
