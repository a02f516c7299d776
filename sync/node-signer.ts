import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { CaseEvent, UnsignedCaseEvent } from './case.js';
import { docProofInput, eventSigningInput, type CaseHeader } from './case-signing.js';
import { licenceSealInput, type SealedLicence } from './licence.js';
import type { Proof } from './signature.js';
import { SignatureMemo } from './signature-memo.js';

/** A key id: the SHA-256 of the public key's SPKI DER, lowercase hex (what events and proofs name). */
export function keyIdOf(key: KeyObject | string): string {
  const pub = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(new Uint8Array(pub.export({ type: 'spki', format: 'der' })))
    .digest('hex');
}

/** Whether `sig` (base64url RSA-SHA256) is `key`'s signature over `input`; never throws. */
export function verifySignature(key: KeyObject, input: string, sig: string): boolean {
  try {
    return verify('sha256', new TextEncoder().encode(input), key, new Uint8Array(Buffer.from(sig, 'base64url')));
  } catch {
    return false;
  }
}

/**
 * A node's signing key (its enrollment key, RSA): signs the events it appends to cases and the
 * documents it writes, so the hub and every other node can tell which node wrote what (design §4).
 */
export class NodeSigner {
  readonly kid: string;
  readonly publicKey: KeyObject;
  private readonly key: KeyObject;
  /** What this node signed and verified lately (of any key): a signature checked again costs a hash. */
  private readonly memo = new SignatureMemo();

  constructor(keyPem: string) {
    this.key = createPrivateKey(keyPem);
    this.publicKey = createPublicKey(this.key);
    this.kid = keyIdOf(this.publicKey);
  }

  /** Signs events about to be appended to case `caseId` (whose header the acceptance covers). */
  signEvents(caseId: string, header: CaseHeader, events: readonly UnsignedCaseEvent[]): CaseEvent[] {
    return events.map((e) => {
      const withKid = { ...e, kid: this.kid };
      return { ...withKid, sig: this.signed(eventSigningInput(caseId, withKid, header)) } as CaseEvent;
    });
  }

  /** The document with this node's proof of having written this revision. */
  prove<T extends object>(doc: T): T & { proof: Proof } {
    return {
      ...doc,
      proof: { kid: this.kid, sig: this.signed(docProofInput(doc as Record<string, unknown>, this.kid)) },
    };
  }

  /** The node's seal (电子印章) on a licence it issues: its signature over what the licence states. */
  sealLicence(licence: SealedLicence): Proof {
    return { kid: this.kid, sig: this.signed(licenceSealInput(licence, this.kid)) };
  }

  /** Whether this node itself signed the document's current revision (its outbox sends only such notices). */
  proved(doc: { proof?: Proof | undefined }): boolean {
    return (
      doc.proof?.kid === this.kid &&
      this.verifies(this.kid, this.publicKey, docProofInput(doc as Record<string, unknown>, this.kid), doc.proof.sig)
    );
  }

  /**
   * Whether `sig` is the signature of `key` (whose id is `kid`) over `input`, answered from what this
   * node signed or verified lately when it can. Only the arithmetic: whether the key is trusted, or
   * was revoked when it signed, is the caller's to decide each time.
   */
  verifies(kid: string, key: KeyObject, input: string, sig: string): boolean {
    return this.memo.verified(kid, input, sig, () => verifySignature(key, input, sig));
  }

  /** This node's signature over `input` (base64url RSA-SHA256), remembered as verified. */
  private signed(input: string): string {
    const sig = sign('sha256', new TextEncoder().encode(input), this.key).toString('base64url');
    this.memo.remember(this.kid, input, sig);
    return sig;
  }
}
