import { OTHER_APPLICANT } from '../../support/fixtures.js';
import { A } from './attack-district.js';
import { nextRev, revHash } from './attacker.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { eventBy, newCase } from './forge.js';
import { materialOf, residentRecord } from './forge-docs.js';

const MB = 1_000_000;
const own = (ctx: AttackContext) => ctx.attacker.read(`case:${ctx.story.completedByStreet}`);
/** `n` papers taken in, each with a note of `chars` characters. */
const papers = (n: number, chars: number) => () =>
  Array.from({ length: n }, (_, i) =>
    eventBy(A, { kind: 'material-received', materialId: 'id-card', note: `第${i}份`.padEnd(chars, '复') }),
  );

/** Sizes beyond the hub's bounds: bytes per document, events per case, files, revision histories. */
export const BOUND_ATTACKS: Attack[] = [
  {
    name: 'a case of more than 1 MiB (fewer than 1,000 events)',
    via: 'bulk',
    reason: /bytes exceed the bound of 1048576 for a case document/,
    forge: async (ctx) => newCase(ctx.attacker.signer, await own(ctx), { scope: A, writer: A, more: papers(900, 300) }),
  },
  {
    name: 'a case of more than 1 MiB, by stock PouchDB',
    via: 'pouch',
    reason: /bytes exceed the bound of 1048576 for a case document/,
    forge: async (ctx) => newCase(ctx.attacker.signer, await own(ctx), { scope: A, writer: A, more: papers(900, 300) }),
  },
  {
    name: 'a case of 1,001 events',
    via: 'bulk',
    reason: /1001 events exceed the bound of 1000 per case/,
    forge: async (ctx) => newCase(ctx.attacker.signer, await own(ctx), { scope: A, writer: A, more: papers(1000, 1) }),
  },
  {
    name: 'a 10 MB field in a resident record',
    via: 'bulk',
    reason: /bytes exceed the bound of 65536 for a resident document/,
    forge: (ctx) =>
      residentRecord(ctx.attacker.signer, {
        scope: A,
        writer: A,
        applicant: OTHER_APPLICANT,
        extra: { photo: 'x'.repeat(10 * MB) },
      }),
  },
  {
    name: 'a 10 MB file of a type no material may have (text/html)',
    via: 'put',
    reason: /file type text\/html is not allowed/,
    forge: (ctx) =>
      materialOf(ctx.attacker.signer, {
        caseId: ctx.story.completedByStreet,
        scope: A,
        writer: A,
        parties: [A],
        bytes: new Uint8Array(10 * MB).fill(60),
        fileType: 'text/html',
      }),
  },
  {
    name: 'a file whose bytes do not match its recorded sha256',
    via: 'bulk',
    reason: /the file's digest differs from the one recorded/,
    forge: (ctx) =>
      materialOf(ctx.attacker.signer, {
        caseId: ctx.story.completedByStreet,
        scope: A,
        writer: A,
        parties: [A],
        bytes: new TextEncoder().encode('%PDF-1.4 the real scan'),
        recordedBytes: new TextEncoder().encode('%PDF-1.4 the fake scan'),
      }),
  },
  {
    name: 'a revision whose _revisions lists 1,001 ids',
    via: 'bulk',
    reason: /history of 1001 revisions exceeds the bound of 1000/,
    forge: async (ctx) => {
      const held = await own(ctx);
      const h = held._revisions as { start: number; ids: string[] };
      const ids = [...Array.from({ length: 1001 - h.ids.length }, revHash), ...h.ids];
      const start = h.start + ids.length - h.ids.length;
      return { ...nextRev(held, held), _rev: `${start}-${ids[0]}`, _revisions: { start, ids } };
    },
  },
  {
    name: 'a new case born at generation 5,000',
    via: 'bulk',
    reason: /a new document's generation 5000 exceeds the bound of 1000/,
    forge: async (ctx) => {
      const doc = newCase(ctx.attacker.signer, await own(ctx), { scope: A, writer: A });
      const h = revHash();
      return { ...doc, _rev: `5000-${h}`, _revisions: { start: 5000, ids: [h] } };
    },
  },
];
