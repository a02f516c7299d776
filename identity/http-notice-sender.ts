import { HallnetError } from '../sync/index.js';
import type { NoticeSender } from './notice-sender.js';

/** Where and how the HTTP sender reaches the SMS gateway. */
export interface HttpNoticeSenderOptions {
  /** The SMS gateway's endpoint; each notice is POSTed to it as JSON `{ phone, template, params }`. */
  url: string;
  /** Sent with every request, e.g. the gateway's API key. */
  headers?: Record<string, string>;
  /** Default 5000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A NoticeSender that POSTs each notice as JSON to an SMS gateway and wants a 2xx back. */
export function createHttpNoticeSender(opts: HttpNoticeSenderOptions): NoticeSender {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch (cause) {
    throw new HallnetError('ERR_CONFIG', `SMS gateway url ${JSON.stringify(opts.url)} is not a URL`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new HallnetError('ERR_CONFIG', 'SMS gateway url must be http or https');
  const timeoutMs = opts.timeoutMs ?? 5000;
  const doFetch = opts.fetch ?? fetch;
  return {
    async send(notice) {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(notice.id ? { 'idempotency-key': notice.id } : {}),
            ...opts.headers,
          },
          body: JSON.stringify({
            ...(notice.id ? { id: notice.id } : {}),
            phone: notice.phone,
            template: notice.template,
            params: notice.params,
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        throw new HallnetError('ERR_NOTICE_FAILED', `SMS gateway unreachable: ${(cause as Error).message}`, { cause });
      }
      // Drained so the connection can be reused; the gateway's answer carries nothing we need.
      await res.body?.cancel();
      if (!res.ok) throw new HallnetError('ERR_NOTICE_FAILED', `SMS gateway answered ${res.status}`);
    },
  };
}
