import { createPublicKey, type KeyObject } from 'node:crypto';
import { verifyCrossCertificate, verifyNodeChain } from '../../identity/index.js';
import { certificateSchema, isWithin, type CertificateDoc } from '../../sync/index.js';
import { keyIdOf, type NodeSigner } from '../../sync/node-only.js';

/** A signing key the district vouches for: the node's organisation and the certificate serials of its chain. */
interface KnownKey {
  org: string;
  key: KeyObject;
  serials: string[];
}

/**
 * The signing keys of the district's nodes, from the certificate documents the hub publishes
 * (and this node's own key), each trusted only once its chain verifies from the district root.
 * A signature counts if it was made before any certificate of its chain was revoked: revoking a
 * stolen hall's certificate stops what it signs from then on, not the cases it handled before.
 */
export class SignerKeys {
  private readonly certs = new Map<string, CertificateDoc>();
  private readonly byOrg = new Map<string, CertificateDoc>();
  private readonly known = new Map<string, KnownKey | null>();
  private readonly revokedAt = new Map<string, number>();
  /**
   * Roots from outside the district (跨区通办), by document id, until each is taken or not: the
   * city's root as this district pinned it, and other districts' roots as the city certified them.
   */
  private readonly outside = new Map<string, CertificateDoc>();
  /** The city roots this district pinned (their pin certificates), verified from the district root. */
  private readonly pins = new Map<string, string>();
  /** Other districts' roots, certified by a pinned city: by organisation; and the roots' keys (the city's too) by key id. */
  private readonly foreignRoots = new Map<string, string>();
  private readonly foreignRootKeys = new Map<string, KnownKey>();

  constructor(
    private readonly rootPem: () => string | undefined,
    private readonly own: { signer: NodeSigner; org: string },
    private readonly clock: () => Date,
  ) {}

  /** Takes a replicated certificate document; returns whether it named a key not known before. */
  addCertificate(doc: unknown): boolean {
    const r = certificateSchema.safeParse(doc);
    if (!r.success || this.certs.has(r.data.kid)) return false;
    if (!r.data.org.includes('/') && r.data.org !== this.own.org.split('/')[0]) {
      this.outside.set(r.data._id, r.data);
      return this.takeRoots();
    }
    this.certs.set(r.data.kid, r.data);
    this.byOrg.set(r.data.org, r.data);
    // A street certificate arriving late may complete chains tried before: try them again.
    for (const [kid, k] of this.known) if (k === null) this.known.delete(kid);
    return true;
  }

  /** Takes a certificate revocation and the time it took effect. */
  revoke(serialHex: string, revokedAt: string): void {
    this.revokedAt.set(serialHex.toLowerCase(), Date.parse(revokedAt));
  }

  /** The organisation whose node holds key `kid`, once the district vouches for it. */
  orgOf(kid: string): string | undefined {
    return this.resolve(kid)?.org;
  }

  /** Whether `sig` over `input` was made by key `kid`, at `at`, while its chain stood unrevoked. */
  verify(kid: string, input: string, sig: string, at?: string): boolean {
    const k = this.resolve(kid);
    if (!k) return false;
    const when = at === undefined ? this.clock().getTime() : Date.parse(at);
    if (k.serials.some((s) => (this.revokedAt.get(s) ?? Infinity) <= when)) return false;
    // Trust and revocation above are decided afresh on every call; only the arithmetic is remembered.
    return this.own.signer.verifies(kid, k.key, input, sig);
  }

  /**
   * Whether a certificate of key `kid`'s chain is revoked now, whenever it was: a licence sealed by
   * such a node is no longer shown valid, since the key may have sealed it after it was stolen.
   */
  revoked(kid: string): boolean {
    const k = this.resolve(kid);
    return k?.serials.some((s) => this.revokedAt.has(s)) ?? false;
  }

  /** Whether key `kid` belongs to the node of `org` or of an organisation above it (which may act for it). */
  covers(kid: string, org: string): boolean {
    const signer = this.orgOf(kid);
    return signer !== undefined && isWithin(org, signer);
  }

  private resolve(kid: string): KnownKey | undefined {
    if (kid === this.own.signer.kid) return { org: this.own.org, key: this.own.signer.publicKey, serials: [] };
    // The city signs its catalogue with its root's key.
    const root = this.foreignRootKeys.get(kid);
    if (root) return root;
    const cached = this.known.get(kid);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.trust(kid);
    this.known.set(kid, found ?? null);
    return found;
  }

  /**
   * Takes what it can of the roots from outside the district; answers whether a key became known.
   * The city's root only as this district's root pinned it (`cityPinDoc`: a certification the
   * district's root signed at enrolment), and another district's root only with the certification
   * of a pinned city (`cityCertPem`): a district's root node, which may write certificate documents
   * but holds no CA key, cannot plant a root its halls would take.
   */
  private takeRoots(): boolean {
    const rootPem = this.rootPem();
    if (!rootPem) return false;
    const now = this.clock();
    let took = false;
    for (const [id, doc] of this.outside) {
      if (doc.issuerOrg !== this.own.org.split('/')[0]) continue;
      this.outside.delete(id);
      try {
        if (!verifyCrossCertificate({ certPem: doc.certPem, issuerPem: rootPem, now }).city) continue;
      } catch {
        continue;
      }
      this.pins.set(id, doc.certPem);
      // The city signs its catalogue with its root's key.
      const key = createPublicKey(doc.certPem);
      this.foreignRootKeys.set(keyIdOf(key), { org: doc.org, key, serials: [] });
      took = true;
    }
    for (const [id, doc] of this.outside) {
      if (!doc.cityCertPem) {
        this.outside.delete(id);
        continue;
      }
      const pinned = [...this.pins.values()].some((pin) => {
        try {
          const who = verifyCrossCertificate({
            certPem: doc.cityCertPem!,
            issuerPem: pin,
            subjectPem: doc.certPem,
            now,
          });
          return who.org === doc.org && !who.city;
        } catch {
          return false;
        }
      });
      // Kept until a pin comes that certifies it (or none ever does).
      if (!pinned) continue;
      this.outside.delete(id);
      const key = createPublicKey(doc.certPem);
      this.foreignRoots.set(doc.org, doc.certPem);
      this.foreignRootKeys.set(keyIdOf(key), { org: doc.org, key, serials: [doc.serial] });
      took = true;
    }
    // Chains tried before may verify now.
    if (took) for (const [kid, k] of this.known) if (k === null) this.known.delete(kid);
    return took;
  }

  private trust(kid: string): KnownKey | undefined {
    const leaf = this.certs.get(kid);
    const district = leaf?.org.split('/')[0];
    // A hall of another district verifies from that district's root, which the city vouches for.
    const rootPem =
      district && district !== this.own.org.split('/')[0] ? this.foreignRoots.get(district) : this.rootPem();
    if (!leaf || !rootPem) return undefined;
    const issuer = leaf.issuerOrg.includes('/') ? this.byOrg.get(leaf.issuerOrg) : undefined;
    if (leaf.issuerOrg.includes('/') && !issuer) return undefined;
    // Checked at a moment the certificate was valid: an expired certificate still vouches for what it signed then.
    const now = new Date(Math.min(this.clock().getTime(), Date.parse(leaf.notAfter) - 1000));
    try {
      const who = verifyNodeChain({ chainPem: issuer ? [leaf.certPem, issuer.certPem] : [leaf.certPem], rootPem, now });
      const key = createPublicKey(leaf.certPem);
      if (keyIdOf(key) !== kid) return undefined;
      return { org: who.org, key, serials: issuer ? [who.serial, issuer.serial] : [who.serial] };
    } catch {
      return undefined;
    }
  }
}
