import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../test/support/eventually.js';
import { tempDir } from '../test/support/temp-dir.js';
import { CITY_DEMO_HALLS, describeCityDemo, startCityDemo, type RunningCityDemo } from './city-demo.js';
import { DEMO_PASSWORD } from './demo.js';

const dir = tempDir('hallnet-city-demo-');
let demo: RunningCityDemo | undefined;

afterAll(async () => {
  await demo?.close();
  dir.remove();
});

describe('hallnet demo --city: two districts under a city hub on one machine', () => {
  it('starts every hall, forwards the sample case from 西城 to the 东城 department, and prints addresses and accounts', async () => {
    demo = await startCityDemo({ dir: dir.path, cityPort: 0 });
    expect(demo.samples).toHaveLength(1);
    const [sample] = demo.samples;
    const dept = demo.city.districts.get('dongcheng')!.nodes.get('dongcheng/dept/health')!;
    await eventually(
      () => dept.services.index.get(sample!.id)?.holder === 'dongcheng/dept/health',
      30_000,
      'sample at 东城',
    );

    const text = describeCityDemo(demo, dir.path);
    expect(text).toContain(demo.city.hub.url);
    for (const h of CITY_DEMO_HALLS) {
      const node = demo.city.districts.get(h.org.split('/')[0]!)!.nodes.get(h.org)!;
      expect(text).toContain(`${node.url}/   ${h.account} / ${DEMO_PASSWORD}`);
    }
    expect(text).toContain(sample!.queryCode);

    // 西城's halls name themselves and their district as a clerk knows them, not by code paths.
    const fengsheng = demo.city.districts.get('xicheng')!.nodes.get('xicheng/jinrongjie/fengsheng')!;
    await eventually(() => fengsheng.services.reference.organisations.size >= 3, 30_000, '西城 organisations');
    const page = await (await fetch(`${fengsheng.url}/`)).text();
    expect(page).toContain('<span class="brand-title">西城区政务服务</span>');
    expect(page).toContain('<span class="brand-node">丰盛社区服务站</span>');

    // The clerk printed for the 东城 department logs in there and sees the case.
    const login = await fetch(`${dept.url}/api/auth/staff-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'office.health', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
  }, 120_000);
});
