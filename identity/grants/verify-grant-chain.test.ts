import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GrantPayload } from '../../sync/index.js';
import { makePki, NOW, type Pki } from '../pki/test-fixtures.js';
import { signGrant } from './sign-grant.js';
import { verifyGrantChain } from './verify-grant-chain.js';

// Modelled on the invalid chains UCAN's and Biscuit's specifications publish.
let pki: Pki;
const sec = (d: Date) => Math.floor(d.getTime() / 1000);
const YEAR = 365 * 86_400;
const STREET = 'dongcheng/jingshan';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const noneRevoked = () => false;

const signers = () => ({
  root: { keyPem: pki.root.keyPem, chainPem: [pki.root.certPem] },
  street: { keyPem: pki.street.keyPem, chainPem: [pki.street.certPem, pki.root.certPem] },
  otherStreet: { keyPem: pki.otherStreet.keyPem, chainPem: [pki.otherStreet.certPem, pki.root.certPem] },
  community: { keyPem: pki.community.keyPem, chainPem: [pki.community.certPem, pki.street.certPem, pki.root.certPem] },
  otherRoot: { keyPem: pki.otherRoot.keyPem, chainPem: [pki.otherRoot.certPem] },
});

function payload(
  p: Partial<GrantPayload> & Pick<GrantPayload, 'grantor' | 'grantee' | 'subtree' | 'rights' | 'parent'>,
): GrantPayload {
  return { v: 1, nbf: sec(NOW) - 60, exp: sec(NOW) + YEAR, jti: randomUUID(), ...p };
}

async function districtToStreet(over: Partial<GrantPayload> = {}) {
  return signGrant(
    payload({
      grantor: 'dongcheng',
      grantee: { org: STREET },
      subtree: STREET,
      rights: ['case.accept', 'case.forward', 'grant'],
      parent: null,
      ...over,
    }),
    signers().root,
  );
}

async function streetToCommunity(parentId: string, over: Partial<GrantPayload> = {}) {
  return signGrant(
    payload({
      grantor: STREET,
      grantee: { org: COMMUNITY },
      subtree: COMMUNITY,
      rights: ['case.accept'],
      parent: parentId,
      exp: sec(NOW) + YEAR - 10,
      ...over,
    }),
    signers().street,
  );
}

const verify = (links: string[], over: Partial<Parameters<typeof verifyGrantChain>[1]> = {}) =>
  verifyGrantChain(links, { rootPem: pki.root.certPem, now: NOW, isRevoked: noneRevoked, ...over });

beforeAll(() => {
  pki = makePki();
});

describe('verifyGrantChain', () => {
  it('verifies district → street → community and returns the narrowest grant', async () => {
    const a = await districtToStreet();
    const b = await streetToCommunity(a.grantId);
    const leaf = await verify([a.jws, b.jws]);
    expect(leaf).toMatchObject({ grantee: { org: COMMUNITY }, rights: ['case.accept'], subtree: COMMUNITY });
  });

  it('refuses a link granting a right its parent lacks', async () => {
    const a = await districtToStreet();
    const b = await streetToCommunity(a.grantId, { rights: ['case.accept', 'case.approve'] });
    await expect(verify([a.jws, b.jws])).rejects.toMatchObject({
      code: 'ERR_GRANT_INVALID',
      message: expect.stringMatching(/case.approve/),
    });
  });

  it('refuses a wider subtree and a later end than the parent', async () => {
    const a = await districtToStreet();
    const wide = await streetToCommunity(a.grantId, { subtree: 'dongcheng' });
    await expect(verify([a.jws, wide.jws])).rejects.toThrow(/wider/);
    const late = await streetToCommunity(a.grantId, { exp: sec(NOW) + 2 * YEAR });
    await expect(verify([a.jws, late.jws])).rejects.toThrow(/ends after/);
  });

  it('refuses a link by someone other than the previous grantee, and a signer posing as another grantor', async () => {
    const toOther = await districtToStreet({
      grantee: { org: 'dongcheng/donghuamen' },
      subtree: 'dongcheng/donghuamen',
    });
    const b = await streetToCommunity(toOther.grantId);
    await expect(verify([toOther.jws, b.jws])).rejects.toThrow(/link before went to dongcheng\/donghuamen/);
    const a = await districtToStreet();
    const posing = await signGrant(
      payload({
        grantor: 'dongcheng/donghuamen',
        grantee: { org: COMMUNITY },
        subtree: COMMUNITY,
        rights: ['case.accept'],
        parent: a.grantId,
      }),
      signers().street,
    );
    await expect(verify([a.jws, posing.jws])).rejects.toThrow(/signed by dongcheng\/jingshan/);
  });

  it('refuses links reordered, a link removed, and a grant passed on by a role', async () => {
    const a = await districtToStreet();
    const b = await streetToCommunity(a.grantId);
    await expect(verify([b.jws, a.jws])).rejects.toThrow(/not signed by this district root/);
    await expect(verify([b.jws])).rejects.toThrow(/not signed by this district root/);
    const c = await signGrant(
      payload({
        grantor: COMMUNITY,
        grantee: { org: COMMUNITY, role: 'clerk' },
        subtree: COMMUNITY,
        rights: ['case.accept'],
        parent: b.grantId,
        exp: sec(NOW) + YEAR - 20,
      }),
      signers().community,
    );
    await expect(verify([a.jws, c.jws])).rejects.toThrow(/does not point at the link before/);
    // The community link lacks `grant`, so nothing below it verifies either.
    await expect(verify([a.jws, b.jws, c.jws])).rejects.toThrow(/does not allow passing rights on/);
  });

  it('refuses a chain rooted in another district key', async () => {
    const foreign = await signGrant(
      payload({ grantor: 'xicheng', grantee: { org: STREET }, subtree: STREET, rights: ['case.accept'], parent: null }),
      signers().otherRoot,
    );
    await expect(verify([foreign.jws])).rejects.toThrow(/not signed by this district root/);
  });

  it('refuses an expired middle link and a revoked middle link', async () => {
    const a = await districtToStreet();
    // The community may pass rights on to its clerks, so the chain has a middle link to expire.
    const b2 = await streetToCommunity(a.grantId, { rights: ['case.accept', 'grant'], exp: sec(NOW) + 3600 });
    const c2 = await signGrant(
      payload({
        grantor: COMMUNITY,
        grantee: { org: COMMUNITY, role: 'clerk' },
        subtree: COMMUNITY,
        rights: ['case.accept'],
        parent: b2.grantId,
        exp: sec(NOW) + 3000,
      }),
      signers().community,
    );
    expect(await verify([a.jws, b2.jws, c2.jws])).toMatchObject({ grantee: { role: 'clerk' } });
    await expect(verify([a.jws, b2.jws, c2.jws], { now: new Date(NOW.getTime() + 2 * 3600_000) })).rejects.toThrow(
      /expired/,
    );
    await expect(verify([a.jws, b2.jws, c2.jws], { isRevoked: (id) => id === b2.grantId })).rejects.toThrow(
      /link 1 .* revoked/,
    );
  });

  it('tolerates an offline node clock within the skew and not beyond', async () => {
    const soon = await districtToStreet({ nbf: sec(NOW) + 120 });
    expect(await verify([soon.jws])).toMatchObject({ grantee: { org: STREET } });
    const later = await districtToStreet({ nbf: sec(NOW) + 1200 });
    await expect(verify([later.jws])).rejects.toThrow(/not in force yet/);
    const ended = await districtToStreet({ nbf: sec(NOW) - 7200, exp: sec(NOW) - 120 });
    expect(await verify([ended.jws])).toBeTruthy();
    await expect(verify([ended.jws], { maxSkewSeconds: 60 })).rejects.toThrow(/expired/);
  });

  it('never lets the district catalogue right out of the root', async () => {
    await expect(districtToStreet({ rights: ['catalogue.publish'] })).rejects.toMatchObject({
      code: 'ERR_GRANT_INVALID',
    });
  });
});
