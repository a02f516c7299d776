import type { Context, Hono } from 'hono';
import { chinaDate, isDistrictCenter, isWithin, matterVersionDocId } from '../../sync/index.js';
import type { NodeEnv } from '../http/env.js';
import type { NodeServices } from '../services.js';
import { registerAssets } from './assets.js';
import { CaseListPage } from './case-list-page.js';
import { CasePage } from './case-page.js';
import { GuideListPage } from './guide-list-page.js';
import { GuidePage } from './guide-page.js';
import { HomePage } from './home-page.js';
import { registerLinkState } from './link-state.js';
import { NoticePage } from './notice-page.js';
import { NotFoundPage } from './not-found-page.js';
import { pageContext } from './page-context.js';
import { PortalCasePage } from './portal-case-page.js';
import { PortalPage } from './portal-page.js';
import { registerSupervisionPages } from './register-supervision-pages.js';
import { registerFloorPages } from './register-floor-pages.js';
import { registerOfficePages } from './register-office-pages.js';
import { registerOnlinePages } from './register-online-pages.js';
import { renderPage } from './render-page.js';
import { CatalogueAtCenterPage, CatalogueEditorPage } from './catalogue-editor-page.js';
import { isCityMatter } from '../domain/is-city-matter.js';
import { CertificatesAtCenterPage, CertificatesPage } from './certificates-page.js';
import { StaffPage } from './staff-page.js';
import { StaffPasswordPage } from './staff-password-page.js';
import { StatusPage } from './status-page.js';
import { TrackPage } from './track-page.js';
import { NOT_PAGES, redirectTrailingSlash } from './trailing-slash.js';
import { WindowPage } from './window-page.js';
import { nodeWarnings } from '../node-warnings.js';

// Case ids are UUIDs; anything else in a page URL is answered as not found before any script runs.
const CASE_ID = /^[A-Za-z0-9-]{1,80}$/;

/**
 * The node's pages, for every role there is so far: the guide (办事指南), the clerk's window,
 * case list and case page, the resident portal, public tracking and the node's status. Public
 * reference data is rendered here; everything else is fetched by the page from the JSON API with
 * the user's own token, so every access check stays the API's.
 */
/** The page a browser gets for an address that is no page of this node (an API caller gets JSON). */
export function pageNotFound(c: Context, s: NodeServices): Response | Promise<Response> | undefined {
  const path = c.req.path;
  if (NOT_PAGES.test(path) || !(c.req.header('accept') ?? '').includes('text/html')) return undefined;
  return renderPage(c, <NotFoundPage ctx={pageContext(s)} what="没有这个页面，请从上方导航进入。" back="/" />, 404);
}

export function registerPages(app: Hono<NodeEnv>, s: NodeServices): void {
  redirectTrailingSlash(app);
  registerAssets(app);
  registerLinkState(app, s);
  const ctx = () => pageContext(s);
  const portal = (c: Context) => c.req.query('from') === 'portal';
  const caseId = (c: Context) => {
    const id = c.req.param('id') ?? '';
    return CASE_ID.test(id) ? id : undefined;
  };
  const noCase = (c: Context, nav: 'cases' | 'portal') =>
    renderPage(
      c,
      <NotFoundPage
        ctx={ctx()}
        what="没有这个办件。"
        nav={nav}
        back={nav === 'portal' ? '/portal' : '/window/cases'}
      />,
      404,
    );

  app.get('/', (c) =>
    renderPage(c, <HomePage ctx={ctx()} matters={s.reference.catalogue.size} cases={s.index.size} />),
  );

  app.get('/guide', (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const department = c.req.query('department') ?? '';
    const categoryNumber = Number(c.req.query('category'));
    const category = s.reference.categories.has(categoryNumber) ? categoryNumber : undefined;
    const known = s.reference.organisations.get(department)?.kind === 'department';
    const matters = s.reference.catalogue.search({
      q,
      ...(known ? { department } : {}),
      ...(category ? { category } : {}),
    });
    const departments = [...s.reference.organisations.values()]
      .filter((o) => o.kind === 'department')
      .sort((a, b) => a.path.localeCompare(b.path));
    const categories = [...s.reference.categories.values()].sort((a, b) => a.number - b.number);
    return renderPage(
      c,
      <GuideListPage
        ctx={ctx()}
        query={{ q, department: known ? department : '', category }}
        matters={matters}
        departments={departments}
        categories={categories}
        orgName={(p) => s.reference.orgName(p)}
        portal={portal(c)}
      />,
    );
  });

  app.get('/guide/:code', (c) => {
    const matter = s.reference.catalogue.get(c.req.param('code'));
    if (!matter)
      return renderPage(
        c,
        <NotFoundPage ctx={ctx()} what="没有这个事项，可能已调整或下线。" nav="guide" back="/guide" />,
        404,
      );
    const categoryName = s.reference.categories.get(matter.category)?.name;
    return renderPage(
      c,
      <GuidePage
        ctx={ctx()}
        matter={matter}
        departmentName={s.reference.orgName(matter.department)}
        categoryName={categoryName}
        portal={portal(c)}
      />,
    );
  });
  // A blank form or sample of the version in force, from this hall's replica (offline too).
  app.get('/guide/:code/files/:fileId', async (c) => {
    const matter = s.reference.catalogue.get(c.req.param('code'));
    const file = matter?.files?.find((f) => f.id === c.req.param('fileId'));
    const bytes =
      matter && file
        ? await s.db.getAttachment(matterVersionDocId(matter.code, matter.version), file.id).catch(() => undefined)
        : undefined;
    if (!matter || !file || !bytes)
      return renderPage(
        c,
        <NotFoundPage ctx={ctx()} what="没有这个表格，可能已随事项调整。" nav="guide" back="/guide" />,
        404,
      );
    const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[file.contentType];
    return c.body(new Uint8Array(bytes as Buffer), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.id}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${file.title}.${ext}`)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
  });

  app.get('/window', async (c) => {
    const code = c.req.query('matter');
    return renderPage(
      c,
      <WindowPage
        ctx={ctx()}
        matter={code && s.reference.catalogue.get(code) ? code : undefined}
        warnings={await nodeWarnings(s)}
      />,
    );
  });
  app.get('/window/notice/:id', (c) => {
    const id = caseId(c);
    return id ? renderPage(c, <NoticePage ctx={ctx()} caseId={id} />) : noCase(c, 'cases');
  });
  app.get('/window/cases', (c) => renderPage(c, <CaseListPage ctx={ctx()} />));
  app.get('/window/cases/:id', (c) => {
    const id = caseId(c);
    return id ? renderPage(c, <CasePage ctx={ctx()} caseId={id} />) : noCase(c, 'cases');
  });

  app.get('/track', (c) =>
    renderPage(c, <TrackPage ctx={ctx()} code={(c.req.query('code') ?? '').slice(0, 20)} portal={portal(c)} />),
  );

  app.get('/portal', (c) => renderPage(c, <PortalPage ctx={ctx()} />));
  app.get('/portal/cases/:id', (c) => {
    const id = caseId(c);
    return id ? renderPage(c, <PortalCasePage ctx={ctx()} caseId={id} />) : noCase(c, 'portal');
  });

  app.get('/status', async (c) => renderPage(c, <StatusPage ctx={ctx()} warnings={await nodeWarnings(s)} />));

  registerFloorPages(app, s);
  registerOfficePages(app, s);
  registerSupervisionPages(app, s);
  registerOnlinePages(app, s);
  app.get('/staff', (c) => {
    // The organisations this node's admins may put staff in: the node's own and those below it.
    const orgs = [...s.reference.organisations.values()]
      .filter((o) => isWithin(o.path, s.org))
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((o) => ({ path: o.path, name: o.name }));
    return renderPage(c, <StaffPage ctx={ctx()} orgs={orgs} />);
  });
  app.get('/certificates', (c) =>
    isDistrictCenter(s.org)
      ? renderPage(c, <CertificatesPage ctx={ctx()} />)
      : renderPage(c, <CertificatesAtCenterPage ctx={ctx()} centerName={s.reference.orgName(s.org.split('/')[0]!)} />),
  );
  app.get('/staff/password', (c) => renderPage(c, <StaffPasswordPage ctx={ctx()} />));
  app.get('/catalogue/edit', (c) => {
    if (!isDistrictCenter(s.org)) {
      const centerName = s.reference.orgName(s.org.split('/')[0]!);
      return renderPage(c, <CatalogueAtCenterPage ctx={ctx()} centerName={centerName} />);
    }
    const matters = s.reference.catalogue.search({});
    const all = matters.map(({ code, name, scope }) => ({ code, name, scope }));
    const departments = [...s.reference.organisations.values()]
      .filter((o) => o.kind === 'department' && isWithin(o.path, s.org))
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((o) => ({ path: o.path, name: o.name }));
    const licenceTypes = [
      ...new Map(matters.flatMap((m) => m.issues ?? []).map((i) => [i.licenceType, i.name] as const)),
    ].map(([licenceType, name]) => ({ licenceType, name }));
    return renderPage(
      c,
      <CatalogueEditorPage
        ctx={ctx()}
        matters={all.filter((m) => !isCityMatter(m, s.org))}
        cityMatters={all.filter((m) => isCityMatter(m, s.org))}
        departments={departments}
        licenceTypes={licenceTypes}
        today={chinaDate(s.clock())}
      />,
    );
  });
}
