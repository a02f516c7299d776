import type { Logger } from 'pino';
import { HallnetError } from '../sync/index.js';

/**
 * The long-running processes' (hub, node, demo) policy for a failure nothing caught: log it and
 * keep serving — every write is on disk before it is acknowledged and every background task
 * retries, so one lost callback must not leave a hall dark. An error that says an invariant is
 * broken beyond repair (`ERR_INVARIANT`, e.g. the listening socket failed) ends the process with
 * exit code 1 and a clear line on stderr; the service manager starts a clean one
 * (deploy/systemd: `Restart=always`).
 */
export function keepServing(logger: Logger): void {
  const failed = (err: unknown, origin: string) => {
    if (err instanceof HallnetError && err.code === 'ERR_INVARIANT') {
      logger.fatal({ err, origin }, 'broken beyond repair: exiting for the service manager to restart');
      process.stderr.write(
        `hallnet: ${err.code}: ${err.message}${err.cause ? ` (${String(err.cause)})` : ''}; exiting for the service manager to restart\n`,
      );
      process.exit(1);
    }
    logger.error({ err, origin }, 'a failure nothing caught; still serving');
  };
  process.on('unhandledRejection', (reason) => failed(reason, 'unhandledRejection'));
  process.on('uncaughtException', (err, origin) => failed(err, origin));
}
