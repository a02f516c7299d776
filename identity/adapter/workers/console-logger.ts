import type { IdentityLogger } from '../../identity-logger.js';

const LEVELS = { info: 30, warn: 40, error: 50, silent: 100 } as const;
/** The levels consoleLogger takes. */
export type ConsoleLogLevel = keyof typeof LEVELS;

/**
 * An IdentityLogger for Workers: one JSON object per line on the console (what `wrangler tail` and
 * Workers Logs show), in pino's shape so the hub's and the Worker's logs read alike.
 */
export function consoleLogger(level: ConsoleLogLevel = 'info', base: Record<string, unknown> = {}): IdentityLogger {
  const min = LEVELS[level];
  const write = (lvl: 'info' | 'warn' | 'error', obj: object, msg: string) => {
    if (LEVELS[lvl] < min) return;
    const fields = Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [
        k,
        v instanceof Error ? { type: v.name, message: v.message, stack: v.stack } : v,
      ]),
    );
    console[lvl](JSON.stringify({ level: LEVELS[lvl], time: Date.now(), ...base, ...fields, msg }));
  };
  return {
    info: (obj, msg) => write('info', obj, msg),
    warn: (obj, msg) => write('warn', obj, msg),
    error: (obj, msg) => write('error', obj, msg),
  };
}
