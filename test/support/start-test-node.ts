import pino from 'pino';
import type { NodeConfig } from '../../node/config.js';
import { startNode, type RunningNode, type StartNodeOptions } from '../../node/start-node.js';
import { levelOfPath, type StaffRole } from '../../sync/index.js';
import { seedDocuments } from '../../deploy/seed/index.js';

export const PASSWORD = 'correct horse battery';

/**
 * Starts a real node on a free loopback port, with a real on-disk replica in `dataDir` and one clerk
 * account. Its hall has no windows unless `windows` names them (tests set up the floor they check).
 */
export function startTestNode(
  dataDir: string,
  org: string,
  opts: {
    clock?: () => Date;
    seed?: boolean;
    roles?: StaffRole[];
    yellowHours?: number;
    hubUrl?: string;
    queue?: StartNodeOptions['queue'];
    noticeSender?: StartNodeOptions['noticeSender'];
    supervision?: StartNodeOptions['supervision'];
    windows?: NodeConfig['windows'];
  } = {},
): Promise<RunningNode> {
  const level = levelOfPath(org);
  if (!level) throw new Error(`no hall stands at ${org}`);
  const config: NodeConfig = {
    dataDir,
    host: '127.0.0.1',
    port: 0,
    org,
    level,
    yellowHours: opts.yellowHours ?? 24,
    seed: opts.seed ?? true,
    hubUrl: opts.hubUrl,
    windows: opts.windows ?? [],
    logLevel: 'silent',
  };
  return startNode(config, {
    logger: pino({ level: 'silent' }),
    seedDocs: seedDocuments(),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.queue ? { queue: opts.queue } : {}),
    ...(opts.noticeSender ? { noticeSender: opts.noticeSender } : {}),
    ...(opts.supervision ? { supervision: opts.supervision } : {}),
    staff: [{ account: 'clerk', name: '王窗口', org, roles: opts.roles ?? ['clerk', 'director'], password: PASSWORD }],
  });
}
