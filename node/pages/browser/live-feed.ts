// A live screen's Server-Sent Events (node/http/stream-feed.ts): a snapshot first, then each
// event under its own name, with the feed's own types.

/** A feed's events by SSE name: `snapshot`, then each event kind with the event of that kind. */
export type FeedEvents<S, E extends { kind: string }> = { snapshot: S } & { [K in E['kind']]: Extract<E, { kind: K }> };

/** What a page does with each event it cares about. */
export type FeedHandlers<M> = { [K in keyof M & string]?: (data: M[K]) => void };

/**
 * Follows the feed at `url`; the browser reconnects by itself (the server sends a fresh snapshot).
 * With `status`, its element says `live` while connected and that it reconnects otherwise.
 */
export function liveFeed<M>(
  url: string,
  handlers: FeedHandlers<M>,
  status?: { node: HTMLElement; live: string },
): EventSource {
  const source = new EventSource(url);
  if (status) {
    source.addEventListener('open', () => {
      status.node.textContent = status.live;
      status.node.classList.remove('is-down');
    });
    source.addEventListener('error', () => {
      status.node.textContent = '连接中断，正在重连…';
      status.node.classList.add('is-down');
    });
  }
  for (const [name, handle] of Object.entries(handlers) as [string, ((data: unknown) => void) | undefined][]) {
    source.addEventListener(name, (m) => handle?.(JSON.parse((m as MessageEvent<string>).data)));
  }
  return source;
}
