import { LiveFeed, type FeedListener } from '../supervision/live-feed.js';

/** How long the window's device offers a rating before the clerk has to ask again. */
export const DEVICE_REQUEST_MINUTES = 10;

/** What a window's rating device is offering: what to rate, and (kept at the node) the token that rates it. Never a rating. */
export interface DeviceRequest {
  window: string;
  windowName: string;
  /** Single-use; never leaves the node: the paired device rates through its window's endpoint. */
  token: string;
  ratingId: string;
  kind: 'case' | 'visit';
  /** The matter's name, or the ticket's number and category. */
  title: string;
  offeredAt: string;
  expiresAt: string;
}

/** What the device is shown of a request: everything but its token. */
export type DeviceOffer = Omit<DeviceRequest, 'token'>;

/** What a device's live feed carries. */
export type DeviceEvent =
  | { kind: 'request'; request: DeviceOffer }
  | { kind: 'cleared'; window: string; reason: 'rated' | 'expired' | 'replaced' };

const shown = ({ token: _t, ...offer }: DeviceRequest): DeviceOffer => offer;

/**
 * 评议器: the rating each window's device is offering now, in memory only (a restart simply asks
 * the clerk to press again), with a live feed per window for the device page.
 */
export class DeviceRequests {
  private readonly pending = new Map<string, DeviceRequest>();
  private readonly feeds = new Map<string, LiveFeed<DeviceEvent>>();

  constructor(private readonly clock: () => Date) {}

  offer(request: DeviceRequest): void {
    if (this.pending.has(request.window))
      this.feed(request.window).publish({ kind: 'cleared', window: request.window, reason: 'replaced' });
    this.pending.set(request.window, request);
    this.feed(request.window).publish({ kind: 'request', request: shown(request) });
  }

  /** What a window's device shows now, if a request is still open. */
  current(window: string): DeviceOffer | undefined {
    const r = this.open(window);
    return r && shown(r);
  }

  /** The token of the request open at `window`, for the paired device's rating. */
  tokenOf(window: string): string | undefined {
    return this.open(window)?.token;
  }

  private open(window: string): DeviceRequest | undefined {
    const r = this.pending.get(window);
    if (r && Date.parse(r.expiresAt) <= this.clock().getTime()) {
      this.pending.delete(window);
      this.feed(window).publish({ kind: 'cleared', window, reason: 'expired' });
      return undefined;
    }
    return r;
  }

  /** The subject was rated (on this device or anywhere else): its device stops offering it. */
  rated(ratingId: string): void {
    for (const [window, r] of this.pending) {
      if (r.ratingId !== ratingId) continue;
      this.pending.delete(window);
      this.feed(window).publish({ kind: 'cleared', window, reason: 'rated' });
    }
  }

  subscribe(window: string, listener: FeedListener<DeviceEvent>): () => void {
    return this.feed(window).subscribe(listener);
  }

  close(): void {
    for (const f of this.feeds.values()) f.close();
    this.feeds.clear();
  }

  private feed(window: string): LiveFeed<DeviceEvent> {
    let f = this.feeds.get(window);
    if (!f) this.feeds.set(window, (f = new LiveFeed()));
    return f;
  }
}
