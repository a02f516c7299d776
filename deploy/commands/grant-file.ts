import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { hubConfigFromEnv } from '../../hub/index.js';
import { verifyGrantChain } from '../../identity/index.js';
import { nodeConfigFromEnv, openNodeDb, readNodeChain } from '../../node/index.js';
import { grantDocSchema, HallnetError, isWithin, orgPathSchema, parseOrThrow, rightSchema } from '../../sync/index.js';
import { districtGrantFor, rootGrant } from '../default-grants.js';
import { readDistrictCa } from '../enroll.js';
import type { CommandArgs } from './args.js';

const caGrantSchema = z.object({
  to: orgPathSchema,
  subtree: orgPathSchema.optional(),
  rights: z.array(rightSchema).min(1).optional(),
  until: z.iso.date({ message: '--until is a date, YYYY-MM-DD' }),
});

/**
 * `hallnet ca grant --to <org> --until YYYY-MM-DD [--rights a,b] [--subtree <org>] [--out grant.json]`:
 * a grant from the district root, signed with the CA key (the first link of every chain), written
 * as a file for `hallnet grant install` at the district center. By default the organisation gets
 * what the district gives its kind: the center every right the district can pass on.
 */
export async function caGrant({ options }: CommandArgs): Promise<void> {
  const config = hubConfigFromEnv();
  const g = parseOrThrow(caGrantSchema, {
    to: options.to,
    subtree: options.subtree,
    rights: options.rights?.split(',').filter(Boolean),
    until: options.until,
  });
  if (!isWithin(g.to, config.district))
    throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${g.to} is outside the district ${config.district}`, {
      issues: [{ field: 'to', reason: `must lie in ${config.district} / 必须属于本区` }],
    });
  const byKind = districtGrantFor(g.to);
  const now = new Date();
  const doc = await rootGrant(
    g.to,
    readDistrictCa(config.caDir),
    {
      rights: g.rights ?? byKind.rights,
      subtree: g.subtree ?? byKind.subtree,
      departments: byKind.departments,
      // Five minutes back, for the clocks of halls that run a little behind.
      nbf: Math.floor(now.getTime() / 1000) - 300,
      exp: Math.floor(Date.parse(`${g.until}T23:59:59+08:00`) / 1000),
    },
    now,
  );
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
  console.error(
    `grant ${doc.grantId.slice(0, 16)}: ${doc.payload.grantor} → ${g.to}, ${doc.payload.rights.join(',')} over ${doc.payload.subtree} until ${g.until}`,
  );
}

/**
 * `hallnet grant install <grant.json>`: puts a district grant into this (stopped) node's replica,
 * from where it syncs to the hub and every hall. Only the district center publishes the district's
 * own grants, so this is where a grant from `hallnet ca grant` goes; it must verify from the root
 * this node was enrolled under.
 */
export async function grantInstall({ words }: CommandArgs): Promise<void> {
  const file = words[0];
  if (!file) throw new HallnetError('ERR_VALIDATION', 'usage: hallnet grant install <grant.json>');
  const config = nodeConfigFromEnv();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new HallnetError('ERR_VALIDATION', `${file} is not a grant file from \`hallnet ca grant\``, { cause });
  }
  const doc = parseOrThrow(grantDocSchema, json, { where: file });
  const chain = readNodeChain(config.dataDir);
  if (!chain)
    throw new HallnetError('ERR_CONFIG', 'this node has no certificate yet: run `hallnet cert install` first');
  if (doc.payload.grantor !== config.org) {
    throw new HallnetError(
      'ERR_SCOPE_FORBIDDEN',
      `a grant by ${doc.payload.grantor} is published by its node, not by ${config.org}: install it at the district center`,
    );
  }
  const signed = await verifyGrantChain([doc.jws], { rootPem: chain.at(-1)!, now: new Date(), isRevoked: () => false });
  if (!isDeepStrictEqual(signed, doc.payload))
    throw new HallnetError('ERR_GRANT_INVALID', `${file}: the readable payload differs from the signed one`);
  const db = openNodeDb(config.dataDir);
  try {
    await db.put(doc);
    console.error(
      `grant ${doc.grantId.slice(0, 16)} installed: ${doc.payload.grantor} → ${doc.payload.grantee.org}, ${doc.payload.rights.join(',')}`,
    );
  } catch (err) {
    if ((err as { status?: number }).status !== 409) throw err;
    console.error(`grant ${doc.grantId.slice(0, 16)} was already installed`);
  } finally {
    await db.close();
  }
}
