import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { grantDocSchema, type GrantDoc, type GrantPayload } from '../../sync/index.js';
import { createCsr } from '../pki/create-csr.js';
import { issueCertificate } from '../pki/issue-certificate.js';
import { days, makePki, NOW, type Pki } from '../pki/test-fixtures.js';
import { GrantBook } from './grant-book.js';
import { verifyGrantChainWindow } from './grant-chain-window.js';
import { issueGrant } from './issue-grant.js';

const STREET = 'dongcheng/jingshan';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const sec = (d: Date) => Math.floor(d.getTime() / 1000);
const author = { id: 'test', org: 'dongcheng' };
let pki: Pki;
let now = NOW;

const book = () => new GrantBook({ rootPem: () => pki.root.certPem, clock: () => now });
const root = () => ({ keyPem: pki.root.keyPem, chainPem: [pki.root.certPem] });
const street = (certPem = pki.street.certPem) => ({ keyPem: pki.street.keyPem, chainPem: [certPem, pki.root.certPem] });

/** A grant as a replica holds it (its readable payload in the schema's order, as the signed one). */
async function grant(
  p: Partial<GrantPayload> & Pick<GrantPayload, 'grantor' | 'grantee' | 'subtree' | 'rights' | 'parent'>,
  signer: { keyPem: string; chainPem: string[] },
): Promise<GrantDoc> {
  return grantDocSchema.parse(
    await issueGrant({ v: 1, nbf: sec(days(-1)), exp: sec(days(100)), jti: randomUUID(), ...p }, signer, author, NOW),
  );
}
const toStreet = (over: Partial<GrantPayload> = {}) =>
  grant(
    {
      grantor: 'dongcheng',
      grantee: { org: STREET },
      subtree: STREET,
      rights: ['case.accept', 'grant'],
      parent: null,
      ...over,
    },
    root(),
  );
const toCommunity = (parent: GrantDoc, over: Partial<GrantPayload> = {}, signer = street()) =>
  grant(
    {
      grantor: STREET,
      grantee: { org: COMMUNITY },
      subtree: COMMUNITY,
      rights: ['case.accept'],
      parent: parent.grantId,
      ...over,
    },
    signer,
  );

beforeAll(() => {
  pki = makePki();
});

describe('GrantBook: rights at a moment', () => {
  it('answers for a past moment with the grants that were in force then, and for now with those in force now', async () => {
    now = days(40);
    const b = book();
    const s = await toStreet();
    const c = await toCommunity(s, { exp: sec(days(20)) });
    b.add(s);
    b.add(c);
    expect([...(await b.rightsOver({ org: COMMUNITY }, COMMUNITY))]).toEqual([]);
    expect([...(await b.rightsOver({ org: COMMUNITY }, COMMUNITY, {}, days(10)))]).toEqual(['case.accept']);
    // Never before it came into force, whatever is asked.
    expect([...(await b.rightsOver({ org: COMMUNITY }, COMMUNITY, {}, days(-5)))]).toEqual([]);
    expect(await b.status(c.grantId)).toBe('expired');
  });

  it('ends a chain with the certificate of a signer in it, so a write after it is judged without that chain', async () => {
    now = days(5);
    // A street certificate that ends on day 30 (its renewal would be a new certificate over the same key).
    const csrPem = createCsr({ keyPem: pki.street.keyPem, org: STREET, level: 5, name: '景山街道' });
    const shortCert = issueCertificate({
      csrPem,
      issuerCertPem: pki.root.certPem,
      issuerKeyPem: pki.root.keyPem,
      validityDays: 35,
      now: days(-5),
    });
    const s = await toStreet();
    const c = await toCommunity(s, {}, street(shortCert));
    const window = await verifyGrantChainWindow([s.jws, c.jws], { rootPem: pki.root.certPem, isRevoked: () => false });
    expect(window.until).toBe(days(30).getTime());
    const b = book();
    b.add(s);
    b.add(c);
    expect((await b.rightsOver({ org: COMMUNITY }, COMMUNITY, {}, days(29))).has('case.accept')).toBe(true);
    expect((await b.rightsOver({ org: COMMUNITY }, COMMUNITY, {}, days(31))).has('case.accept')).toBe(false);
  });

  it('tells until when a right lasts, following a renewal issued before the first grant ends, and shows the renewal as pending until it starts', async () => {
    now = days(0);
    const b = book();
    const s = await toStreet();
    const first = await toCommunity(s, { exp: sec(days(20)) });
    b.add(s);
    b.add(first);
    expect((await b.heldUntil({ org: COMMUNITY }, COMMUNITY, (r) => r === 'case.accept'))?.getTime()).toBe(
      days(20).getTime() - (days(20).getTime() % 1000),
    );
    const renewal = await toCommunity(s, { nbf: sec(days(19)), exp: sec(days(60)) });
    b.add(renewal);
    expect(await b.status(renewal.grantId)).toBe('pending');
    expect((await b.heldUntil({ org: COMMUNITY }, COMMUNITY, (r) => r === 'case.accept'))?.getTime()).toBe(
      sec(days(60)) * 1000,
    );
    // A right the holdings do not give is held by none.
    expect(await b.heldUntil({ org: COMMUNITY }, COMMUNITY, (r) => r === 'case.approve')).toBeUndefined();
    now = days(25);
    expect(await b.status(first.grantId)).toBe('expired');
    expect(await b.status(renewal.grantId)).toBe('valid');
  });

  it('does not take a grant whose whole period has passed, and does take one issued ahead', async () => {
    now = days(50);
    const b = book();
    const s = await toStreet();
    b.add(s);
    expect(await b.verifies(await toCommunity(s, { exp: sec(days(20)) }))).toBe(false);
    expect(await b.verifies(await toCommunity(s, { nbf: sec(days(60)) }))).toBe(true);
  });
});
