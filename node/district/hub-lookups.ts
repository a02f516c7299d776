import { z } from 'zod';
import { RELAY_HEADERS } from '../../identity/index.js';
import type { HubSync } from '../../sync/node-only.js';
import {
  HallnetError,
  RESIDENT_TOKEN_HEADER,
  residentCaseSchema,
  trackedCaseSchema,
  type ResidentCase,
  type TrackedCase,
} from '../../sync/index.js';

/** How long a hall waits for the hub before it answers from what it holds itself. */
const TIMEOUT_MS = 3000;

export interface HubLookupsOptions {
  hubUrl: string;
  /** This node's own proof to the hub. */
  token: () => Promise<string>;
  /** Live sync with the hub: while it says the link is down, nobody waits for a timeout. */
  sync: Pick<HubSync, 'status'> | undefined;
}

const myCasesSchema = z.object({ items: z.array(residentCaseSchema).max(500) });

/**
 * What a hall asks the hub about cases it does not hold (全网通办): any case by query code, and a
 * resident's own cases across the district with his access token. Answers are checked like any
 * input. A hub that cannot be reached, times out, is starting or refuses the resident is
 * ERR_HUB_UNREACHABLE: the hall answers from its own cases and says so.
 */
export class HubLookups {
  constructor(private readonly o: HubLookupsOptions) {}

  /**
   * The public view of the case with this code, or undefined when the district has none; `address`
   * is the caller's, for the hub's limit, and `residentToken` a logged-in resident's: the hub counts
   * his own case's tracking against his limit, not the code's.
   */
  async track(code: string, address: string, residentToken?: string): Promise<TrackedCase | undefined> {
    const res = await this.get(`/api/track/${encodeURIComponent(code)}`, {
      [RELAY_HEADERS.clientAddress]: address,
      ...(residentToken ? { [RESIDENT_TOKEN_HEADER]: residentToken } : {}),
    });
    if (res.status === 404) return undefined;
    return this.read(res, trackedCaseSchema);
  }

  /** Every case of the district the resident's verified token makes his. */
  async myCases(residentToken: string): Promise<ResidentCase[]> {
    const res = await this.get('/api/my/cases', { [RESIDENT_TOKEN_HEADER]: residentToken });
    return (await this.read(res, myCasesSchema)).items;
  }

  /** One of his cases, or undefined when the district holds none of his under the id. */
  async myCase(id: string, residentToken: string): Promise<ResidentCase | undefined> {
    const res = await this.get(`/api/my/cases/${encodeURIComponent(id)}`, { [RESIDENT_TOKEN_HEADER]: residentToken });
    if (res.status === 404) return undefined;
    return this.read(res, residentCaseSchema);
  }

  private async get(path: string, headers: Record<string, string>): Promise<Response> {
    if (this.o.sync?.status().state === 'offline')
      throw new HallnetError('ERR_HUB_UNREACHABLE', 'the link to the hub is down');
    try {
      return await fetch(`${this.o.hubUrl}${path}`, {
        headers: { authorization: `Bearer ${await this.o.token()}`, ...headers },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new HallnetError('ERR_HUB_UNREACHABLE', (err as Error).message, { cause: err });
    }
  }

  private async read<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
    if (res.status === 429) {
      await res.body?.cancel();
      const retry = Number(res.headers.get('retry-after'));
      throw new HallnetError('ERR_RATE_LIMITED', 'the district hub limits these lookups', {
        detail: { retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : 60 },
      });
    }
    if (res.status !== 200) {
      const body = await res.text();
      throw new HallnetError('ERR_HUB_UNREACHABLE', `the hub answered ${res.status}: ${body.slice(0, 200)}`);
    }
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success)
      throw new HallnetError('ERR_HUB_UNREACHABLE', 'the hub answered something that is not a case view');
    return parsed.data;
  }
}
