import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { PORTAL_LICENCES_PAGE as P } from './ids/online-ids.js';

/** `/portal/licences`: the resident's electronic licences and the materials he handed in before, with their levels (一表一库; browser/portal-licences.ts). */
export function PortalLicencesPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="我的证照和材料" nav="portal" variant="phone" scripts={['portal-licences']}>
      <div id={P.libMsg} hidden />
      <section class="card" aria-labelledby={P.licencesTitle}>
        <h2 id={P.licencesTitle}>电子证照</h2>
        <p class="hint">办理其他事项需要这些证照时，直接使用电子证照，免于提交纸质材料。扫码可核验证照是否有效。</p>
        <ul id={P.licencesList} class="plain licence-list" />
      </section>
      <section class="card" aria-labelledby={P.materialsTitle}>
        <h2 id={P.materialsTitle}>已提交过的材料</h2>
        <p class="hint">
          A 级：电子证照；B 级：窗口已核验原件，可免提交；C 级：网上上传，使用前须到窗口核验原件；D 级：告知承诺。
        </p>
        <ul id={P.materialsList} class="plain" />
      </section>
      <p>
        <a class="button secondary" href="/portal">
          返回
        </a>
      </p>
    </Layout>
  );
}
