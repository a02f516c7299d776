import { createReadStream } from 'node:fs';
import { verify } from 'node:crypto';
import { basename } from 'node:path';
import { auditEntrySchema, type AuditEntry } from './audit-entry.js';
import type { AuditFinding } from './audit-finding.js';
import { publicKeyFingerprint } from './audit-key.js';
import { entryHash, GENESIS_PREV } from './entry-hash.js';
import { sealPayload } from './seal-payload.js';

/** An entry read from a log, with where it stands. */
export interface LoggedEntry {
  entry: AuditEntry;
  file: string;
  line: number;
}

/** What checking one log found. */
export interface ChainCheck {
  file: string;
  /** Entries read (after a break too: the store check still uses them). */
  entries: LoggedEntry[];
  seals: number;
  /** The line of the last good seal; 0 when none. */
  lastSealLine: number;
  /** Entries after the last seal: not wrong, but not yet protected by a signature. */
  unsealed: number;
  /** The first break of the chain, if any; checking the chain stops there. */
  finding: AuditFinding | undefined;
  /**
   * The log ended inside a line: one the hub was writing as it was read, or one a crash cut short
   * (the hub cuts it off at its next start). Not an entry, so not read; nothing was told it is stored.
   */
  unfinished: boolean;
}

/**
 * Reads an audit log line by line and checks it: each line a valid entry numbered in order,
 * `prev` equal to the hash of the line before, `hash` equal to the entry's own, the genesis
 * first, and every seal's Ed25519 signature good and made with a trusted key
 * (`trustedKeys`: public-key fingerprints). Reports the first break with its line.
 */
export async function verifyAuditChain(path: string, trustedKeys: ReadonlySet<string>): Promise<ChainCheck> {
  const file = basename(path);
  const check: ChainCheck = {
    file,
    entries: [],
    seals: 0,
    lastSealLine: 0,
    unsealed: 0,
    finding: undefined,
    unfinished: false,
  };
  const fail = (line: number, problem: string) => (check.finding ??= { where: `${file}:${line}`, problem });
  let prev = GENESIS_PREV;
  let sinceSeal = 0;
  let line = 0;
  for await (const text of completeLines(path, check)) {
    line += 1;
    let entry: AuditEntry;
    try {
      const parsed = auditEntrySchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        fail(
          line,
          `not an audit entry: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(entry)'} ${i.message}`).join('; ')}`,
        );
        continue;
      }
      entry = parsed.data;
    } catch {
      fail(line, 'not JSON (a torn or edited line)');
      continue;
    }
    check.entries.push({ entry, file, line });
    if (check.finding) continue;
    if ((line === 1) !== (entry.kind === 'genesis'))
      fail(line, line === 1 ? 'the log does not begin with its genesis entry' : 'a second genesis entry');
    else if (entry.n !== line - 1)
      fail(line, `entry number ${entry.n} where ${line - 1} was due: entries before it were removed or inserted`);
    else if (entry.prev !== prev)
      fail(
        line,
        `prev does not match the hash of line ${line - 1}: that line was changed, or one removed or inserted here`,
      );
    else if (entryHash(entry) !== entry.hash) fail(line, 'the entry does not match its hash: it was changed');
    else if (entry.kind === 'seal') {
      const problem = sealProblem(entry, trustedKeys);
      if (problem) fail(line, problem);
      else {
        check.seals += 1;
        check.lastSealLine = line;
        sinceSeal = 0;
      }
    } else sinceSeal += 1;
    prev = entry.hash;
  }
  if (line === 0) fail(0, 'the log is empty');
  check.unsealed = sinceSeal;
  return check;
}

/** The file's lines that end in a newline: a hub appends whole lines, and may be appending one now. */
async function* completeLines(path: string, check: ChainCheck): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(path, 'utf8')) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    yield* lines;
  }
  check.unfinished = rest.length > 0;
}

function sealProblem(
  seal: Extract<AuditEntry, { kind: 'seal' }>,
  trustedKeys: ReadonlySet<string>,
): string | undefined {
  let good: boolean;
  let fingerprint: string;
  try {
    fingerprint = publicKeyFingerprint(seal.publicKey);
    good = verify(null, sealPayload(seal), seal.publicKey, new Uint8Array(Buffer.from(seal.signature, 'base64')));
  } catch {
    return 'the seal carries no usable Ed25519 public key';
  }
  if (!good) return "the seal's signature does not verify: the seal or the chain it covers was forged";
  if (!trustedKeys.has(fingerprint)) return `sealed with a key that is not trusted (fingerprint ${fingerprint})`;
  return undefined;
}
