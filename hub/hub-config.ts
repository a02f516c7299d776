import { hostname } from 'node:os';
import { z } from 'zod';
import {
  DEFAULT_WRITE_BOUNDS,
  orgPathSchema,
  parseOrThrow,
  writeBoundsSchema,
  type WriteBounds,
} from '../sync/index.js';
import { DEFAULT_SCRAPERS, scraperListSchema } from '../sync/node-only.js';
import { DEFAULT_OFFLINE_DAYS } from './gateway/casework-times.js';
import type { LookupLimits } from './district-cases/district-case-routes.js';

/** Per minute: tracking from one address (as a node's own limit), of one query code, all lookups of one node, one resident's own cases. */
export const DEFAULT_LOOKUP_LIMITS: LookupLimits = { perAddress: 30, perCode: 10, perNode: 6000, perResident: 60 };

const envSchema = z.object({
  HUB_DATA: z.string().min(1).default('./data/hub'),
  // Unset: HUB_DATA. Several hub instances share one CA folder (deploy/compose mounts one volume in each).
  HUB_CA_DIR: z.string().min(1).optional(),
  HUB_HOST: z.string().min(1).default('127.0.0.1'),
  HUB_PORT: z.coerce.number().int().min(0).max(65535).default(5984),
  HUB_DISTRICT: orgPathSchema.refine((p) => !p.includes('/'), 'a district is a single slug').default('dongcheng'),
  COUCHDB_URL: z.url({ protocol: /^https?$/ }).optional(),
  HUB_SEED: z.enum(['0', '1']).default('1'),
  // `city`: this hub joins district hubs (跨区通办) instead of halls; HUB_DISTRICT is then the city's slug.
  HUB_ROLE: z.enum(['district', 'city']).default('district'),
  // A district hub's city hub: cases that involve another district cross through it.
  HUB_CITY_URL: z.url({ protocol: /^https?$/ }).optional(),
  // None by default: a forwarded address is believed only from a proxy named here (a load balancer).
  HUB_TRUSTED_PROXIES: scraperListSchema.default([]),
  HUB_IDENTITY_URL: z.url({ protocol: /^https?$/ }).optional(),
  HUB_IDENTITY_RELAY_SECRET: z
    .string()
    .min(32, "at least 32 characters, the same as the Worker's RELAY_SECRET")
    .optional(),
  // Blank counts as unset (compose passes `${HUB_KEY_SEAL_SECRET:-}` through).
  HUB_KEY_SEAL_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'at least 32 characters: `openssl rand -base64 32`').optional(),
  ),
  HUB_METRICS_ALLOW: scraperListSchema.default([DEFAULT_SCRAPERS]),
  // Blank counts as unset: compose passes `${HUB_METRICS_TOKEN:-}` through.
  HUB_METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(16, 'at least 16 characters: `openssl rand -hex 24`').optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUB_INSTANCE: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, dot, dash and underscore, at most 100')
    .optional(),
  HUB_AUDIT_SEAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  HUB_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(30),
  // The write rule's bounds; never below the defaults, which every node applies to its own writes.
  HUB_BOUND_CASE_BYTES: z.coerce
    .number()
    .int()
    .min(DEFAULT_WRITE_BOUNDS.caseBytes)
    .default(DEFAULT_WRITE_BOUNDS.caseBytes),
  HUB_BOUND_CASE_EVENTS: z.coerce
    .number()
    .int()
    .min(DEFAULT_WRITE_BOUNDS.caseEvents)
    .default(DEFAULT_WRITE_BOUNDS.caseEvents),
  HUB_BOUND_DOC_BYTES: z.coerce
    .number()
    .int()
    .min(DEFAULT_WRITE_BOUNDS.docBytes)
    .default(DEFAULT_WRITE_BOUNDS.docBytes),
  HUB_BOUND_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(DEFAULT_WRITE_BOUNDS.attachmentBytes)
    .default(DEFAULT_WRITE_BOUNDS.attachmentBytes),
  HUB_BOUND_REVISIONS: z.coerce
    .number()
    .int()
    .min(DEFAULT_WRITE_BOUNDS.revisions)
    .default(DEFAULT_WRITE_BOUNDS.revisions),
  // How far back casework is judged by the rights of its own time (the longest outage the district allows).
  HUB_BOUND_OFFLINE_DAYS: z.coerce.number().int().min(1).max(366).default(DEFAULT_OFFLINE_DAYS),
  // District-wide lookups for halls that do not hold a case, per minute.
  HUB_TRACK_PER_ADDRESS: z.coerce.number().int().min(1).default(DEFAULT_LOOKUP_LIMITS.perAddress),
  HUB_TRACK_PER_CODE: z.coerce.number().int().min(1).default(DEFAULT_LOOKUP_LIMITS.perCode),
  HUB_LOOKUPS_PER_NODE: z.coerce.number().int().min(1).default(DEFAULT_LOOKUP_LIMITS.perNode),
});

/** The district hub's settings. */
export interface HubConfig {
  /** Holds the embedded store (unless `couchUrl`), this instance's audit log and index snapshot. */
  dataDir: string;
  /** Holds the district CA's certificate (all a hub reads) and key (for `hallnet ca …`); default `dataDir`. */
  caDir: string;
  host: string;
  port: number;
  district: string;
  /** An Apache CouchDB 3 cluster to store in instead of the embedded PouchDB. */
  couchUrl: string | undefined;
  /** `city`: the hub of a city, whose nodes are district hubs (city write rule, city CA as root). */
  role?: 'district' | 'city' | undefined;
  /** The city hub a district hub links to, with its certificate from the city CA in `caDir`. */
  cityUrl?: string | undefined;
  /** Publish the seed catalogue, organisations and calendars when the store lacks them. */
  seed: boolean;
  /** Proxies in front of the hub (a load balancer) whose `x-forwarded-for` the identity service reads; hall nodes vouch with their certificate instead. */
  trustedProxies: string[];
  /**
   * An identity service running elsewhere (the Cloudflare Worker): the hub then runs none itself,
   * publishes that service's JWKS to the nodes and relays `/identity/*` to it.
   */
  identityUrl?: string | undefined;
  /** The secret the hub relays with; the Worker's RELAY_SECRET. */
  identityRelaySecret?: string | undefined;
  /**
   * Seals the identity service's private signing keys where they are stored (AES-256-GCM, as the
   * Worker's KEY_SEAL_SECRET): a copy of the identity database, or its CouchDB admins, cannot sign.
   */
  keySealSecret?: string | undefined;
  /** Who may read `/metrics`: listed addresses (`loopback` by default) and a bearer token. */
  metrics?: { allow: string[]; token?: string | undefined } | undefined;
  /** This process's name among the hubs serving one store: its audit log is `audit/<instance>.jsonl`. */
  instance: string;
  /** How often the audit log is sealed when something was appended (and always at close). */
  auditSealSeconds: number;
  /** Over CouchDB, how long the single-writer duties' lease lasts unrenewed: the longest the duties wait after their holder died. */
  leaseSeconds?: number | undefined;
  /** The sizes the write rule admits (defaults: DEFAULT_WRITE_BOUNDS). */
  bounds?: WriteBounds | undefined;
  /** How far back a write's own time is believed when the rights it needed are checked (default 90 days). */
  offlineDays?: number | undefined;
  /** How many district-wide lookups (tracking, residents' cases) the hub answers per minute (defaults: DEFAULT_LOOKUP_LIMITS). */
  lookupLimits?: LookupLimits | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

/** Reads the hub's configuration from environment variables, refusing bad values by name. */
export function hubConfigFromEnv(env: Record<string, string | undefined> = process.env): HubConfig {
  const e = parseOrThrow(envSchema, env, { code: 'ERR_CONFIG' });
  return {
    dataDir: e.HUB_DATA,
    caDir: e.HUB_CA_DIR ?? e.HUB_DATA,
    host: e.HUB_HOST,
    port: e.HUB_PORT,
    district: e.HUB_DISTRICT,
    couchUrl: e.COUCHDB_URL,
    seed: e.HUB_SEED === '1',
    role: e.HUB_ROLE,
    cityUrl: e.HUB_CITY_URL,
    trustedProxies: e.HUB_TRUSTED_PROXIES,
    identityUrl: e.HUB_IDENTITY_URL,
    identityRelaySecret: e.HUB_IDENTITY_RELAY_SECRET,
    keySealSecret: e.HUB_KEY_SEAL_SECRET,
    metrics: { allow: e.HUB_METRICS_ALLOW, token: e.HUB_METRICS_TOKEN },
    instance: e.HUB_INSTANCE ?? defaultInstance(),
    auditSealSeconds: e.HUB_AUDIT_SEAL_SECONDS,
    leaseSeconds: e.HUB_LEASE_SECONDS,
    bounds: writeBoundsSchema.parse({
      caseBytes: e.HUB_BOUND_CASE_BYTES,
      caseEvents: e.HUB_BOUND_CASE_EVENTS,
      docBytes: e.HUB_BOUND_DOC_BYTES,
      attachmentBytes: e.HUB_BOUND_ATTACHMENT_BYTES,
      revisions: e.HUB_BOUND_REVISIONS,
    }),
    offlineDays: e.HUB_BOUND_OFFLINE_DAYS,
    lookupLimits: {
      ...DEFAULT_LOOKUP_LIMITS,
      perAddress: e.HUB_TRACK_PER_ADDRESS,
      perCode: e.HUB_TRACK_PER_CODE,
      perNode: e.HUB_LOOKUPS_PER_NODE,
    },
    logLevel: e.LOG_LEVEL,
  };
}

// The machine's name: one hub process per machine needs no setting.
function defaultInstance(): string {
  return (
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 100) || 'hub'
  );
}
