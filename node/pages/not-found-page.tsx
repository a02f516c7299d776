import { Layout, type NavKey } from './layout.js';
import type { PageContext } from './page-context.js';

/** The page for an unknown matter, case link or address: an address that is no page marks no navigation entry as current. */
export function NotFoundPage({
  ctx,
  what,
  nav,
  back = '/',
}: {
  ctx: PageContext;
  what: string;
  nav?: NavKey;
  back?: string;
}) {
  return (
    <Layout ctx={ctx} title="未找到" {...(nav ? { nav } : {})}>
      <p class="message message-info">{what}</p>
      <a class="button secondary" href={back}>
        返回
      </a>
    </Layout>
  );
}
