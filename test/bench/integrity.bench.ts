import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import pino from 'pino';
import { acceptCase } from '../../node/domain/accept-case.js';
import { GroupCommit } from '../../node/store/group-commit.js';
import { hubWritePolicy } from '../../hub/gateway/hub-write-policy.js';
import { createPouchStore } from '../../hub/store/pouch-store.js';
import { caseDoc, testReference, withEvent } from '../../hub/testing/hub-fixtures.js';
import { hubAs } from '../../hub/testing/replica.js';
import { serveGateway } from '../../hub/testing/serve-gateway.js';
import { testNode, testSigner } from '../../hub/testing/test-signers.js';
import { checkWrite, DEFAULT_WRITE_BOUNDS, HallnetError, type CaseDoc, type WriteContext } from '../../sync/index.js';
import { verifySignature } from '../../sync/node-only.js';
import { APPLICANT } from '../support/fixtures.js';
import { startTestNode } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { report } from './report.js';

const CASES = 2_000;
const CONCURRENCY = 16;
const RULE_CASES = 2_000;
const SYNC_DOCS = 10_000;
const HALL = 'dongcheng/jingshan/huangchenggen';

/**
 * What proving every write costs (issue "every write proven"): accepting cases at a node with every
 * event signed and every write checked against the district's rule, against storing the same unsigned
 * documents; the hub's write rule in events verified per second, against bare RSA verifications; and
 * pushing 10,000 signed cases through the gateway's rule, against PouchDB-to-PouchDB on disk.
 */
export async function runIntegrityBench(): Promise<void> {
  await acceptSignedVsUnsigned();
  await ruleThroughput();
  await pushThroughRule();
}

async function acceptSignedVsUnsigned(): Promise<void> {
  const dir = tempDir('hallnet-bench-integrity-');
  const node = await startTestNode(join(dir.path, 'node'), 'dongcheng/jingshan', { seed: true });
  try {
    const s = node.services;
    const matter = s.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const ctx = {
      matter,
      org: s.org,
      level: s.level,
      actor: { id: 'staff:bench', org: s.org },
      now: new Date(),
      calendar: s.reference.calendar,
    };
    const make = () => acceptCase({ matterCode: matter.code, applicant: APPLICANT, received, channel: 'window' }, ctx);
    const timed = async (write: () => Promise<unknown>) => {
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < CASES) await write();
        }),
      );
      return CASES / ((performance.now() - t) / 1000);
    };
    // The same replica, the same group commit (one fsync per batch): only the signing and the rule differ.
    const group = new GroupCommit(s.db);
    const unsigned = await timed(() => group.put(make()));
    const signed = await timed(() => s.cases.create(make()));
    report('integrity.accept_signed_checked', signed, 'cases/s');
    report('integrity.accept_unsigned_put', unsigned, 'cases/s');
    report('integrity.accept_signed_vs_unsigned', signed / unsigned, 'ratio');
  } finally {
    await node.close();
    dir.remove();
  }
}

async function ruleThroughput(): Promise<void> {
  const writer = testNode(HALL);
  const ctx: WriteContext = {
    now: new Date(),
    bounds: DEFAULT_WRITE_BOUNDS,
    matter: testReference.matter,
    caseDoc: async () => undefined,
    doc: async () => undefined,
    applicantOf: async () => undefined,
    rating: async () => undefined,
    grant: () => undefined,
    grantVerifies: async () => false,
    orgName: (p) => p,
    verify: (kid, input, sig) => kid === writer.key.kid && verifySignature(writer.key.publicKey, input, sig),
  };
  // Cases of five events each, as a hall pushes them after a morning offline.
  const docs: CaseDoc[] = Array.from({ length: RULE_CASES }, () => {
    let d = caseDoc({ scope: HALL });
    for (let i = 0; i < 4; i++) d = withEvent(d, HALL);
    return d;
  });
  const events = docs.reduce((n, d) => n + d.events.length, 0);
  const t = performance.now();
  const decisions = [];
  for (const d of docs) decisions.push(await checkWrite({ org: writer.org, kid: writer.key.kid }, d, undefined, ctx));
  const ruleSeconds = (performance.now() - t) / 1000;
  const refused = decisions.filter((x) => !x.ok).length;
  if (refused) throw new HallnetError('ERR_INTERNAL', `${refused} bench cases refused`);
  // Baseline: the bare RSA verifications those events need, nothing else.
  const signer = testSigner(HALL);
  const input = 'x'.repeat(400);
  const [one] = signer.signEvents('case:x', docs[0]!, [
    { id: randomUUID(), at: new Date().toISOString(), actor: { id: 'a', org: HALL }, kind: 'completed' },
  ]);
  const t2 = performance.now();
  for (let i = 0; i < events; i++) verifySignature(signer.publicKey, input, one!.sig);
  const bareSeconds = (performance.now() - t2) / 1000;
  report('integrity.rule_events_verified', events / ruleSeconds, 'events/s');
  report('integrity.bare_rsa_verify', events / bareSeconds, 'verifies/s');
  report('integrity.rule_vs_bare_verify', bareSeconds / ruleSeconds, 'ratio');
}

async function pushThroughRule(): Promise<void> {
  const dir = tempDir('hallnet-bench-integrity-push-');
  const store = await createPouchStore({ dir: join(dir.path, 'store') });
  const hub = await serveGateway({
    store,
    authenticate: async () => testNode(HALL),
    mayWrite: hubWritePolicy({ reference: testReference }),
    logger: pino({ enabled: false }),
  });
  const source = new PouchDB(join(dir.path, 'source'));
  const target = new PouchDB(join(dir.path, 'target'));
  try {
    for (let i = 0; i < SYNC_DOCS; i += 1000)
      await source.bulkDocs(Array.from({ length: 1000 }, () => caseDoc({ scope: HALL })));
    const t = performance.now();
    const pushed = await source.replicate.to(hubAs(hub.dbUrl, 'bench'), { batch_size: 500 });
    const gatewaySeconds = (performance.now() - t) / 1000;
    if (pushed.docs_written !== SYNC_DOCS)
      throw new HallnetError('ERR_INTERNAL', `pushed ${pushed.docs_written} of ${SYNC_DOCS}`);
    const t2 = performance.now();
    await source.replicate.to(target, { batch_size: 500 });
    const pouchSeconds = (performance.now() - t2) / 1000;
    report('integrity.push_10000_signed_via_gateway', SYNC_DOCS / gatewaySeconds, 'docs/s');
    report('integrity.push_10000_pouch_to_pouch', SYNC_DOCS / pouchSeconds, 'docs/s');
    report('integrity.push_gateway_vs_pouch', pouchSeconds / gatewaySeconds, 'ratio');
  } finally {
    await source.close();
    await target.close();
    await hub.close();
    await store.close();
    dir.remove();
  }
}
