import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { HallnetError } from '../../sync/index.js';

/** What a rating token lets its holder rate, and through which channel. */
export const ratingGrantSchema = z.discriminatedUnion('k', [
  z.object({
    k: z.literal('case'),
    id: z.string().min(1).max(100),
    via: z.enum(['sms', 'device']),
    w: z.string().max(20).optional(),
    exp: z.number().int(),
    n: z.string().max(24),
  }),
  z.object({
    k: z.literal('visit'),
    id: z.string().min(1).max(30),
    via: z.literal('device'),
    w: z.string().max(20),
    exp: z.number().int(),
    n: z.string().max(24),
  }),
]);
export type RatingGrant = z.infer<typeof ratingGrantSchema>;

const MAX_TOKEN = 400;

/**
 * Signed rating tokens: the SMS link's and the window device's. A token names one case or visit
 * and an expiry, signed with a key derived from the node's own private key (HKDF), so only this
 * node makes or accepts them. It is single-use because a subject has one rating id. A token that
 * does not verify is answered exactly like a missing one, so guessing gets nowhere.
 */
export class RatingLinks {
  private readonly key: Uint8Array;

  constructor(nodeKeyPem: string) {
    this.key = new Uint8Array(hkdfSync('sha256', nodeKeyPem, 'hallnet', 'rating links v1', 32));
  }

  sign(grant: Omit<RatingGrant, 'n'>): string {
    const body = Buffer.from(JSON.stringify({ ...grant, n: randomBytes(6).toString('base64url') })).toString(
      'base64url',
    );
    return `${body}.${this.mac(body)}`;
  }

  /** The grant a token carries; ERR_NOT_FOUND when it is not ours, ERR_RATING_LINK_EXPIRED when its time is over. */
  verify(token: string, now: Date): RatingGrant {
    const notFound = () => new HallnetError('ERR_NOT_FOUND', 'no such rating link');
    if (token.length > MAX_TOKEN) throw notFound();
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) throw notFound();
    const expected = new TextEncoder().encode(this.mac(body));
    const given = new TextEncoder().encode(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notFound();
    let grant: RatingGrant;
    try {
      grant = ratingGrantSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    } catch {
      throw notFound();
    }
    if (grant.exp * 1000 < now.getTime()) throw new HallnetError('ERR_RATING_LINK_EXPIRED');
    return grant;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
