import type { Hono } from 'hono';
import { isDistrictCenter } from '../../sync/index.js';
import type { NodeEnv } from '../http/env.js';
import { chinaDate } from '../domain/working-days.js';
import { windowIdSchema } from '../queue/index.js';
import type { NodeServices } from '../services.js';
import { BoardPage } from './board-page.js';
import { NotFoundPage } from './not-found-page.js';
import { pageContext } from './page-context.js';
import { RatingDevicePage } from './rating-device-page.js';
import { RatingLinkPage } from './rating-link-page.js';
import { renderPage } from './render-page.js';
import { SupervisionPage } from './supervision-page.js';

const DAY_MS = 86_400_000;
const TOKEN = /^[A-Za-z0-9_-]{4,300}\.[A-Za-z0-9_-]{20,100}$/;

/**
 * The pages of ratings and supervision: the window's rating device (评议器), the SMS rating link,
 * the traffic-light board for the big screen (红绿灯) and the supervision dashboard (督查考评).
 */
export function registerSupervisionPages(app: Hono<NodeEnv>, s: NodeServices): void {
  const ctx = () => pageContext(s);
  app.get('/rate/window/:window', (c) => {
    const id = windowIdSchema.safeParse(c.req.param('window'));
    const w = id.success ? s.queue.windows().find((x) => x.id === id.data) : undefined;
    if (!w)
      return renderPage(
        c,
        <NotFoundPage
          ctx={ctx()}
          what="没有这个窗口。评议器的地址是 /rate/window/ 加窗口编号（如 w1），请在窗口设置中核对窗口编号。"
          nav="queue"
          back="/window/queue/setup"
        />,
        404,
      );
    return renderPage(c, <RatingDevicePage ctx={ctx()} window={w.id} windowName={w.name} />);
  });
  app.get('/rate/:token', (c) => {
    const token = c.req.param('token');
    if (!TOKEN.test(token))
      return renderPage(
        c,
        <NotFoundPage ctx={ctx()} what="评价链接无效，请核对短信中的链接。" nav="portal" back="/portal" resident />,
        404,
      );
    return renderPage(c, <RatingLinkPage ctx={ctx()} token={token} />);
  });
  app.get('/board', (c) => renderPage(c, <BoardPage ctx={ctx()} yellowHours={s.index.yellowHours} />));
  app.get('/supervision', (c) => {
    const to = chinaDate(s.clock());
    const from = chinaDate(new Date(Date.parse(`${to}T12:00:00+08:00`) - 29 * DAY_MS));
    return renderPage(c, <SupervisionPage ctx={ctx()} from={from} to={to} district={isDistrictCenter(s.org)} />);
  });
}
