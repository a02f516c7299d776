import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDistrictCa } from '../deploy/enroll.js';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { hubConfigFromEnv } from '../hub/hub-config.js';
import { startHub, type RunningHub } from '../hub/start-hub.js';
import { nodeConfigFromEnv } from '../node/config.js';
import { startNode, type RunningNode } from '../node/start-node.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';

const STREET = 'dongcheng/jingshan';
const TOKEN = 'scrape-token-for-tests-0123456789';

/** One scrape: the status, and the samples and `# TYPE`s of the text. */
async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/metrics`, { headers });
  const text = await res.text();
  const types = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  const value = (series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  return { status: res.status, contentType: res.headers.get('content-type'), text, types, value };
}

describe('/metrics of a node and its hub, over real HTTP', () => {
  const dir = tempDir('hallnet-metrics-');
  const lines: Record<string, unknown>[] = [];
  let district: RunningDistrict;

  beforeAll(async () => {
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    district = await startDistrict({ dir: dir.path, nodes: [{ org: STREET }], logger });
    const node = district.nodes.get(STREET)!;
    await eventually(() => node.services.reference.catalogue.size > 40, 20_000, 'catalogue at the node');
  }, 60_000);

  afterAll(async () => {
    await district?.close();
    dir.remove();
  });

  it('a node exposes its sync, queue, case, process and HTTP series with their types', async () => {
    const node = district.nodes.get(STREET)!;
    await node.services.queue.setupWindow('w1', { name: '1号窗口', categories: [1] });
    await node.services.queue.issue({ via: 'walk-in', category: 1 });
    const m = await eventually(
      async () => {
        const s = await scrape(node.url);
        return s.value('hallnet_node_sync_connected') === 1 ? s : undefined;
      },
      20_000,
      'node connected to the hub',
    );
    expect(m.status).toBe(200);
    expect(m.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(Object.fromEntries(m.types)).toMatchObject({
      hallnet_http_requests_total: 'counter',
      hallnet_http_request_duration_seconds: 'histogram',
      hallnet_node_sync_connected: 'gauge',
      hallnet_node_sync_lag_seconds: 'gauge',
      hallnet_node_sync_waiting_up_documents: 'gauge',
      hallnet_node_sync_refused_documents: 'gauge',
      hallnet_node_queue_waiting_tickets: 'gauge',
      hallnet_node_queue_average_wait_seconds: 'gauge',
      hallnet_node_open_cases: 'gauge',
      process_resident_memory_bytes: 'gauge',
      nodejs_eventloop_lag_seconds: 'gauge',
    });
    expect(m.value('hallnet_node_sync_refused_documents')).toBe(0);
    expect(m.value('hallnet_node_sync_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(m.value('hallnet_node_queue_waiting_tickets{category="1",letter="A"}')).toBe(1);
    expect(m.value('hallnet_node_open_cases{light="red"}')).toBe(0);
    expect(m.value('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
  });

  it('counts a request in the route histogram under its route pattern, not its path', async () => {
    const node = district.nodes.get(STREET)!;
    const code = node.services.reference.catalogue.search({})[0]!.code;
    expect((await fetch(`${node.url}/api/catalogue/${encodeURIComponent(code)}`)).status).toBe(200);
    const m = await scrape(node.url);
    expect(m.value('hallnet_http_request_duration_seconds_count{method="GET",route="/api/catalogue/:code"}')).toBe(1);
    expect(
      m.value('hallnet_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/catalogue/:code"}'),
    ).toBe(1);
    expect(m.value('hallnet_http_requests_total{method="GET",route="/api/catalogue/:code",status="200"}')).toBe(1);
    expect(m.text).not.toContain(code);
  });

  it('the hub exposes live node connections, store documents, index lag and the gateway and identity routes', async () => {
    expect((await fetch(`${district.hubUrl}/.well-known/jwks.json`)).status).toBe(200);
    const m = await eventually(
      async () => {
        const s = await scrape(district.hubUrl);
        return (s.value('hallnet_hub_open_longpolls') ?? 0) >= 1 ? s : undefined;
      },
      20_000,
      'a longpoll held open at the hub',
    );
    expect(m.status).toBe(200);
    expect(Object.fromEntries(m.types)).toMatchObject({
      hallnet_http_requests_total: 'counter',
      hallnet_http_request_duration_seconds: 'histogram',
      hallnet_hub_open_longpolls: 'gauge',
      hallnet_hub_active_nodes: 'gauge',
      hallnet_hub_store_documents: 'gauge',
      hallnet_hub_index_lag_changes: 'gauge',
      hallnet_hub_index_lag_seconds: 'gauge',
      process_resident_memory_bytes: 'gauge',
      nodejs_eventloop_lag_seconds: 'gauge',
    });
    expect(m.value('hallnet_hub_active_nodes')).toBe(1);
    expect(m.value('hallnet_hub_store_documents{store="pouch"}')).toBeGreaterThan(50);
    expect(m.value('hallnet_hub_index_ready')).toBe(1);
    expect(m.text).toMatch(/^hallnet_http_requests_total\{method="GET",route="\/db\/_changes",status="200"\} [1-9]/m);
    // The node's pull of the seed; the `_revs_diff` that offered it back is answered at the node now.
    expect(m.text).toMatch(/^hallnet_http_requests_total\{method="POST",route="\/db\/_bulk_get",status="200"\} [1-9]/m);
    expect(m.text).toMatch(
      /^hallnet_http_requests_total\{method="GET",route="\/\.well-known\/jwks\.json",status="200"\} 1$/m,
    );
  });

  it('the hub logs one JSON line per request, with its request id', async () => {
    const res = await fetch(`${district.hubUrl}/healthz`, { headers: { 'x-request-id': 'probe-42' } });
    expect(res.headers.get('x-request-id')).toBe('probe-42');
    const line = await eventually(
      () => lines.find((l) => l.part === 'hub' && l.msg === 'request' && l.requestId === 'probe-42'),
      5_000,
      'the request line',
    );
    expect(line).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
    expect(
      lines.some(
        (l) => l.part === 'hub' && l.msg === 'request' && l.path === '/db/_changes' && typeof l.requestId === 'string',
      ),
    ).toBe(true);
  });

  it('refuses a request that came through a proxy, even from loopback', async () => {
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    const node = await scrape(district.nodes.get(STREET)!.url, proxied);
    expect(node.status).toBe(403);
    expect(JSON.parse(node.text).error.code).toBe('ERR_FORBIDDEN');
    expect((await scrape(district.hubUrl, proxied)).status).toBe(403);
  });
});

describe('/metrics with scrapers configured from the environment', () => {
  const dir = tempDir('hallnet-metrics-access-');
  let hub: RunningHub;
  let node: RunningNode;

  beforeAll(async () => {
    const ca = initDistrictCa(join(dir.path, 'hub'), 'dongcheng', '东城区 CA');
    const hubEnv = {
      HUB_DATA: join(dir.path, 'hub'),
      HUB_PORT: '0',
      HUB_SEED: '0',
      LOG_LEVEL: 'silent',
      HUB_METRICS_ALLOW: '',
      HUB_METRICS_TOKEN: TOKEN,
    };
    hub = await startHub(hubConfigFromEnv(hubEnv), { rootPem: ca.chainPem[0]!, logger: pino({ level: 'silent' }) });
    const nodeEnv = {
      HALLNET_DATA: join(dir.path, 'node'),
      HALLNET_PORT: '0',
      HALLNET_SEED: '0',
      LOG_LEVEL: 'silent',
      HALLNET_METRICS_ALLOW: '10.20.0.5',
      HALLNET_METRICS_TOKEN: TOKEN,
    };
    node = await startNode(nodeConfigFromEnv(nodeEnv), { logger: pino({ level: 'silent' }) });
  }, 60_000);

  afterAll(async () => {
    await node?.close();
    await hub?.close();
    dir.remove();
  });

  it('refuses loopback when it is not listed, and a wrong token', async () => {
    for (const url of [hub.url, node.url]) {
      expect((await scrape(url)).status).toBe(403);
      expect((await scrape(url, { authorization: 'Bearer scrape-token-for-tests-012345678X' })).status).toBe(403);
    }
  });

  it('admits the bearer of HALLNET_METRICS_TOKEN / HUB_METRICS_TOKEN', async () => {
    for (const url of [hub.url, node.url]) {
      const m = await scrape(url, { authorization: `Bearer ${TOKEN}` });
      expect(m.status).toBe(200);
      expect(m.types.get('process_resident_memory_bytes')).toBe('gauge');
    }
    expect((await scrape(node.url, { authorization: `Bearer ${TOKEN}` })).value('hallnet_node_sync_connected')).toBe(0);
  });

  it("shows /metrics and who may read it in the node's and the hub's OpenAPI documents", async () => {
    const nodeDoc = await (await fetch(`${node.url}/openapi.json`)).json();
    expect(nodeDoc.paths['/metrics'].get['x-access']).toEqual({ who: 'scraper' });
    expect(nodeDoc.paths['/metrics'].get.description).toContain('HALLNET_METRICS_ALLOW');
    const hubDoc = await (await fetch(`${hub.url}/openapi.json`)).json();
    expect(hubDoc.paths['/metrics'].get['x-access'].who).toBe('scraper');
  });
});
