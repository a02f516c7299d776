import { Layout, type NavKey } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * The page for an unknown matter, case link or address: an address that is no page marks no
 * navigation entry as current. Where a resident arrives (an SMS link, a slip's QR code, the portal)
 * it is the phone page with the resident's navigation, as the page he looked for would have been.
 */
export function NotFoundPage({
  ctx,
  what,
  nav,
  back = '/',
  resident = false,
}: {
  ctx: PageContext;
  what: string;
  nav?: NavKey;
  back?: string;
  resident?: boolean;
}) {
  return (
    <Layout ctx={ctx} title="未找到" variant={resident ? 'phone' : 'desk'} {...(nav ? { nav } : {})}>
      <p class="message message-info">{what}</p>
      <a class="button secondary" href={back}>
        返回
      </a>
    </Layout>
  );
}
