import type { Context, Hono } from 'hono';
import type { NodeEnv } from '../http/env.js';
import type { NodeServices } from '../services.js';
import { CallingScreenPage } from './calling-screen-page.js';
import { hasHallFloor } from './hall-floor.js';
import { KioskPage } from './kiosk-page.js';
import { NoFloorPage } from './no-floor-page.js';
import { NotFoundPage } from './not-found-page.js';
import { pageContext } from './page-context.js';
import { qrSvg } from './qr-svg.js';
import { QueuePanelPage } from './queue-panel-page.js';
import { renderPage } from './render-page.js';
import { TicketPage } from './ticket-page.js';
import { WindowSetupPage } from './window-setup-page.js';

// The queue's ids, as node/queue/random-id.ts makes them.
const TICKET_ID = /^\d{8}-[0-9A-Z]{10}$/;

/**
 * The hall floor's pages: the ticket machine, the calling screen, a resident's own ticket with its
 * QR code, the window clerk's queue panel and the director's window setup.
 */
export function registerFloorPages(app: Hono<NodeEnv>, s: NodeServices): void {
  const ctx = () => pageContext(s);
  const categories = () =>
    [...s.reference.categories.values()]
      .sort((a, b) => a.number - b.number)
      .map(({ number, name }) => ({ number, name }));
  const ticketId = (c: Context) => {
    const id = c.req.param('id') ?? '';
    return TICKET_ID.test(id) ? id : undefined;
  };

  app.get('/queue/kiosk', (c) =>
    renderPage(
      c,
      hasHallFloor(ctx().kind) ? (
        <KioskPage ctx={ctx()} categories={categories()} />
      ) : (
        <NoFloorPage ctx={ctx()} variant="kiosk" />
      ),
    ),
  );
  app.get('/queue/screen', (c) =>
    renderPage(
      c,
      hasHallFloor(ctx().kind) ? <CallingScreenPage ctx={ctx()} /> : <NoFloorPage ctx={ctx()} variant="screen" />,
    ),
  );
  app.get('/queue/ticket/:id', (c) => {
    const id = ticketId(c);
    if (!id)
      return renderPage(
        c,
        <NotFoundPage ctx={ctx()} what="没有这个排队号，请核对号票上的二维码或链接。" back="/portal" resident />,
        404,
      );
    return renderPage(c, <TicketPage ctx={ctx()} ticketId={id} />);
  });
  // The slip's QR code: the address of the ticket's page at this hall, drawn by the node itself.
  app.get('/queue/ticket/:id/qr.svg', (c) => {
    const id = ticketId(c);
    if (!id) return c.text('not found', 404);
    const svg = qrSvg(`${new URL(c.req.url).origin}/queue/ticket/${id}`);
    return c.body(svg, 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
    });
  });
  app.get('/window/queue', (c) => renderPage(c, <QueuePanelPage ctx={ctx()} />));
  app.get('/window/queue/setup', (c) => renderPage(c, <WindowSetupPage ctx={ctx()} categories={categories()} />));
}
