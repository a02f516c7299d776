import { Hono } from 'hono';
import type { ServerType } from '@hono/node-server';
import { createAuthenticate } from '../../node/auth/authenticate.js';
import { Routes } from '../../node/http/define-routes.js';
import type { NodeEnv } from '../../node/http/env.js';
import { onError } from '../../node/http/on-error.js';
import type { StaffRole } from '../../node/http/principal.js';
import { registerQueueRoutes } from '../../node/http/routes/queue.js';
import { createHallQueue, type CreateHallQueueOptions, type HallQueue, type QueueNotify } from '../../node/queue/index.js';
import type { RunningNode } from '../../node/start-node.js';
import { HallnetError } from '../../sync/index.js';
import { closeServer, listen } from '../../sync/node-only.js';
import { startTestNode } from './start-test-node.js';

/** A real node and, beside it on its own port, an app with the queue routes over the node's services and data folder. */
export interface QueueApp {
  node: RunningNode;
  queue: HallQueue;
  /** The queue app's base URL. */
  url: string;
  /** A clerk token signed by the node, as its login would give. */
  token(account: string, roles?: StaffRole[]): Promise<string>;
  /** Closes the queue app and the queue, and opens both again on the same folder. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Until the lead wires the queue into the node, tests mount it the way create-node-app would:
 * Routes with the node's own authentication, the one onError, real HTTP on a free port.
 */
export async function startQueueApp(
  dataDir: string,
  org: string,
  opts: { clock: () => Date; notify: QueueNotify; rules?: CreateHallQueueOptions['rules'] },
): Promise<QueueApp> {
  const node = await startTestNode(dataDir, org, { clock: opts.clock });
  const s = node.services;
  let queue: HallQueue;
  let server: ServerType;
  let url = '';
  async function open(): Promise<void> {
    queue = await createHallQueue({ dataDir, clock: opts.clock, notify: opts.notify, org, hallName: s.reference.orgName(org), categories: s.reference.categories, ...(opts.rules ? { rules: opts.rules } : {}), logger: s.logger });
    const app = new Hono<NodeEnv>();
    app.onError(onError(s.logger));
    app.notFound(() => {
      throw new HallnetError('ERR_NOT_FOUND', 'no such endpoint');
    });
    registerQueueRoutes(new Routes(app, org, createAuthenticate(s.reference, s.tokens, s.clock), s.rightsOf), s, queue);
    ({ server, url } = await listen(app.fetch, '127.0.0.1', 0));
  }
  async function shut(): Promise<void> {
    await closeServer(server);
    await queue.close();
  }
  await open();
  return {
    node,
    get queue() {
      return queue;
    },
    get url() {
      return url;
    },
    async token(account, roles = ['clerk']) {
      return (await s.tokens.sign({ account, name: `${account}姓名`, org, roles })).token;
    },
    async restart() {
      await shut();
      await open();
    },
    async close() {
      await shut();
      await node.close();
    },
  };
}
