-- The identity service's store on Cloudflare D1 (identity/adapter/workers/d1-identity-store.ts).
-- Applied with `wrangler d1 migrations apply hallnet-identity`. Times are epoch milliseconds.

-- Residents and staff in one table: a resident has id_number and phone, staff account/org/roles.
-- SQLite's UNIQUE lets any number of NULLs through, so staff never collide on id_number or phone.
CREATE TABLE accounts (
  sub TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('resident', 'staff')),
  name TEXT NOT NULL,
  verifier TEXT,
  created_at INTEGER NOT NULL,
  id_number TEXT UNIQUE,
  phone TEXT UNIQUE,
  verified_at INTEGER,
  verified_by TEXT,
  verified_org TEXT,
  account TEXT,
  org TEXT,
  roles TEXT,
  created_by TEXT,
  CHECK (kind = 'staff' OR (id_number IS NOT NULL AND phone IS NOT NULL)),
  CHECK (kind = 'resident' OR (account IS NOT NULL AND org IS NOT NULL AND roles IS NOT NULL AND verifier IS NOT NULL))
);
CREATE INDEX accounts_staff_by_org ON accounts (org, account) WHERE kind = 'staff';

-- Refresh tokens by the SHA-256 of the token, never the token.
CREATE TABLE refresh_tokens (
  hash TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  family_expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX refresh_tokens_by_family_end ON refresh_tokens (family_expires_at);

CREATE TABLE revoked_families (
  family_id TEXT PRIMARY KEY,
  revoked_at INTEGER NOT NULL
);

-- Fixed-window counters: rate limits per address and phone, wrong passwords, lockouts.
CREATE TABLE counters (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_start INTEGER NOT NULL
);
CREATE INDEX counters_by_window ON counters (window_start);

-- The outstanding SMS code of each phone, as a hash.
CREATE TABLE otps (
  phone TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL
);

-- ES256 signing keys; private_jwk is sealed with the KEY_SEAL_SECRET secret (identity/store/seal-signing-keys.ts).
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  private_jwk TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  retired_at INTEGER
);
