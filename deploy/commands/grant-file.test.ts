import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { grantDocId, type GrantDoc } from '../../sync/index.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { enrollNode, initDistrictCa } from '../enroll.js';
import { caGrant, grantInstall } from './grant-file.js';

const dir = tempDir();
const hubDir = join(dir.path, 'hub');
const ca = initDistrictCa(hubDir, 'dongcheng', '东城区 CA');
const centerDir = join(dir.path, 'center');
const streetDir = join(dir.path, 'street');
enrollNode(centerDir, 'dongcheng', '东城区政务服务中心', ca);
enrollNode(streetDir, 'dongcheng/jingshan', '景山街道办事处', ca);
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});
afterAll(() => dir.remove());

/** Runs a command as the CLI would, with its environment. */
async function run(
  command: typeof caGrant,
  env: Record<string, string>,
  args: { words?: string[]; options?: Record<string, string> },
): Promise<void> {
  Object.assign(process.env, { LOG_LEVEL: 'silent' }, env);
  await command({ words: args.words ?? [], options: args.options ?? {} });
}
const atHub = { HUB_DATA: hubDir };
const atCenter = { HALLNET_DATA: centerDir, HALLNET_ORG: 'dongcheng', HALLNET_LEVEL: '4' };
const atStreet = { HALLNET_DATA: streetDir, HALLNET_ORG: 'dongcheng/jingshan', HALLNET_LEVEL: '5' };

describe('the district’s first grant: `hallnet ca grant` at the hub, `hallnet grant install` at the center', () => {
  const out = join(dir.path, 'center.grant.json');

  it('signs a root grant giving the center every right the district passes on, and installs it in the center’s replica', async () => {
    await run(caGrant, atHub, { options: { to: 'dongcheng', until: '2030-12-31', out } });
    const doc = JSON.parse(readFileSync(out, 'utf8')) as GrantDoc;
    expect(doc.payload).toMatchObject({
      grantor: 'dongcheng',
      grantee: { org: 'dongcheng' },
      subtree: 'dongcheng',
      parent: null,
    });
    expect(doc.payload.rights).toEqual(expect.arrayContaining(['grant', 'case.accept', 'staff.manage']));
    expect(new Date(doc.payload.exp * 1000).toISOString()).toBe('2030-12-31T15:59:59.000Z');

    await run(grantInstall, atCenter, { words: [out] });
    await run(grantInstall, atCenter, { words: [out] }); // twice is once
    const db = new PouchDB(join(centerDir, 'db'));
    try {
      expect((await db.get<GrantDoc>(grantDocId(doc.grantId))).jws).toBe(doc.jws);
    } finally {
      await db.close();
    }
  });

  it('refuses to install the district’s grant at a street, whose pushes of it the hub would refuse', async () => {
    await expect(run(grantInstall, atStreet, { words: [out] })).rejects.toMatchObject({ code: 'ERR_SCOPE_FORBIDDEN' });
  });

  it('refuses a grant whose readable payload was changed after signing, or signed by another district’s CA', async () => {
    const doc = JSON.parse(readFileSync(out, 'utf8')) as GrantDoc;
    const widened = join(dir.path, 'widened.json');
    writeFileSync(
      widened,
      JSON.stringify({
        ...doc,
        payload: { ...doc.payload, subtree: 'dongcheng', rights: [...doc.payload.rights, 'catalogue.publish'] },
      }),
    );
    await expect(run(grantInstall, atCenter, { words: [widened] })).rejects.toMatchObject({
      code: 'ERR_GRANT_INVALID',
    });

    const otherHub = join(dir.path, 'other-hub');
    initDistrictCa(otherHub, 'dongcheng', 'a CA nobody enrolled under');
    const foreign = join(dir.path, 'foreign.json');
    await run(caGrant, { HUB_DATA: otherHub }, { options: { to: 'dongcheng', until: '2030-12-31', out: foreign } });
    await expect(run(grantInstall, atCenter, { words: [foreign] })).rejects.toMatchObject({
      code: 'ERR_GRANT_INVALID',
    });
  });

  it('names the field when the grant asked for is wrong', async () => {
    await expect(run(caGrant, atHub, { options: { to: 'xicheng', until: '2030-12-31' } })).rejects.toMatchObject({
      code: 'ERR_SCOPE_FORBIDDEN',
      issues: [{ field: 'to' }],
    });
    await expect(run(caGrant, atHub, { options: { to: 'dongcheng' } })).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      issues: [{ field: 'until' }],
    });
    await expect(
      run(caGrant, atHub, { options: { to: 'dongcheng', until: '2030-12-31', rights: 'case.accept,fly' } }),
    ).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
    await expect(run(grantInstall, atCenter, { words: [join(dir.path, 'missing.json')] })).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
    });
  });
});
