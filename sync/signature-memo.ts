import { createHash } from 'node:crypto';

/** How many signatures a memo holds: an hour of a busy hall's acceptances, about 1 MB. */
const CAPACITY = 8_192;

/**
 * Signatures this process made or already verified, as a fact of arithmetic: key `kid` signed
 * exactly these bytes with `sig`. A node verifies its own new signatures several times per case
 * (the write rule, the case index, the notice rule); each verification after the first is a hash
 * instead of an RSA operation. Only the exact bytes count (a document changed after signing is
 * new bytes and verified afresh), a key id names one key (the SHA-256 of its SPKI), and whether a
 * key is trusted or revoked is decided by the caller every time, never remembered here. Bounded:
 * the least recently used signature is forgotten first.
 */
export class SignatureMemo {
  private readonly known = new Set<string>();

  constructor(private readonly capacity = CAPACITY) {}

  /** Notes a signature known good (one this process has just made). */
  remember(kid: string, input: string, sig: string): void {
    this.note(entryOf(kid, input, sig));
  }

  /** Whether `sig` is key `kid`'s signature over `input`: known, or `verify` says so now (then remembered). */
  verified(kid: string, input: string, sig: string, verify: () => boolean): boolean {
    const entry = entryOf(kid, input, sig);
    if (this.known.delete(entry) || verify()) {
      this.note(entry);
      return true;
    }
    return false;
  }

  get size(): number {
    return this.known.size;
  }

  private note(entry: string): void {
    // A Set iterates in insertion order: re-inserting marks an entry as the most recently used.
    this.known.delete(entry);
    this.known.add(entry);
    if (this.known.size > this.capacity) this.known.delete(this.known.values().next().value!);
  }
}

/** One signature's entry: a digest over the key id, the signature and the signed bytes. */
function entryOf(kid: string, input: string, sig: string): string {
  // Lengths first: what a sender writes in `kid` or `sig` can never run into the fields after it.
  return createHash('sha256').update(`${kid.length}:${kid}${sig.length}:${sig}`).update(input).digest('base64');
}
