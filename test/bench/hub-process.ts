import { readFileSync } from 'node:fs';
import { hallnetServer, stopServer } from '../support/cli-process.js';

/** A district hub running as its own process (`hallnet hub`), as on its own machine. */
export interface HubProcess {
  url: string;
  /** CPU seconds the hub's process has used so far, every thread (Linux: /proc). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc's CPU times: 100 on every Linux the bench runs on. */
const TICKS = 100;

/** Starts `hallnet hub` on the data in `hubDir` (its store and CA), unseeded, on a free port. */
export async function startHubProcess(hubDir: string): Promise<HubProcess> {
  const { url, child } = await hallnetServer(['hub'], { HUB_DATA: hubDir, HUB_PORT: '0', HUB_SEED: '0' });
  return {
    url,
    cpuSeconds() {
      // Fields 14 and 15 (user and system time) come after the command name, which may hold spaces.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / TICKS;
    },
    async stop() {
      await stopServer(child);
    },
  };
}
