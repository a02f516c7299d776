import { HallnetError } from '../../sync/index.js';

/** Live streams one address may hold open: every screen and device of a hall behind one NAT stays well under it. */
export const MAX_STREAMS_PER_ADDRESS = 32;

/**
 * Open live streams (Server-Sent Events) per caller address. The screens, the board and the rating
 * devices are open to anyone on the hall's network, and each stream holds a subscription and a
 * socket for as long as the caller keeps it: past `perAddress` a further one is refused 429.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(readonly perAddress: number) {}

  /** Takes a slot for `address`, or throws ERR_RATE_LIMITED; the returned function gives it back (once). */
  take(address: string): () => void {
    const n = this.open.get(address) ?? 0;
    if (n >= this.perAddress)
      throw new HallnetError('ERR_RATE_LIMITED', `more than ${this.perAddress} live streams open from one address`);
    this.open.set(address, n + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    };
  }
}
