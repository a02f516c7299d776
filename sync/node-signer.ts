import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { batchSignature, batchTree, MAX_BATCH, parseBatchSignature, rootMessageOf } from './batch-signature.js';
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

/** Batch roots each key has been seen to sign, so the other inputs of a batch cost hashes only. */
const verifiedRoots = new WeakMap<KeyObject, SignatureMemo>();
const ROOTS_PER_KEY = 1_024;

/**
 * Whether `sig` is `key`'s signature over `input`, plain (base64url RSA-SHA256) or as one input
 * of a batch (`batch-signature.ts`); never throws.
 */
export function verifySignature(key: KeyObject, input: string, sig: string): boolean {
  const batch = parseBatchSignature(sig);
  if (!batch) return rsaVerifies(key, input, sig);
  const message = rootMessageOf(input, batch);
  let roots = verifiedRoots.get(key);
  if (!roots) verifiedRoots.set(key, (roots = new SignatureMemo(ROOTS_PER_KEY)));
  return roots.verified('', message, batch.rootSig, () => rsaVerifies(key, message, batch.rootSig));
}

function rsaVerifies(key: KeyObject, input: string, sig: string): boolean {
  try {
    return verify('sha256', new TextEncoder().encode(input), key, new Uint8Array(Buffer.from(sig, 'base64url')));
  } catch {
    return false;
  }
}

interface Waiting {
  inputs: string[];
  resolve: (sigs: string[]) => void;
  reject: (err: unknown) => void;
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
  /** Inputs asked to be signed in this turn of the event loop (`signInBatch`). */
  private waiting: Waiting[] = [];

  constructor(keyPem: string) {
    this.key = createPrivateKey(keyPem);
    this.publicKey = createPublicKey(this.key);
    this.kid = keyIdOf(this.publicKey);
  }

  /** Signs events about to be appended to case `caseId` (whose header the acceptance covers): one RSA operation for all. */
  signEvents(caseId: string, header: CaseHeader, events: readonly UnsignedCaseEvent[]): CaseEvent[] {
    const { inputs, signed } = this.eventDrafts(caseId, header, events);
    return signed(this.signAll(inputs));
  }

  /** `signEvents`, signed in one batch with whatever else this node signs in the same turn of the event loop. */
  async signEventsInBatch(
    caseId: string,
    header: CaseHeader,
    events: readonly UnsignedCaseEvent[],
  ): Promise<CaseEvent[]> {
    const { inputs, signed } = this.eventDrafts(caseId, header, events);
    return signed(await this.signInBatch(inputs));
  }

  /** The document with this node's proof of having written this revision. */
  prove<T extends object>(doc: T): T & { proof: Proof } {
    return this.withProof(doc, this.signAll([this.proofInput(doc)])[0]!);
  }

  /** `prove`, signed in one batch with whatever else this node signs in the same turn of the event loop. */
  async proveInBatch<T extends object>(doc: T): Promise<T & { proof: Proof }> {
    return this.withProof(doc, (await this.signInBatch([this.proofInput(doc)]))[0]!);
  }

  /** The node's seal (电子印章) on a licence it issues: its signature over what the licence states. */
  sealLicence(licence: SealedLicence): Proof {
    const [sig] = this.signAll([licenceSealInput(licence, this.kid)]);
    return { kid: this.kid, sig: sig! };
  }

  /** Whether this node itself signed the document's current revision (its outbox sends only such notices). */
  proved(doc: { proof?: Proof | undefined }): boolean {
    return doc.proof?.kid === this.kid && this.verifies(this.kid, this.publicKey, this.proofInput(doc), doc.proof.sig);
  }

  /**
   * Whether `sig` is the signature of `key` (whose id is `kid`) over `input`, answered from what this
   * node signed or verified lately when it can. Only the arithmetic: whether the key is trusted, or
   * was revoked when it signed, is the caller's to decide each time.
   */
  verifies(kid: string, key: KeyObject, input: string, sig: string): boolean {
    return this.memo.verified(kid, input, sig, () => verifySignature(key, input, sig));
  }

  /** The events as this node signs them, their signing inputs, and how they read once signed. */
  private eventDrafts(caseId: string, header: CaseHeader, events: readonly UnsignedCaseEvent[]) {
    const drafts = events.map((e) => ({ ...e, kid: this.kid }));
    return {
      inputs: drafts.map((e) => eventSigningInput(caseId, e, header)),
      signed: (sigs: readonly string[]) => drafts.map((e, i) => ({ ...e, sig: sigs[i]! }) as CaseEvent),
    };
  }

  private proofInput(doc: object): string {
    return docProofInput(doc as Record<string, unknown>, this.kid);
  }

  private withProof<T extends object>(doc: T, sig: string): T & { proof: Proof } {
    return { ...doc, proof: { kid: this.kid, sig } };
  }

  /**
   * Signs `inputs` together with every other input asked for until the event loop next turns, all
   * under one RSA signature: concurrent writes (16 windows accepting at once) share one signing as
   * they share one fsync. Alone, an input waits only for the current turn to end.
   */
  private signInBatch(inputs: string[]): Promise<string[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ inputs, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.signWaiting());
    });
  }

  private signWaiting(): void {
    const waiting = this.waiting;
    this.waiting = [];
    try {
      const sigs = this.signAll(waiting.flatMap((w) => w.inputs));
      let at = 0;
      for (const w of waiting) {
        w.resolve(sigs.slice(at, at + w.inputs.length));
        at += w.inputs.length;
      }
    } catch (err) {
      for (const w of waiting) w.reject(err);
    }
  }

  /** This node's signatures over `inputs`, one RSA operation per `MAX_BATCH` of them, each remembered as verified. */
  private signAll(inputs: readonly string[]): string[] {
    const sigs: string[] = [];
    for (let from = 0; from < inputs.length; from += MAX_BATCH) {
      const batch = inputs.slice(from, from + MAX_BATCH);
      if (batch.length === 1) {
        sigs.push(this.rsaSign(batch[0]!));
        continue;
      }
      const { message, shares } = batchTree(batch);
      const rootSig = this.rsaSign(message);
      sigs.push(...shares.map((share) => batchSignature(rootSig, share)));
    }
    inputs.forEach((input, i) => this.memo.remember(this.kid, input, sigs[i]!));
    return sigs;
  }

  private rsaSign(input: string): string {
    return sign('sha256', new TextEncoder().encode(input), this.key).toString('base64url');
  }
}
