import { grantDocSchema, isWithin, type GrantDoc, type GrantPayload, type Right } from '../../sync/index.js';
import { verifyGrantChainWindow } from './grant-chain-window.js';

/** Who is asking for rights: an organisation, and optionally one of its staff with roles. */
export interface RightsHolder {
  org: string;
  roles?: readonly string[];
  account?: string;
}

/**
 * What one valid chain gives: rights over a subtree, perhaps limited to categories or departments,
 * from `from` until `until` (ms since the epoch: where every link and every signer's certificate
 * is in force).
 */
export type Holding = Pick<GrantPayload, 'rights' | 'subtree' | 'categories' | 'departments' | 'exp'> & {
  grantId: string;
  from: number;
  until: number;
};

export interface GrantBookOptions {
  /** The district root; without one (a node not enrolled) no grant verifies. */
  rootPem: () => string | undefined;
  clock: () => Date;
  isCertRevoked?: (serialHex: string) => boolean;
  /** Clock difference tolerated at both ends of a chain's period (an offline node's clock drifts); default 300. */
  maxSkewSeconds?: number;
}

// A verified chain is trusted this long before it is checked again (certificate revocations, which
// arrive from outside the book); time needs no re-check: a chain's period is known once verified.
const RECHECK_MS = 30_000;

/**
 * The grants a node or the hub holds, as replicated documents, and the rights they give. Every
 * chain is verified offline from the district root; a revocation cuts every grant below the
 * revoked link, and a right reached by two chains survives the revocation of one.
 */
export class GrantBook {
  private readonly grants = new Map<string, GrantDoc>();
  private readonly revoked = new Set<string>();
  private readonly verified = new Map<string, { holding: Holding | null; at: number; version: number }>();
  private version = 0;

  constructor(private readonly opts: GrantBookOptions) {}

  /** Takes a replicated grant document; malformed ones are ignored (their chains could never verify). */
  add(doc: unknown): void {
    const r = grantDocSchema.safeParse(doc);
    if (!r.success || this.grants.has(r.data.grantId)) return;
    this.grants.set(r.data.grantId, r.data);
    this.version++;
  }

  revoke(grantId: string): void {
    if (this.revoked.has(grantId)) return;
    this.revoked.add(grantId);
    this.version++;
  }

  get(grantId: string): GrantDoc | undefined {
    return this.grants.get(grantId);
  }

  isRevoked(grantId: string): boolean {
    return this.revoked.has(grantId);
  }

  /** Every grant held, newest first, for the administration pages and the audit trail. */
  list(): GrantDoc[] {
    return [...this.grants.values()].sort((a, b) => (a.at < b.at ? 1 : -1));
  }

  /**
   * The holdings in force at `at` (now unless given) whose last grant names this holder (the
   * organisation, one of its roles, or the person). Asked about a past moment, it answers with the
   * grants held now that were in force then: a write is judged by the rights of its own time.
   */
  async holdings(holder: RightsHolder, at: Date = this.opts.clock()): Promise<Holding[]> {
    return (await this.verifiedHoldings(holder)).filter((h) => this.inForce(h, at.getTime()));
  }

  /** The rights the holder has over `target` at `at` (now unless given), and, where a holding is limited, for that category or department. */
  async rightsOver(
    holder: RightsHolder,
    target: string,
    scope: { category?: number; department?: string } = {},
    at?: Date,
  ): Promise<Set<Right>> {
    const rights = new Set<Right>();
    for (const h of await this.holdings(holder, at)) {
      if (!covers(h, target, scope)) continue;
      for (const r of h.rights) rights.add(r);
    }
    return rights;
  }

  /**
   * Until when the holder keeps, without a break from `at`, some right that `wanted` accepts over
   * `target` — following a renewal issued ahead (in force before the grant it follows ends) — or
   * undefined when it holds none at `at`. For warnings ahead of a grant's end.
   */
  async heldUntil(
    holder: RightsHolder,
    target: string,
    wanted: (r: Right) => boolean,
    at: Date = this.opts.clock(),
  ): Promise<Date | undefined> {
    const useful = (await this.verifiedHoldings(holder)).filter((h) => covers(h, target, {}) && h.rights.some(wanted));
    let end = at.getTime();
    if (!useful.some((h) => this.inForce(h, end))) return undefined;
    // Each step moves to the furthest end among the holdings in force at the current end; it only grows.
    for (;;) {
      const next = Math.max(...useful.filter((h) => this.inForce(h, end)).map((h) => h.until));
      if (next <= end) return new Date(end);
      end = next;
    }
  }

  /** Where a held grant stands now: in force, not yet in force, revoked (itself or above), expired, or not verifying. */
  async status(grantId: string): Promise<'valid' | 'pending' | 'revoked' | 'expired' | 'invalid'> {
    const g = this.grants.get(grantId);
    if (!g) return 'invalid';
    const now = this.opts.clock().getTime();
    const h = await this.check(grantId);
    if (h && this.inForce(h, now)) return 'valid';
    if (this.chainOf(grantId)?.some((id) => this.revoked.has(id))) return 'revoked';
    if (h && h.from > now) return 'pending';
    return g.payload.exp * 1000 < now ? 'expired' : 'invalid';
  }

  /** Whether a grant not (yet) held would verify on top of the grants held, and is in force now or later: for checking one before storing it. */
  async verifies(doc: GrantDoc): Promise<boolean> {
    const above = doc.payload.parent === null ? [] : this.chainOf(doc.payload.parent);
    if (above === undefined) return false;
    const h = await this.verifyLinks([...above.map((id) => this.grants.get(id)!.jws), doc.jws], doc);
    return h !== null && this.inForce({ ...h, from: -Infinity }, this.opts.clock().getTime());
  }

  /** The grant ids from the root down to `grantId`, or undefined when a parent is missing or the chain loops. */
  chainOf(grantId: string): string[] | undefined {
    const ids: string[] = [];
    for (let id: string | null = grantId; id; ) {
      const g = this.grants.get(id);
      if (!g || ids.includes(id) || ids.length > 4) return undefined;
      ids.unshift(id);
      id = g.payload.parent;
    }
    return ids;
  }

  /** Every verifying holding of the holder, whatever its period. */
  private async verifiedHoldings(holder: RightsHolder): Promise<Holding[]> {
    const out: Holding[] = [];
    for (const g of this.grants.values()) {
      const e = g.payload.grantee;
      if (e.org !== holder.org) continue;
      if ('role' in e && !holder.roles?.includes(e.role)) continue;
      if ('account' in e && e.account !== holder.account) continue;
      const h = await this.check(g.grantId);
      if (h) out.push(h);
    }
    return out;
  }

  private inForce(h: Holding, at: number): boolean {
    const skew = (this.opts.maxSkewSeconds ?? 300) * 1000;
    return at + skew >= h.from && at - skew <= h.until;
  }

  private async check(grantId: string): Promise<Holding | null> {
    const now = Date.now();
    const seen = this.verified.get(grantId);
    if (seen && seen.version === this.version && now - seen.at < RECHECK_MS) return seen.holding;
    const holding = await this.verify(grantId);
    this.verified.set(grantId, { holding, at: now, version: this.version });
    return holding;
  }

  private async verify(grantId: string): Promise<Holding | null> {
    const ids = this.chainOf(grantId);
    return ids
      ? this.verifyLinks(
          ids.map((id) => this.grants.get(id)!.jws),
          this.grants.get(grantId)!,
        )
      : null;
  }

  private async verifyLinks(links: string[], leaf: GrantDoc): Promise<Holding | null> {
    const root = this.opts.rootPem();
    if (!root) return null;
    try {
      const {
        payload: p,
        from,
        until,
      } = await verifyGrantChainWindow(links, {
        rootPem: root,
        isRevoked: (id) => this.revoked.has(id),
        ...(this.opts.isCertRevoked ? { isCertRevoked: this.opts.isCertRevoked } : {}),
      });
      // The document's readable copy must say what the signed grant says.
      if (JSON.stringify(p) !== JSON.stringify(leaf.payload)) return null;
      return {
        grantId: leaf.grantId,
        rights: p.rights,
        subtree: p.subtree,
        categories: p.categories,
        departments: p.departments,
        exp: p.exp,
        from,
        until,
      };
    } catch {
      return null;
    }
  }
}

/** Whether a holding reaches `target`, and the category or department asked about where it is limited to some. */
function covers(h: Holding, target: string, scope: { category?: number; department?: string }): boolean {
  if (!isWithin(target, h.subtree)) return false;
  if (h.categories && scope.category !== undefined && !h.categories.includes(scope.category)) return false;
  if (h.departments && scope.department !== undefined && !h.departments.includes(scope.department)) return false;
  return true;
}
