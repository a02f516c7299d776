import { z } from 'zod';
import { describeAccess } from './principal.js';
import type { RouteSpec } from './define-routes.js';

/** The OpenAPI 3.1 document of the declared routes, with who may call each one (`x-access`). */
export function openApiDocument(title: string, specs: readonly RouteSpec[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const s of specs) {
    const path = s.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...s.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = s.query ? queryParameters(s.query) : [];
    paths[path] ??= {};
    paths[path][s.method] = {
      summary: s.summary,
      tags: [s.tag],
      description: `Who may call: ${describeAccess(s.access)}${s.right ? `, holding the right ${s.right}` : ''}.`,
      'x-access': s.access,
      ...(s.right ? { 'x-right': s.right } : {}),
      ...(s.access.who === 'anyone' ? {} : { security: s.access.who === 'scraper' ? [{}, { bearer: [] }] : [{ bearer: [] }] }),
      parameters: [...params, ...query],
      ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(s.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: { 200: { description: 'OK' }, 400: { description: 'invalid input, with the field and the reason' } },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title, version: '0.1.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

function queryParameters(schema: z.ZodType): object[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }));
}
