import type { BlankEnv } from 'hono/types';
import { z } from 'zod';
import type { Principal } from '../../identity/index.js';
import { anyone, isoDateSchema, reportPeriod, staff, type Routes } from '../../sync/index.js';
import type { Store } from '../store/store.js';
import { cityFigures } from './city-figures.js';
import {
  CITY_SUPERVISION_CSP,
  CITY_SUPERVISION_CSS,
  CITY_SUPERVISION_PAGE,
  citySupervisionScript,
} from './city-supervision-page.js';

const figuresQuery = z.strictObject({ from: isoDateSchema.optional(), to: isoDateSchema.optional() });

/**
 * The city's supervision (跨区通办 监督) at the city hub: per-district figures of cross-district
 * cases for the city's supervisors (staff of the city's own identity service with the supervisor
 * role: the hub admits no other staff), and the page they read them on.
 */
export function registerCitySupervisionRoutes(
  routes: Routes<BlankEnv, Principal>,
  d: { store: Store; clock: () => Date },
): void {
  routes.add(
    {
      method: 'get',
      path: '/api/city/figures',
      tag: 'supervision',
      summary:
        'Per district, as accepting and as deciding district, over a period (the last 30 days by default): cross-district cases accepted and completed, on-time and instant-completion rates, lights of open cases, satisfaction (ratings in groups of 5 or more, else 样本不足)',
      access: staff('supervisor'),
      query: figuresQuery,
    },
    async (c, { query }) => c.json(await cityFigures(d.store, reportPeriod(query, d.clock()), d.clock())),
  );
  const page =
    (body: string, type: string) => (c: { body: (b: string, s: 200, h: Record<string, string>) => Response }) =>
      c.body(body, 200, {
        'Content-Type': type,
        'Content-Security-Policy': CITY_SUPERVISION_CSP,
        'Cache-Control': 'no-cache',
      });
  routes.add(
    {
      method: 'get',
      path: '/city/supervision',
      tag: 'supervision',
      summary: "The city supervisor's page (a shell with no data: its script signs in and asks /api/city/figures)",
      access: anyone,
    },
    page(CITY_SUPERVISION_PAGE, 'text/html; charset=utf-8'),
  );
  routes.add(
    { method: 'get', path: '/city/supervision.js', tag: 'supervision', summary: "The page's script", access: anyone },
    (c) => page(citySupervisionScript(), 'text/javascript; charset=utf-8')(c),
  );
  routes.add(
    { method: 'get', path: '/city/supervision.css', tag: 'supervision', summary: "The page's styles", access: anyone },
    page(CITY_SUPERVISION_CSS, 'text/css; charset=utf-8'),
  );
}
