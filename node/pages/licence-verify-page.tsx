import type { LicenceDoc } from '../../sync/index.js';
import { formatDateTime } from './format.js';
import { LABELS } from './labels.js';
import { Layout } from './layout.js';
import type { LicenceStatus } from '../licences/licence-check.js';
import type { PageContext } from './page-context.js';

/**
 * `/licences/verify/:number`, what a licence's QR code opens: whether it is valid, checked by this
 * hall offline against the register (seal, issuing node, revocation, validity), and what it is —
 * never who holds it. Rendered on the server: it works on any phone, without script.
 */
export function LicenceVerifyPage({
  ctx,
  number,
  doc,
  status,
  matterName,
}: {
  ctx: PageContext;
  number: string;
  doc: LicenceDoc | undefined;
  status: LicenceStatus;
  matterName: string | undefined;
}) {
  const valid = status === 'valid';
  const date = (iso: string | undefined) => (iso ? formatDateTime(iso).slice(0, 10) : '长期有效');
  return (
    <Layout ctx={ctx} title="电子证照核验" nav="track" variant="phone">
      <section class="card" aria-labelledby="verify-title">
        <h2 id="verify-title">电子证照核验</h2>
        <p id="verify-status" class={`message ${valid ? 'message-ok' : 'message-error'}`} role="status">
          {valid
            ? '有效：证照真实，印章核验通过，在有效期内。'
            : `无效：${(LABELS.lapse as Record<string, string>)[status] ?? status}`}
        </p>
        <dl class="facts" id="verify-facts">
          <dt>证照编号</dt>
          <dd>{number}</dd>
          {doc ? (
            <>
              <dt>证照名称</dt>
              <dd>{doc.licenceName}</dd>
              <dt>办理事项</dt>
              <dd>{matterName ?? doc.matterCode}</dd>
              <dt>签发机构</dt>
              <dd>{doc.issuerName}</dd>
              <dt>签发日期</dt>
              <dd>{date(doc.issuedAt)}</dd>
              <dt>有效期至</dt>
              <dd>{date(doc.validUntil)}</dd>
              {doc.revoked ? (
                <>
                  <dt>吊销日期</dt>
                  <dd>{date(doc.revoked.at)}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        <p class="hint">核验结果由{ctx.orgName}依据全区电子证照库离线核验；页面不显示持证人信息。</p>
      </section>
    </Layout>
  );
}
