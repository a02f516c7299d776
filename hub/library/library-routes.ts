import type { Context } from 'hono';
import type { BlankEnv } from 'hono/types';
import { z } from 'zod';
import type { Principal } from '../../identity/index.js';
import type { GrantBook } from '../../identity/index.js';
import { HallnetError, idTypeSchema, node, RESIDENT_TOKEN_HEADER, type Routes } from '../../sync/index.js';
import type { Store } from '../store/store.js';
import type { CaseLookup } from '../district-cases/case-lookup.js';
import { readHolderLibrary } from './read-holder-library.js';

const libraryBody = z.object({
  holder: z.object({ idType: idTypeSchema, idNumber: z.string().min(1).max(40) }),
  /** For the resident himself (his token relayed), or for a window clerk with the applicant before him. */
  purpose: z.enum(['resident', 'window']),
});

export interface LibraryRouteDeps {
  store: Store;
  cases: Pick<CaseLookup, 'casesOfHolder'>;
  /** Whether every case of the store has been taken (until then: 503, retry). */
  ready: () => boolean;
  grants: GrantBook;
  /** Verifies a resident's access token against the district's keys. */
  verifyResident: (token: string) => Promise<Principal>;
}

/**
 * 一表一库 across the district, for a hall: a holder's cases, scans and licences as signed
 * documents the hall verifies itself. The hall proves itself with its node token. For a resident
 * the hub believes only his own verified token (relayed in RESIDENT_TOKEN_HEADER), never a number
 * in the request; for a window, the hall must hold the right to accept cases (the applicant is in
 * front of its clerk), and the request is logged with the node that made it.
 */
export function registerLibraryRoutes(routes: Routes<BlankEnv, Principal>, d: LibraryRouteDeps): void {
  routes.add(
    {
      method: 'post',
      path: '/api/library',
      tag: 'library',
      summary:
        "A holder's library for a hall: his cases' signed headers and completions, their scans (no files) and licences; for a resident only with his own verified token relayed, for a window only from a hall with case.accept",
      access: node,
      body: libraryBody,
    },
    async (c: Context, { body, nodeOrg }) => {
      if (!d.ready())
        throw new HallnetError('ERR_HUB_UNREACHABLE', "the hub is still reading the district's cases", {
          detail: { retryAfterSeconds: 5 },
        });
      const org = nodeOrg!;
      if (body.purpose === 'resident') {
        const token = c.req.header(RESIDENT_TOKEN_HEADER);
        if (!token)
          throw new HallnetError('ERR_UNAUTHENTICATED', `the resident's token is required in ${RESIDENT_TOKEN_HEADER}`);
        const p = await d.verifyResident(token);
        if (p.kind !== 'resident' || !p.verified)
          throw new HallnetError('ERR_NOT_VERIFIED', 'the library answers verified residents only');
        if (body.holder.idType !== 'resident-id' || body.holder.idNumber !== p.idNumber)
          throw new HallnetError('ERR_FORBIDDEN', 'a resident asks for his own library only');
      } else if (!(await d.grants.rightsOver({ org }, org)).has('case.accept')) {
        throw new HallnetError('ERR_RIGHT_MISSING', `${org} holds no case.accept`, {
          detail: { right: 'case.accept' },
        });
      }
      return c.json(await readHolderLibrary(d.store, d.cases.casesOfHolder(body.holder.idType, body.holder.idNumber)));
    },
  );
}
