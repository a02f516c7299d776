import { z } from 'zod';
import { HallnetError, jsonString, orgPathSchema, parseOrThrow } from '../../../sync/index.js';
import { newStaffSchema } from '../../create-staff-account.js';
import type { D1Database } from './d1-database.js';

/** The bindings, vars and secrets of the identity Worker, as wrangler.toml declares them. */
export interface IdentityWorkerEnv {
  /** D1 database with the schema of `migrations/`. */
  DB: D1Database;
  /** var: the district's organisation path, e.g. `dongcheng`. */
  DISTRICT?: string;
  /** var: where SMS codes are POSTed as JSON; without it code login and sign-up answer 502. */
  SMS_GATEWAY_URL?: string;
  /** secret: sent to the SMS gateway as `Authorization: Bearer …`. */
  SMS_GATEWAY_TOKEN?: string;
  /** secret: seals the signing keys' private parts in D1; at least 32 characters, never changed while they are in use. */
  KEY_SEAL_SECRET?: string;
  /** secret shared with the district hub (`HUB_IDENTITY_RELAY_SECRET`): relayed requests and node calls. */
  RELAY_SECRET?: string;
  /** secret, JSON `{"account","name","password"}`: the district's first admin, made if missing; delete it afterwards. */
  BOOTSTRAP_ADMIN?: string;
  /** var: `info` (default), `warn`, `error` or `silent`. */
  LOG_LEVEL?: string;
  /** secret: the bearer token `/metrics` asks for; without it `/metrics` answers 403. */
  METRICS_TOKEN?: string;
}

const settingsSchema = z.object({
  DISTRICT: orgPathSchema.refine((p) => !p.includes('/'), 'a district is a single slug'),
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  KEY_SEAL_SECRET: z.string().min(32, 'at least 32 characters: `openssl rand -base64 32`'),
  RELAY_SECRET: z.string().min(32, 'at least 32 characters: `openssl rand -base64 32`').optional(),
  BOOTSTRAP_ADMIN: jsonString(newStaffSchema.pick({ account: true, name: true, password: true })).optional(),
  LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters: `openssl rand -hex 24`').optional(),
});

/** The identity Worker's settings, checked. */
export type IdentityWorkerSettings = z.infer<typeof settingsSchema>;

/** Reads and checks the Worker's vars and secrets; throws ERR_CONFIG naming each bad one. */
export function readIdentityWorkerEnv(env: IdentityWorkerEnv): IdentityWorkerSettings {
  if (!env.DB || typeof env.DB.prepare !== 'function') {
    throw new HallnetError('ERR_CONFIG', 'the D1 binding DB is missing (wrangler.toml [[d1_databases]])');
  }
  const blank = (v: string | undefined) => (v === '' ? undefined : v);
  return parseOrThrow(
    settingsSchema,
    {
      DISTRICT: env.DISTRICT,
      SMS_GATEWAY_URL: blank(env.SMS_GATEWAY_URL),
      SMS_GATEWAY_TOKEN: blank(env.SMS_GATEWAY_TOKEN),
      KEY_SEAL_SECRET: env.KEY_SEAL_SECRET,
      RELAY_SECRET: blank(env.RELAY_SECRET),
      BOOTSTRAP_ADMIN: blank(env.BOOTSTRAP_ADMIN),
      LOG_LEVEL: blank(env.LOG_LEVEL),
      METRICS_TOKEN: blank(env.METRICS_TOKEN),
    },
    { code: 'ERR_CONFIG' },
  );
}
