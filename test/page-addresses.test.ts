import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../node/start-node.js';
import { startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// Pages as a browser asks for them, over real HTTP from a started community node: the addresses a
// resident or clerk types, and what the tab says.
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const dir = tempDir();
let node: RunningNode;
const page = (path: string, init: RequestInit = {}) =>
  fetch(`${node.url}${path}`, { redirect: 'manual', ...init, headers: { accept: 'text/html', ...init.headers } });
const titleOf = async (path: string) => /<title>([^<]*)<\/title>/.exec(await (await page(path)).text())?.[1];

beforeAll(async () => {
  node = await startTestNode(join(dir.path, 'community'), COMMUNITY);
});

afterAll(async () => {
  await node?.close();
  dir.remove();
});

describe('page addresses', () => {
  it('sends a page typed with a trailing slash to the page without it, its query kept', async () => {
    for (const [path, to] of [
      ['/portal/', '/portal'],
      ['/window/', '/window'],
      ['/guide/', '/guide'],
      ['/guide/?q=%E4%BD%8E%E4%BF%9D', '/guide?q=%E4%BD%8E%E4%BF%9D'],
      ['/window/cases/', '/window/cases'],
    ]) {
      const res = await page(path!);
      expect(res.status, path).toBe(301);
      expect(new URL(res.headers.get('location')!).pathname + new URL(res.headers.get('location')!).search).toBe(to);
      expect((await page(to!)).status, to).toBe(200);
    }
    expect((await page('/')).status).toBe(200);
  });

  it('leaves the API, a form posted and the assets as they are: no redirect', async () => {
    const api = await fetch(`${node.url}/api/catalogue/`, { redirect: 'manual' });
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('ERR_NOT_FOUND');
    expect((await page('/pages/assets/')).status).toBe(404);
    expect((await page('/portal/', { method: 'POST' })).status).not.toBe(301);
  });

  it('names the hall once in the home page’s title, and after the page’s own elsewhere', async () => {
    expect(await titleOf('/')).toBe('皇城根社区服务站');
    expect(await titleOf('/guide')).toBe('办事指南 · 皇城根社区服务站');
  });

  it('says of a matter not applied for online only that, with the guide and booking, no 预审 promised', async () => {
    const html = await (await page('/portal/apply/DC-MZ-004')).text();
    expect(html).toContain('该事项不能网上申请');
    expect(html).not.toContain('预审：工作人员审核材料后受理');
    expect(html).toContain('href="/guide/DC-MZ-004?from=portal"');
    expect(html).toContain('href="/portal#book-title"');
  });
});
