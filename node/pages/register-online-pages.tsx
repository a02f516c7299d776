import type { Hono } from 'hono';
import { licenceNumberSchema } from '../../sync/index.js';
import { defaultPlacement } from '../domain/apply-online.js';
import type { NodeEnv } from '../http/env.js';
import type { NodeServices } from '../services.js';
import { LicenceVerifyPage } from './licence-verify-page.js';
import { NotFoundPage } from './not-found-page.js';
import { pageContext } from './page-context.js';
import { PortalApplicationPage } from './portal-application-page.js';
import { PortalApplyPage } from './portal-apply-page.js';
import { PortalLicencesPage } from './portal-licences-page.js';
import { qrSvg } from './qr-svg.js';
import { renderPage } from './render-page.js';

// Case ids are UUIDs; the same rule as the other case pages.
const CASE_ID = /^[A-Za-z0-9-]{1,80}$/;

/** 网上办理 and 电子证照: applying, following an application, the resident's licences, and verifying a licence by its QR code. */
export function registerOnlinePages(app: Hono<NodeEnv>, s: NodeServices): void {
  const ctx = () => pageContext(s);
  app.get('/portal/apply/:code', (c) => {
    const matter = s.reference.catalogue.get(c.req.param('code'));
    if (!matter)
      return renderPage(
        c,
        <NotFoundPage ctx={ctx()} what="没有这个事项。" nav="portal" back="/portal" resident />,
        404,
      );
    const handler = defaultPlacement(matter, s.org);
    return renderPage(
      c,
      <PortalApplyPage
        ctx={ctx()}
        matter={matter}
        departmentName={s.reference.orgName(matter.department)}
        handlerName={s.reference.orgName(handler)}
      />,
    );
  });
  app.get('/portal/applications/:id', (c) => {
    const id = c.req.param('id') ?? '';
    if (!CASE_ID.test(id))
      return renderPage(
        c,
        <NotFoundPage ctx={ctx()} what="没有这个申请。" nav="portal" back="/portal" resident />,
        404,
      );
    return renderPage(c, <PortalApplicationPage ctx={ctx()} caseId={id} />);
  });
  app.get('/portal/licences', (c) => renderPage(c, <PortalLicencesPage ctx={ctx()} />));
  app.get('/licences/verify/:number', async (c) => {
    const number = licenceNumberSchema.safeParse(c.req.param('number'));
    if (!number.success)
      return renderPage(
        c,
        <NotFoundPage ctx={ctx()} what="证照编号无效。" nav="track" back="/track?from=portal" resident />,
        404,
      );
    const { doc, status } = await s.licences.status(number.data);
    const matterName = doc ? s.reference.catalogue.get(doc.matterCode)?.name : undefined;
    return renderPage(
      c,
      <LicenceVerifyPage ctx={ctx()} number={number.data} doc={doc} status={status} matterName={matterName} />,
      doc ? 200 : 404,
    );
  });
  // The QR code a licence carries: its verification page at this hall (any hall answers it the same).
  app.get('/licences/:number/qr.svg', (c) => {
    const number = licenceNumberSchema.safeParse(c.req.param('number'));
    if (!number.success) return c.text('not found', 404);
    const svg = qrSvg(`${new URL(c.req.url).origin}/licences/verify/${number.data}`);
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  });
}
