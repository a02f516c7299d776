const node = { who: 'node', detail: 'an enrolled node: a short RS256 token signed by its key, carrying its certificate chain (x5c) to the district root' };
const anyone = { who: 'anyone' };

/** Every endpoint of the replication protocol the gateway answers; reads are filtered, writes checked per document. */
const GATEWAY: [method: string, path: string, summary: string][] = [
  ['get', '/', 'Server information, with a server uuid of its own for each node'],
  ['get', '/db/', 'Database information'],
  ['get', '/db/_local/{id}', "A replication checkpoint, kept apart per node"],
  ['put', '/db/_local/{id}', "Writes this node's replication checkpoint"],
  ['get', '/db/_changes', "Changes this node may see (normal or longpoll, since, limit, style=all_docs)"],
  ['post', '/db/_revs_diff', 'Which offered revisions the hub lacks (only for documents this node may see)'],
  ['post', '/db/_bulk_docs', 'Writes revisions (new_edits:false); each is checked and refused alone with forbidden'],
  ['post', '/db/_bulk_get', 'Revisions this node may see'],
  ['get', '/db/_all_docs', 'Documents this node may see'],
  ['get', '/db/{id}', 'One document this node may see (revs, open_revs, latest)'],
  ['get', '/db/{id}/{attachment}', "An attachment of a document this node may see"],
];

/** The hub's OpenAPI document: who may call each of its endpoints (`x-access`). The identity service publishes its own. */
export function hubOpenApi(district: string): object {
  const paths: Record<string, Record<string, object>> = {
    '/healthz': { get: { summary: 'Liveness, store kind, whether the visibility index is built', 'x-access': anyone, responses: { 200: { description: 'OK' } } } },
    '/openapi.json': { get: { summary: 'This document', 'x-access': anyone, responses: { 200: { description: 'OK' } } } },
    '/metrics': {
      get: {
        summary: 'Metrics in Prometheus text format (0.0.4)',
        'x-access': { who: 'scraper', detail: 'a direct request from loopback or an address in HUB_METRICS_ALLOW, or a bearer HUB_METRICS_TOKEN' },
        security: [{}, { metricsToken: [] }],
        responses: { 200: { description: 'OK' }, 403: { description: 'not a configured scraper' } },
      },
    },
    '/identity/{path}': { post: { summary: 'The identity service (see /identity/openapi.json for each endpoint and who may call it)', 'x-access': { who: 'see /identity/openapi.json' }, responses: { 200: { description: 'OK' } } } },
    '/.well-known/jwks.json': { get: { summary: "The identity service's public keys", 'x-access': anyone, responses: { 200: { description: 'OK' } } } },
  };
  for (const [method, path, summary] of GATEWAY) {
    paths[path] ??= {};
    paths[path][method] = { summary, tags: ['sync gateway'], 'x-access': node, security: [{ nodeToken: [] }], responses: { 200: { description: 'OK' }, 401: { description: 'not an enrolled node of this district' } } };
  }
  return {
    openapi: '3.1.0',
    info: { title: `hallnet hub ${district}`, version: '0.1.0' },
    components: { securitySchemes: { nodeToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (RS256, x5c)' }, metricsToken: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
