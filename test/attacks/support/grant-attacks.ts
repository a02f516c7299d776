import { randomUUID } from 'node:crypto';
import { issueGrant } from '../../../identity/index.js';
import {
  grantDocId,
  revocationDocId,
  type GrantDoc,
  type GrantPayload,
  type RevocationDoc,
} from '../../../sync/index.js';
import { A, ANDINGMEN, CENTER, JINGSHAN, V } from './attack-district.js';
import { firstRev, revHash, type Forged } from './attacker.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { by, proven } from './forge-docs.js';

/** The grant a street gave one of its stations, as every hall holds it. */
async function streetGrant(ctx: AttackContext, street: string, station: string): Promise<GrantDoc> {
  const rows = await ctx.d
    .node(A)
    .services.db.allDocs<GrantDoc>({ startkey: 'grant:', endkey: 'grant:\uffff', include_docs: true });
  const found = rows.rows
    .map((r) => r.doc!)
    .find((g) => g.payload?.grantor === street && 'org' in g.payload.grantee && g.payload.grantee.org === station);
  if (!found) throw new Error(`no grant of ${street} to ${station}`);
  return found;
}

/** A grant the station signs with its own key; `payload` changes what it says. */
async function ownGrant(ctx: AttackContext, payload: (p: GrantPayload) => GrantPayload): Promise<GrantDoc> {
  const parent = await streetGrant(ctx, JINGSHAN, A);
  const now = Math.floor(Date.now() / 1000);
  const p = payload({
    v: 1,
    grantor: A,
    grantee: { org: A, role: 'clerk' },
    subtree: A,
    rights: ['case.accept'],
    nbf: now - 60,
    exp: now + 86_400,
    parent: parent.grantId,
    jti: randomUUID(),
  });
  return issueGrant(p, ctx.attacker.issuer, { id: 'staff:clerk', org: A }, new Date());
}

/** A revocation written by the station. */
function revocation(
  ctx: AttackContext,
  what: 'grant' | 'certificate',
  target: string,
  o: { id?: string; scope?: string } = {},
): Forged {
  const at = new Date().toISOString();
  const doc = {
    _id: o.id ?? revocationDocId(what, target),
    type: 'revocation',
    scope: o.scope ?? A,
    parties: [o.scope ?? A],
    ...by(A),
    what,
    target,
    reason: '撤销',
    revokedAt: at,
  } as RevocationDoc;
  return proven(ctx.attacker.signer, doc as unknown as Forged);
}

const otherId = () => `${revHash()}${revHash()}`;

/** Grants under foreign ids, with payloads they were not signed with, beyond the grantor; revocations beyond the writer. */
export const GRANT_ATTACKS: Attack[] = [
  {
    name: "the street's genuine grant republished under an id that is not its hash",
    via: 'bulk',
    reason: /scope dongcheng\/jingshan is outside|a grant's id is the hash of its signed form/,
    forge: async (ctx) => {
      const g = await streetGrant(ctx, JINGSHAN, A);
      const id = otherId();
      return firstRev({ ...g, _id: grantDocId(id), grantId: id, ...by(A) } as unknown as Forged);
    },
  },
  {
    name: 'a grant the station signed, under an id that is not its hash',
    via: 'bulk',
    reason: /a grant's id is the hash of its signed form/,
    forge: async (ctx) => {
      const g = await ownGrant(ctx, (p) => p);
      const id = otherId();
      return firstRev({ ...g, _id: grantDocId(id), grantId: id } as unknown as Forged);
    },
  },
  {
    name: 'a grant whose readable payload differs from the signed one',
    via: 'put',
    reason: /the payload is not what the grantor signed/,
    forge: async (ctx) => {
      const g = await ownGrant(ctx, (p) => p);
      return firstRev({
        ...g,
        payload: { ...g.payload, rights: ['case.accept', 'case.forward', 'grant', 'staff.manage'] },
      } as unknown as Forged);
    },
  },
  {
    name: "a grant to a station of another street, outside the grantor's subtree",
    via: 'bulk',
    reason: /grantee dongcheng\/andingmen\/guozijian is outside dongcheng\/jingshan\/huangchenggen/,
    forge: async (ctx) =>
      firstRev((await ownGrant(ctx, (p) => ({ ...p, grantee: { org: V }, subtree: V }))) as unknown as Forged),
  },
  {
    name: "a grant the station signed in the street's name",
    via: 'pouch',
    reason: /may only publish grants it signed itself/,
    forge: async (ctx) => {
      const g = await ownGrant(ctx, (p) => ({ ...p, grantor: JINGSHAN }));
      return firstRev({ ...g, scope: A, parties: [A] } as unknown as Forged);
    },
  },
  {
    name: 'a grant the station may not make (it holds no right to grant)',
    via: 'bulk',
    reason: /the grant chain does not verify/,
    forge: async (ctx) => firstRev((await ownGrant(ctx, (p) => p)) as unknown as Forged),
  },
  {
    name: "a revocation of the street's grant to the station",
    via: 'bulk',
    reason: /may only revoke grants made within its subtree/,
    forge: async (ctx) => revocation(ctx, 'grant', (await streetGrant(ctx, JINGSHAN, A)).grantId),
  },
  {
    name: "a revocation of the other street's grant to its station",
    via: 'pouch',
    reason: /may only revoke grants made within its subtree/,
    forge: async (ctx) => revocation(ctx, 'grant', (await streetGrant(ctx, ANDINGMEN, V)).grantId),
  },
  {
    name: 'a revocation "by the district" of a street\'s grant',
    via: 'put',
    reason: /scope dongcheng is outside/,
    forge: async (ctx) => revocation(ctx, 'grant', (await streetGrant(ctx, ANDINGMEN, V)).grantId, { scope: CENTER }),
  },
  {
    name: "a certificate revocation by a station (the other street's station's certificate)",
    via: 'bulk',
    reason: /only the district revokes certificates/,
    forge: async (ctx) => revocation(ctx, 'certificate', ctx.d.certificateSerial(V)),
  },
  {
    name: 'a revocation under an id its target does not give',
    via: 'bulk',
    reason: /a revocation's id is its target/,
    forge: async (ctx) =>
      revocation(ctx, 'grant', (await streetGrant(ctx, JINGSHAN, A)).grantId, {
        id: revocationDocId('grant', otherId()),
      }),
  },
];
