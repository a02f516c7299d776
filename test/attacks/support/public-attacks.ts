import { generateKeyPairSync } from 'node:crypto';
import {
  calendarDocId,
  categoryDocId,
  certificateDocId,
  DEFAULT_SUPERVISION_SETTINGS,
  JWKS_DOC_ID,
  orgDocId,
  refusalReportDocId,
  SUPERVISION_SETTINGS_ID,
} from '../../../sync/index.js';
import { A, CENTER, V } from './attack-district.js';
import { firstRev, nextRev, type Forged } from './attacker.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { by } from './forge-docs.js';
import { RESTAURANT } from './legit-story.js';

/** The next revision of a district document every hall holds, `change` applied and signed for by the station. */
async function changed(
  ctx: AttackContext,
  id: string,
  change: (doc: Record<string, unknown>) => Record<string, unknown>,
): Promise<Forged> {
  const held = await ctx.attacker.read(id);
  return nextRev(held, { ...change(held), ...by(A) });
}

const onlyDistrict = (type: string) => new RegExp(`only the district may write ${type} documents`);

/** The district's own documents, written by a community station. */
export const PUBLIC_ATTACKS: Attack[] = [
  {
    name: 'a matter of the catalogue rewritten (no materials needed any more)',
    via: 'bulk',
    reason: onlyDistrict('matter'),
    forge: (ctx) => changed(ctx, `matter:${RESTAURANT}`, (m) => ({ ...m, materials: [] })),
  },
  {
    name: "the other street's station renamed",
    via: 'put',
    reason: onlyDistrict('organisation'),
    forge: (ctx) => changed(ctx, orgDocId(V), (o) => ({ ...o, name: '已撤销' })),
  },
  {
    name: 'the working-day calendar with every day a holiday',
    via: 'bulk',
    reason: onlyDistrict('calendar'),
    forge: (ctx) =>
      changed(ctx, calendarDocId(new Date().getFullYear()), (c) => ({
        ...c,
        holidays: [...(c.holidays as object[]), { date: `${new Date().getFullYear()}-12-31`, name: '社区放假' }],
      })),
  },
  {
    name: 'a category of the queue renamed',
    via: 'pouch',
    reason: onlyDistrict('category'),
    forge: (ctx) => changed(ctx, categoryDocId(7), (c) => ({ ...c, name: '伪造类别' })),
  },
  {
    name: "the district's supervision settings (ratings never open)",
    via: 'bulk',
    reason: onlyDistrict('settings'),
    forge: () =>
      firstRev({
        _id: SUPERVISION_SETTINGS_ID,
        type: 'settings',
        scope: CENTER,
        parties: [CENTER],
        ...by(A),
        settings: { ...DEFAULT_SUPERVISION_SETTINGS, weights: { instant: 0, onTime: 0, satisfaction: 0, queue: 100 } },
      }),
  },
  {
    name: "the station's own published certificate rewritten (another organisation)",
    via: 'bulk',
    reason: onlyDistrict('certificate'),
    forge: (ctx) =>
      changed(ctx, certificateDocId(ctx.d.certificateSerial(A)), (c) => ({ ...c, org: CENTER, level: 4 })),
  },
  {
    name: "the identity service's published keys replaced",
    via: 'put',
    reason: onlyDistrict('jwks'),
    forge: (ctx) =>
      changed(ctx, JWKS_DOC_ID, (j) => ({
        ...j,
        keys: [
          {
            ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }),
            kid: 'forged',
            alg: 'ES256',
            use: 'sig',
          },
        ],
      })),
  },
  {
    name: "a refusal report in the hub's name (nothing was refused)",
    via: 'bulk',
    reason: /reports are the hub's own/,
    forge: () =>
      firstRev({
        _id: refusalReportDocId('forged'),
        type: 'report',
        kind: 'refusals',
        scope: CENTER,
        parties: [CENTER],
        ...by(A),
        instance: 'forged',
        nodes: [],
      }),
  },
];
