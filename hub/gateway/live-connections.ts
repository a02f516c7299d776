import type { NodeIdentity } from './gateway-types.js';

/**
 * What the gateway knows of the nodes talking to it, for the operators: the longpoll `_changes`
 * requests held open now (each a node waiting live), and when each node last made a request.
 */
export class LiveConnections {
  private open = 0;
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Notes a request from `node`. */
  seen(node: NodeIdentity): void {
    this.lastSeen.set(`${node.org}\n${node.node}`, this.now());
  }

  /** Counts a longpoll as open; call what it returns (once or more) when it ends. */
  longpollOpened(): () => void {
    this.open++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.open--;
    };
  }

  /** Longpolls held open now. */
  get openLongpolls(): number {
    return this.open;
  }

  /** Distinct nodes that made a request within the last `windowMs`; older entries are forgotten. */
  activeNodes(windowMs: number): number {
    const since = this.now() - windowMs;
    let n = 0;
    for (const [key, at] of this.lastSeen) {
      if (at >= since) n++;
      else this.lastSeen.delete(key);
    }
    return n;
  }
}
