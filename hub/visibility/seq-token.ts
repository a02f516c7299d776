/**
 * The `seq` a node sees. It names a position in one index instance (`pos`, tagged with the
 * instance's random `epoch`) and the store seq that position was applied from. The same instance
 * resumes from `pos` exactly; another instance (after a restart, or behind a load balancer)
 * resumes from the store seq, which every instance and the store itself understand.
 */
export type SeqToken =
  | { kind: 'start' }
  | { kind: 'now' }
  | { kind: 'at'; pos: number; epoch: string; storeSeq: string };

const TOKEN = /^(\d{1,15})\.([0-9a-f]{12})\.(\S{1,2000})$/;

/** Formats the token for `pos`; position 0 (nothing applied yet) is the plain `0` PouchDB starts from. */
export function formatSeqToken(pos: number, epoch: string, storeSeq: string): string {
  return pos === 0 ? '0' : `${pos}.${epoch}.${storeSeq}`;
}

/** Parses a `since` value; undefined when it is not one we could have handed out. */
export function parseSeqToken(raw: string): SeqToken | undefined {
  if (raw === '0' || raw === '') return { kind: 'start' };
  if (raw === 'now') return { kind: 'now' };
  const m = TOKEN.exec(raw);
  if (!m) return undefined;
  return { kind: 'at', pos: Number(m[1]), epoch: m[2] as string, storeSeq: m[3] as string };
}
