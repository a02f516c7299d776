import { HallnetError, rawLibrarySchema, RESIDENT_TOKEN_HEADER, type RawLibrary } from '../../sync/index.js';
import type { Holder } from './verify-library.js';

/** How long a hall waits for the hub's answer before it falls back to what it holds itself. */
const TIMEOUT_MS = 4_000;

/** Who asks the hub for a holder's library: the resident himself (his token), or a window clerk with the applicant in front of him. */
export type LibraryAsker = { resident: string } | { window: true };

/**
 * Asks the district hub for a holder's library (一表一库 across the district), as this node (its
 * own token) and for the resident (his access token relayed) or for the window. The ID number
 * travels in the body, never in a URL that logs keep; the answer is verified by the caller.
 */
export function hubLibraryClient(hubUrl: string, nodeToken: () => Promise<string>) {
  return async function fetchLibrary(holder: Holder, asker: LibraryAsker): Promise<RawLibrary> {
    let res: Response;
    try {
      res = await fetch(`${hubUrl}/api/library`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await nodeToken()}`,
          'content-type': 'application/json',
          ...('resident' in asker ? { [RESIDENT_TOKEN_HEADER]: asker.resident } : {}),
        },
        body: JSON.stringify({ holder, purpose: 'resident' in asker ? 'resident' : 'window' }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new HallnetError('ERR_HUB_UNREACHABLE', 'the hub did not answer', { cause: err });
    }
    if (!res.ok)
      throw new HallnetError('ERR_HUB_UNREACHABLE', `the hub answered ${res.status}`, {
        detail: { status: res.status },
      });
    return rawLibrarySchema.parse(await res.json());
  };
}

/** Fetches a holder's library from the hub. */
export type FetchLibrary = ReturnType<typeof hubLibraryClient>;
