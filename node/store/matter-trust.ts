import {
  canonicalJson,
  docProofInput,
  matterDocId,
  proofSchema,
  type Envelope,
  type Matter,
} from '../../sync/index.js';

/** Why this node does not take a matter document into its catalogue; `unknown-key` may pass once the signer's certificate arrives. */
export type MatterDistrust =
  | 'unknown-key'
  | 'not-the-district'
  | 'not-its-scope'
  | 'bad-signature'
  | 'unsigned'
  | 'not-the-seed';

/** What the check needs of the node's keys: whose a key is, and whether it signed. */
export interface MatterKeys {
  orgOf(kid: string): string | undefined;
  verify(kid: string, input: string, sig: string, at?: string): boolean;
}

// The fields a stored revision carries that are the store's, not the district's.
const STORE_FIELDS = new Set(['_rev', '_revisions', '_attachments', '_conflicts', '_deleted', 'proof']);
const content = (doc: Record<string, unknown>) =>
  canonicalJson(Object.fromEntries(Object.entries(doc).filter(([k]) => !STORE_FIELDS.has(k))));

/**
 * Decides whether a matter the replica received is the district's: a published version carries
 * the proof of the district root's node (verified against its certificate chain, at the time it
 * says it was written), so one tampered on the way, planted in the hub's store or replayed under
 * another version's id is refused. The seed catalogue is the one unsigned exception (the hub
 * publishes it and holds no signing key): version 1 under its plain id, and — when this node was
 * given the seed it ships — exactly that seed. A signed matter is its scope's: the district's signed
 * by the district, the city catalogue's (全市通办) by the city.
 */
export class MatterTrust {
  private readonly seed: Map<string, string> | undefined;

  constructor(
    private readonly keys: MatterKeys,
    seedDocs: readonly Envelope[] | undefined,
  ) {
    this.seed = seedDocs
      ? new Map(
          seedDocs
            .filter((d) => d.type === 'matter')
            .map((d) => [(d as Envelope & { code: string }).code, content(d as Record<string, unknown>)]),
        )
      : undefined;
  }

  /** Why the stored revision `doc` of matter `m` (parsed from it) is not taken, or undefined when it is. */
  problem(
    doc: Record<string, unknown>,
    m: Pick<Matter, 'code' | 'version' | 'at' | 'scope'>,
  ): MatterDistrust | undefined {
    const proof = proofSchema.safeParse(doc.proof);
    if (!proof.success) {
      if (doc.proof !== undefined || m.version !== 1 || doc._id !== matterDocId(m.code)) return 'unsigned';
      if (this.seed && this.seed.get(m.code) !== content(doc)) return 'not-the-seed';
      return undefined;
    }
    const { kid, sig } = proof.data;
    const org = this.keys.orgOf(kid);
    if (org === undefined) return 'unknown-key';
    if (org.includes('/')) return 'not-the-district';
    if (org !== m.scope) return 'not-its-scope';
    return this.keys.verify(kid, docProofInput(doc, kid), sig, m.at) ? undefined : 'bad-signature';
  }
}
