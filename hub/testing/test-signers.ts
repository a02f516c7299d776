import { generateKeyPairSync } from 'node:crypto';
import { NodeSigner } from '../../sync/node-only.js';
import type { NodeIdentity } from '../gateway/gateway-types.js';

const keys = new Map<string, string>();
const signers = new Map<string, NodeSigner>();

/** The private key (PKCS #8 PEM) of the test node at `org`: what a suite enrolls it with, to certify its signer. */
export function testSignerKey(org: string): string {
  let pem = keys.get(org);
  if (!pem) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    keys.set(org, pem);
  }
  return pem;
}

/** The signing key of the test node at `org` (one per organisation, made once per test process). */
export function testSigner(org: string): NodeSigner {
  let s = signers.get(org);
  if (!s) {
    s = new NodeSigner(testSignerKey(org));
    signers.set(org, s);
  }
  return s;
}

/** A node as the gateway suites' own authenticators admit it: its organisation and its test signing key. */
export function testNode(org: string, node = `node@${org}`): NodeIdentity {
  const s = testSigner(org);
  return { org, node, serial: '01', chain: [], key: { kid: s.kid, publicKey: s.publicKey } };
}
