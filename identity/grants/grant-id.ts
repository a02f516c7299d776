import forge from 'node-forge';

/** A grant's id: the SHA-256 of its JWS, which is what a child grant points at. */
export function grantIdOf(jws: string): string {
  return forge.md.sha256.create().update(jws, 'utf8').digest().toHex();
}
