import { z } from 'zod';
import { HallnetError, levelOfPath, levelSchema, orgPathSchema, parseOrThrow } from '../sync/index.js';
import { DEFAULT_SCRAPERS, scraperListSchema } from '../sync/node-only.js';
import { parseWindowPlan, type WindowPlan } from './queue/index.js';

const envSchema = z.object({
  HALLNET_DATA: z.string().min(1).default('./data/node'),
  HALLNET_HOST: z.string().min(1).default('127.0.0.1'),
  HALLNET_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HALLNET_ORG: orgPathSchema.default('dongcheng'),
  HALLNET_LEVEL: z.coerce.number().pipe(levelSchema).default(4),
  HALLNET_YELLOW_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  HALLNET_SEED: z.enum(['0', '1']).default('1'),
  HALLNET_HUB_URL: z.url({ protocol: /^https?$/ }).optional(),
  HALLNET_SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  HALLNET_WINDOWS: z.string().max(4000).optional(),
  HALLNET_METRICS_ALLOW: scraperListSchema.default([DEFAULT_SCRAPERS]),
  HALLNET_METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(16, 'at least 16 characters: `openssl rand -hex 24`').optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** A hall node's settings. */
export interface NodeConfig {
  dataDir: string;
  host: string;
  port: number;
  org: string;
  level: 4 | 5 | 6;
  yellowHours: number;
  /** Write the seed catalogue, organisations and calendars when the replica lacks them. */
  seed: boolean;
  /** The district hub to sync with; a node without one works alone. */
  hubUrl: string | undefined;
  /** The SMS operator's gateway; without one, notices go to `sms.log` in the data folder. */
  smsUrl?: string | undefined;
  /** The windows the hall opens with (`HALLNET_WINDOWS`; empty for none); unset, comprehensive windows by the kind of hall. */
  windows?: WindowPlan[] | undefined;
  /** Who may read `/metrics`: listed addresses (`loopback` by default) and a bearer token. */
  metrics?: { allow: string[]; token?: string | undefined } | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

/** Reads the node's configuration from environment variables, refusing bad values by name. */
export function nodeConfigFromEnv(env: Record<string, string | undefined> = process.env): NodeConfig {
  const e = parseOrThrow(envSchema, env, { code: 'ERR_CONFIG' });
  const expected = levelOfPath(e.HALLNET_ORG);
  if (expected === undefined) {
    throw new HallnetError('ERR_CONFIG', `no hall stands at ${e.HALLNET_ORG}`, {
      issues: [{ field: 'HALLNET_ORG', reason: 'not a district, department, street or community path' }],
    });
  }
  if (expected !== e.HALLNET_LEVEL) {
    throw new HallnetError(
      'ERR_CONFIG',
      `HALLNET_LEVEL ${e.HALLNET_LEVEL} does not fit HALLNET_ORG ${e.HALLNET_ORG} (level ${expected})`,
      {
        issues: [{ field: 'HALLNET_LEVEL', reason: `expected ${expected} for ${e.HALLNET_ORG}` }],
      },
    );
  }
  let windows: WindowPlan[] | undefined;
  if (e.HALLNET_WINDOWS?.trim()) {
    try {
      windows = parseWindowPlan(e.HALLNET_WINDOWS);
    } catch (err) {
      const detail =
        err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(err);
      throw new HallnetError('ERR_CONFIG', `HALLNET_WINDOWS: ${detail}`, {
        issues: [
          { field: 'HALLNET_WINDOWS', reason: 'windows as id=name:categories separated by ";" (w1=1号窗口:1-3,15)' },
        ],
      });
    }
  }
  return {
    dataDir: e.HALLNET_DATA,
    host: e.HALLNET_HOST,
    port: e.HALLNET_PORT,
    org: e.HALLNET_ORG,
    level: e.HALLNET_LEVEL,
    yellowHours: e.HALLNET_YELLOW_HOURS,
    seed: e.HALLNET_SEED === '1',
    hubUrl: e.HALLNET_HUB_URL?.replace(/\/+$/, ''),
    smsUrl: e.HALLNET_SMS_URL,
    windows,
    metrics: { allow: e.HALLNET_METRICS_ALLOW, token: e.HALLNET_METRICS_TOKEN },
    logLevel: e.LOG_LEVEL,
  };
}
