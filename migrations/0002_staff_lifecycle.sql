-- Staff lifecycle (identity/store/identity-store.ts StaffAccount): a phone for reset codes, the
-- disabled mark, the moment before which the account's logins and tokens are void, and the
-- account's audit trail (a JSON array of who changed what, the last 100 kept).
-- Staff phones are not residents' phones: a clerk may well have both accounts, so no UNIQUE here.
ALTER TABLE accounts ADD COLUMN staff_phone TEXT;
ALTER TABLE accounts ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN valid_from INTEGER;
ALTER TABLE accounts ADD COLUMN history TEXT;
