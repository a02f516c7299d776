import type { Hono } from 'hono';
import type { NodeEnv } from '../http/env.js';
import type { NodeServices } from '../services.js';
import { CommitmentsPage } from './commitments-page.js';
import { InboxPage } from './inbox-page.js';
import { NotFoundPage } from './not-found-page.js';
import { OfficeCasePage } from './office-case-page.js';
import { pageContext } from './page-context.js';
import { renderPage } from './render-page.js';

// Case ids are UUIDs; the same rule as the window's case pages.
const CASE_ID = /^[A-Za-z0-9-]{1,80}$/;

/** 后台分类审批: the back office's inbox and its case page; 告知承诺 核查. */
export function registerOfficePages(app: Hono<NodeEnv>, s: NodeServices): void {
  const ctx = () => pageContext(s);
  app.get('/office', (c) => renderPage(c, <InboxPage ctx={ctx()} />));
  app.get('/office/commitments', (c) => renderPage(c, <CommitmentsPage ctx={ctx()} />));
  app.get('/office/cases/:id', (c) => {
    const id = c.req.param('id') ?? '';
    if (!CASE_ID.test(id))
      return renderPage(c, <NotFoundPage ctx={ctx()} what="没有这个办件。" nav="office" back="/office" />, 404);
    return renderPage(c, <OfficeCasePage ctx={ctx()} caseId={id} />);
  });
}
