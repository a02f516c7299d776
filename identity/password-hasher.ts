/**
 * Turns passwords into verifier strings that name their scheme (`scrypt$…`, `pbkdf2-sha256$…`)
 * and checks passwords against them. Adapters: scrypt on Node (adapter/node/scrypt-hasher.ts),
 * PBKDF2 on Web Crypto (pbkdf2-hasher.ts).
 */
export interface PasswordHasher {
  /** A new verifier with its own random salt. */
  hash(password: string): Promise<string>;
  /** True when the password matches; false for a wrong password, a malformed verifier or a scheme it cannot check. */
  verify(password: string, verifier: string): Promise<boolean>;
}
