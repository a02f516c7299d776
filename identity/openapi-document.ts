import { z } from 'zod';
import { describeAccess } from './access.js';
import type { RouteSpec } from './define-routes.js';

/** The OpenAPI 3.1 document of the declared identity routes, with who may call each one (`x-access`). */
export function openApiDocument(title: string, specs: readonly RouteSpec[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const s of specs) {
    paths[s.path] ??= {};
    paths[s.path]![s.method] = {
      summary: s.summary,
      tags: [s.tag],
      description: `Who may call: ${describeAccess(s.access)}.`,
      'x-access': s.access,
      ...(s.access.who === 'anyone' || s.access.who === 'node' ? {} : { security: [{ bearer: [] }] }),
      parameters: s.query ? queryParameters(s.query) : [],
      ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(s.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: {
        200: { description: 'OK' },
        400: { description: 'invalid input: each field with its reason in English and Chinese' },
        ...(s.access.who === 'anyone' ? {} : { 401: { description: 'not authenticated' }, 403: { description: 'not allowed' } }),
      },
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
