import { z } from 'zod';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lowercase hex');
const text = (max: number) => z.string().max(max);

/** What every line carries: its place in the chain, the previous line's hash and its own. */
const link = {
  v: z.literal(1),
  /** The entry's index in its file, from 0 (the genesis). */
  n: z.number().int().min(0),
  at: z.iso.datetime(),
  prev: hex64,
  hash: hex64,
};

/** The first line of an instance's log: where in the store's changes feed it began. */
export const genesisEntrySchema = z.strictObject({
  ...link,
  kind: z.literal('genesis'),
  instance: text(100),
  district: text(100),
  /** The store's update sequence when the log began; documents changed before it are outside the log. */
  storeSeq: text(1000),
});

/** A hub process reopened its log (a restart); `torn` counts bytes of an unfinished last line it cut off. */
export const resumeEntrySchema = z.strictObject({
  ...link,
  kind: z.literal('resume'),
  torn: z.number().int().min(0),
});

/** One revision a node pushed through the gateway, and what the gateway decided. */
export const writeEntrySchema = z.strictObject({
  ...link,
  kind: z.literal('write'),
  node: z.strictObject({ org: text(300), fingerprint: text(100) }),
  /** The leaf certificate's serial, lowercase hex. */
  serial: text(100),
  id: text(300),
  rev: text(100).optional(),
  /** `revisionDigest` of the body as stored (accepted) or as sent (refused). */
  digest: hex64,
  decision: z.enum(['accepted', 'refused']),
  reason: text(1000).optional(),
});

/**
 * A revision the hub wrote itself (seed, JWKS, grants at enrolment, conflict merges). With
 * `newEdits` the store picks the revision, so the entry names the revision it was written over.
 */
export const hubWriteEntrySchema = z.strictObject({
  ...link,
  kind: z.literal('hub-write'),
  /** Which part of the hub wrote it: `seed`, `jwks`, `compactor`, `hub`. */
  by: text(50),
  id: text(300),
  rev: text(100).optional(),
  parent: text(100).optional(),
  digest: hex64,
});

/** The hub's signature over the chain up to `prev`, made with its own Ed25519 key. */
export const sealEntrySchema = z.strictObject({
  ...link,
  kind: z.literal('seal'),
  instance: text(100),
  /** The signing key (SPKI PEM), so a log verifies offline; verification checks it is a trusted one. */
  publicKey: text(1000),
  /** Ed25519 over `canonicalJson` of this entry without `signature` and `hash`, base64. */
  signature: text(200),
});

/** Any line of an audit log. */
export const auditEntrySchema = z.discriminatedUnion('kind', [
  genesisEntrySchema,
  resumeEntrySchema,
  writeEntrySchema,
  hubWriteEntrySchema,
  sealEntrySchema,
]);

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type WriteEntry = z.infer<typeof writeEntrySchema>;
export type HubWriteEntry = z.infer<typeof hubWriteEntrySchema>;
export type SealEntry = z.infer<typeof sealEntrySchema>;
export type GenesisEntry = z.infer<typeof genesisEntrySchema>;

type LinkFields = 'v' | 'n' | 'at' | 'prev' | 'hash';
/** An entry as a caller hands it to the log, which adds the chain fields. */
export type AuditEntryBody = AuditEntry extends infer E ? (E extends AuditEntry ? Omit<E, LinkFields> : never) : never;
/** The chain fields the log assigns, for bodies (seals) that must sign them. */
export type AuditLink = Pick<AuditEntry, 'v' | 'n' | 'at' | 'prev'>;
