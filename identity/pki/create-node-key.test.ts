import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { createNodeKey } from './create-node-key.js';

describe('createNodeKey', () => {
  it('makes a fresh RSA-2048 key as PKCS#8 PEM that forge and jose can read', () => {
    const a = createNodeKey();
    const b = createNodeKey();
    expect(a).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const ka = forge.pki.privateKeyFromPem(a);
    expect(ka.n.bitLength()).toBe(2048);
    expect(ka.e.intValue()).toBe(65537);
    expect(ka.n.equals(forge.pki.privateKeyFromPem(b).n)).toBe(false);
  });
});
