import type { StaffRole } from '../../sync/index.js';
import type { CreateHallQueueOptions, HallQueue, QueueNotify } from '../../node/queue/index.js';
import type { RunningNode } from '../../node/start-node.js';
import { PASSWORD, startTestNode } from './start-test-node.js';

/** A real node with its hall queue, its SMS captured and its rules set by the test. */
export interface QueueApp {
  node: RunningNode;
  queue: HallQueue;
  /** The node's base URL. */
  url: string;
  /** A clerk token signed by the node, as its login would give. */
  token(account: string, roles?: StaffRole[]): Promise<string>;
  /** Stops the node and starts it again on the same folder. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a node on `dataDir` whose queue sends its SMS to `notify`. */
export async function startQueueApp(
  dataDir: string,
  org: string,
  opts: { clock: () => Date; notify: QueueNotify; rules?: CreateHallQueueOptions['rules'] },
): Promise<QueueApp> {
  const start = () =>
    startTestNode(dataDir, org, {
      clock: opts.clock,
      queue: { notify: opts.notify, ...(opts.rules ? { rules: opts.rules } : {}) },
    });
  let node = await start();
  return {
    get node() {
      return node;
    },
    get queue() {
      return node.services.queue;
    },
    get url() {
      return node.url;
    },
    async token(account, roles = ['clerk']) {
      const staff = { account, name: `${account}姓名`, org, roles };
      // The node honours its own tokens only for accounts it holds.
      if (!(await node.services.staff.holds(account))) await node.services.staff.put(staff, PASSWORD);
      return (await node.services.tokens.sign(staff)).token;
    },
    async restart() {
      await node.close();
      node = await start();
    },
    async close() {
      await node.close();
    },
  };
}
