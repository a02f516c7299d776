import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { tempDir } from './support/temp-dir.js';

const STREET = 'dongcheng/jingshan';
const WHO = [
  'anyone',
  'resident',
  'signed-in',
  'staff',
  'resident-or-staff',
  'node',
  'node-for-resident',
  'scraper',
  'device',
];

interface Operation {
  'x-access'?: { who: string };
  description?: string;
  parameters?: { name: string; in: string }[];
  responses: Record<string, { description: string }>;
}
interface OpenApiDocument {
  openapi: string;
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
}

/** The three servers' documents, as a client reads them over HTTP. */
describe('the OpenAPI documents of a node, the identity service and the hub', () => {
  const dir = tempDir('hallnet-openapi-');
  let district: RunningDistrict;
  const docs: Record<string, OpenApiDocument> = {};

  beforeAll(async () => {
    district = await startDistrict({ dir: dir.path, nodes: [{ org: STREET }] });
    const get = async (url: string) => (await (await fetch(url)).json()) as OpenApiDocument;
    docs.node = await get(`${district.nodes.get(STREET)!.url}/openapi.json`);
    docs.identity = await get(`${district.hubUrl}/identity/openapi.json`);
    docs.hub = await get(`${district.hubUrl}/openapi.json`);
  }, 60_000);

  afterAll(async () => {
    await district?.close();
    dir.remove();
  });

  it('come from the same route layer: one security scheme, the same wording of who may call and of the answers', () => {
    for (const [name, doc] of Object.entries(docs)) {
      expect(doc.openapi, name).toBe('3.1.0');
      expect(doc.components.securitySchemes, name).toEqual({
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      });
      const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
      expect(ops.length, name).toBeGreaterThan(5);
      for (const op of ops) {
        expect(op.description, name).toMatch(/^Who may call: .+\.$/);
        expect(op.responses['400']?.description, name).toBe(
          'invalid input: each field with its reason in English and Chinese',
        );
      }
    }
  });

  it('say for every operation who may call it, and declare every path parameter', () => {
    for (const [name, doc] of Object.entries(docs)) {
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const where = `${name} ${method} ${path}`;
          expect(WHO, where).toContain(op['x-access']?.who);
          const declared = (op.parameters ?? [])
            .filter((p) => p.in === 'path')
            .map((p) => p.name)
            .sort();
          expect(declared, where).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
        }
      }
    }
    expect(docs.hub!.paths['/db/_bulk_docs']!.post!['x-access']).toEqual({ who: 'node' });
    expect(docs.hub!.paths['/api/track/{code}']!.get!['x-access']).toEqual({ who: 'node' });
    expect(docs.hub!.paths['/api/my/cases']!.get!['x-access']).toEqual({ who: 'node-for-resident' });
    expect(docs.node!.paths['/api/cases/{id}/events']!.post!['x-access']).toEqual({
      who: 'staff',
      roles: ['clerk', 'back-office', 'director'],
    });
    expect(docs.identity!.paths['/identity/keys/rotate']!.post!['x-access']).toEqual({
      who: 'staff',
      roles: ['admin'],
      at: 'district',
    });
  });
});
