import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchSignature, batchTree, MAX_BATCH, parseBatchSignature, rootMessageOf } from './batch-signature.js';
import { docProofInput } from './case-signing.js';
import { NodeSigner, verifySignature } from './node-signer.js';
import { signatureSchema } from './signature.js';

const keyPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signer = new NodeSigner(keyPem());
const stranger = new NodeSigner(keyPem());

/** `n` distinct documents, each with its proof signed in one batch with the others. */
async function provenTogether(n: number) {
  const docs = Array.from({ length: n }, (_, i) => ({ _id: `notice:${i}`, type: 'notice', text: `第${i}条` }));
  return Promise.all(docs.map((d) => signer.proveInBatch(d)));
}

describe('batch signatures', () => {
  it('signs every input of a tree of any size under one root, and each verifies alone', () => {
    for (const n of [2, 3, 5, 8, 17, MAX_BATCH]) {
      const inputs = Array.from({ length: n }, (_, i) => `{"n":${i}}`);
      const { message, shares } = batchTree(inputs);
      inputs.forEach((input, i) => expect(rootMessageOf(input, shares[i]!)).toBe(message));
      // A path never runs longer than the tree is deep.
      expect(Math.max(...shares.map((s) => s.path.length))).toBe(Math.ceil(Math.log2(n)));
    }
    expect(() => batchTree([])).toThrow();
    expect(() => batchTree(Array.from({ length: MAX_BATCH + 1 }, String))).toThrow();
  });

  it('gathers the signings of one turn of the event loop into one RSA signature', async () => {
    const proven = await provenTogether(12);
    const roots = new Set(proven.map((d) => parseBatchSignature(d.proof.sig)?.rootSig));
    expect(roots.size).toBe(1);
    expect([...roots][0]).toBeDefined();
    for (const d of proven) {
      expect(signatureSchema.safeParse(d.proof.sig).success).toBe(true);
      // Verified afresh, as the hub and other nodes verify it, not from what the signer remembers.
      expect(verifySignature(signer.publicKey, docProofInput(d, signer.kid), d.proof.sig)).toBe(true);
      expect(signer.proved(d)).toBe(true);
    }
  });

  it('signs an input alone plainly, so an idle node writes what it always wrote', async () => {
    const [alone] = await provenTogether(1);
    expect(parseBatchSignature(alone!.proof.sig)).toBeUndefined();
    expect(verifySignature(signer.publicKey, docProofInput(alone!, signer.kid), alone!.proof.sig)).toBe(true);
  });

  it('refuses a batch signature on other bytes, moved to another input, with its path altered or under another key', async () => {
    const proven = await provenTogether(5);
    const inputs = proven.map((d) => docProofInput(d, signer.kid));
    const sigs = proven.map((d) => d.proof.sig);
    const key = signer.publicKey;
    inputs.forEach((input, i) => expect(verifySignature(key, input, sigs[i]!)).toBe(true));
    const [first, second] = [sigs[0]!, sigs[1]!];
    const { rootSig, salt, path } = parseBatchSignature(first)!;
    const flip = (step: string) => (step[0] === 'l' ? 'r' : 'l') + step.slice(1);
    for (const [input, sig] of [
      [inputs[0]!.replace('第0条', '第9条'), first], // bytes never signed
      [inputs[0]!, second], // another input's share
      [inputs[0]!, batchSignature(rootSig, { salt, path: [flip(path[0]!), ...path.slice(1)] })], // sides swapped
      [inputs[0]!, batchSignature(rootSig, { salt, path: path.slice(1) })], // a step left out
      [inputs[0]!, batchSignature(rootSig, { salt, path: [...path, path[0]!] })], // a step added
      [inputs[0]!, batchSignature(rootSig, { salt: parseBatchSignature(second)!.salt, path })], // another salt
      [inputs[0]!, batchSignature(`${rootSig.slice(0, -2)}AA`, { salt, path })], // the root's signature altered
    ] as const) {
      expect(verifySignature(key, input, sig)).toBe(false);
    }
    expect(verifySignature(stranger.publicKey, inputs[0]!, first)).toBe(false);
  });

  it('shows no hash of another input that could be checked by guessing it', () => {
    const inputs = ['{"resident":"110101199001011234"}', '{"resident":"110101199001015678"}'];
    const unsalted = (input: string) =>
      createHash('sha256')
        .update(new Uint8Array([0]))
        .update(input)
        .digest('base64url');
    const first = batchTree(inputs).shares[0]!;
    expect(first.path).toHaveLength(1);
    expect(first.path[0]!.slice(1)).not.toBe(unsalted(inputs[1]!));
    // The same inputs again make other leaves: a sibling tells nothing across batches either.
    expect(batchTree(inputs).shares[0]!.path[0]).not.toBe(first.path[0]);
  });

  it('is read by the schema only in its well-formed shape', () => {
    const salt = 'S'.repeat(22);
    const ok = `b1.${'A'.repeat(342)}.${salt}.l${'B'.repeat(43)}.r${'C'.repeat(43)}`;
    expect(signatureSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      `b1.${'A'.repeat(342)}.${salt}`, // no path: a plain signature is written without the prefix
      `b1.${'A'.repeat(342)}.l${'B'.repeat(43)}`, // no salt
      `b1.${'A'.repeat(342)}.${salt}.x${'B'.repeat(43)}`, // a side that is neither l nor r
      `b1.${'A'.repeat(342)}.${salt}.l${'B'.repeat(42)}`, // a sibling that is not 32 bytes
      `b1.${'A'.repeat(342)}.${salt}${`.l${'B'.repeat(43)}`.repeat(17)}`, // deeper than any batch
      `b2.${'A'.repeat(342)}.${salt}.l${'B'.repeat(43)}`,
    ]) {
      expect(signatureSchema.safeParse(bad).success).toBe(false);
      expect(verifySignature(signer.publicKey, '{}', bad)).toBe(false);
    }
  });
});
