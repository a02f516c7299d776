/** One Server-Sent Event as received. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * A test's connection to a Server-Sent Events endpoint over real HTTP: it collects events as
 * they come and lets the test wait for the next one of a kind; `onEvent` sees each as it arrives (benches time them).
 */
export async function sseClient(
  url: string,
  onEvent?: (e: SseEvent) => void,
): Promise<{ events: SseEvent[]; next(event: string, timeoutMs?: number): Promise<SseEvent>; close(): void }> {
  const ctrl = new AbortController();
  const res = await fetch(url, { signal: ctrl.signal, headers: { accept: 'text/event-stream' } });
  if (!res.ok || !res.body) throw new Error(`SSE ${url} answered ${res.status}`);
  if (!res.headers.get('content-type')?.startsWith('text/event-stream'))
    throw new Error(`SSE ${url} is ${res.headers.get('content-type')}`);
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let seen = 0;
  (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += value;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const e: SseEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const v = rest.join(':').replace(/^ /, '');
            if (field === 'event') e.event = v;
            else if (field === 'data') data.push(v);
            else if (field === 'id') e.id = v;
          }
          if (!data.length) continue;
          e.data = data.join('\n');
          events.push(e);
          onEvent?.(e);
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    async next(event, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = events.findIndex((e, k) => k >= seen && e.event === event);
        if (i >= 0) {
          seen = i + 1;
          return events[i]!;
        }
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`no ${event} event in ${timeoutMs} ms (got ${events.map((e) => e.event).join(', ')})`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, left);
        });
      }
    },
    close: () => ctrl.abort(),
  };
}
