import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, NoticeSender } from '../identity/index.js';
import type { NoticeDoc } from '../sync/index.js';
import { parseBatchSignature } from '../sync/batch-signature.js';
import type { RunningNode } from '../node/start-node.js';
import { APPLICANT } from './support/fixtures.js';
import { clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { PASSWORD, startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// Monday 23 November 2026, 10:00 in Beijing.
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => now;
const sent: Notice[] = [];
const tried: string[] = [];
let operatorDown = true;
const sender: NoticeSender = {
  send: async (n) => {
    tried.push(n.id ?? '');
    if (operatorDown) throw new Error('SMS operator unreachable');
    sent.push(n);
  },
};
const startHall = (dataDir: string) =>
  startTestNode(join(dataDir, 'street'), 'dongcheng/jingshan', { clock, noticeSender: sender });
const dir = tempDir();
let node: RunningNode;

beforeAll(async () => {
  node = await startHall(dir.path);
});

afterAll(async () => {
  await node?.close();
  dir.remove();
});

/** A case accepted at `hall` (by a clerk logged in now unless given: the clock moves between tests), its id. */
async function accept(hall = node, as?: Client): Promise<string> {
  const matter = hall.services.reference.catalogue.search({ q: '最低生活保障' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const clerk = as ?? (await clerkClient(hall.url, 'clerk', PASSWORD));
  const res = await clerk.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('the SMS outbox', () => {
  it('sends each notice once, retries a failed one when it falls due, and takes notices written after it last looked', async () => {
    const first = await accept();
    await node.services.notices.runOnce();
    const notice = `notice:${first}:`;
    expect(tried.filter((id) => id.startsWith(notice))).toHaveLength(1);
    expect(sent).toHaveLength(0);
    // Not due again for 30 s: the next pass leaves it.
    await node.services.notices.runOnce();
    expect(tried.filter((id) => id.startsWith(notice))).toHaveLength(1);

    operatorDown = false;
    now = new Date(now.getTime() + 31_000);
    const second = await accept();
    await node.services.notices.runOnce();
    await node.services.notices.runOnce();
    expect(sent.map((n) => n.id?.split(':')[1]).sort()).toEqual([first, second].sort());
    // Sent ones are not sent again however many passes follow.
    now = new Date(now.getTime() + 3600_000);
    await node.services.notices.runOnce();
    expect(sent).toHaveLength(2);
    const stored = await node.services.db.get<{ status: string; attempts: number }>(sent[0]!.id!);
    expect(stored.status).toBe('sent');
  });

  it('follows what the replica says of a waiting notice: one stopped behind its back is not tried again', async () => {
    operatorDown = true;
    const id = await accept();
    await node.services.notices.runOnce();
    const notice = `notice:${id}:`;
    expect(tried.filter((t) => t.startsWith(notice))).toHaveLength(1);
    const [row] = (await node.services.db.allDocs({ startkey: notice, endkey: `${notice}\uffff`, include_docs: true }))
      .rows;
    const waiting = row!.doc as unknown as { status: string; attempts: number };
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    // The resident opted out at another hall; the change arrives through the replica.
    await node.services.db.put({ ...waiting, status: 'opted-out' });
    operatorDown = false;
    now = new Date(now.getTime() + 3600_000);
    await node.services.notices.runOnce();
    await node.services.notices.runOnce();
    expect(tried.filter((t) => t.startsWith(notice))).toHaveLength(1);
  });

  it('keeps what waits across a restart: sent after it once due, never twice', async () => {
    const restartDir = tempDir();
    let hall = await startHall(restartDir.path);
    try {
      operatorDown = true;
      const notice = `notice:${await accept(hall)}:`;
      await hall.services.notices.runOnce();
      expect(tried.filter((t) => t.startsWith(notice))).toHaveLength(1);
      await hall.close();

      operatorDown = false;
      now = new Date(now.getTime() + 3600_000);
      hall = await startHall(restartDir.path);
      await hall.services.notices.runOnce();
      expect(sent.filter((n) => n.id?.startsWith(notice))).toHaveLength(1);
      await hall.close();

      now = new Date(now.getTime() + 3600_000);
      hall = await startHall(restartDir.path);
      await hall.services.notices.runOnce();
      await hall.services.notices.runOnce();
      expect(tried.filter((t) => t.startsWith(notice))).toHaveLength(2);
    } finally {
      await hall.close();
      restartDir.remove();
    }
  });

  it('after a restart plans the cases that moved lately, not every case the hall ever held', async () => {
    const restartDir = tempDir();
    let hall = await startHall(restartDir.path);
    try {
      operatorDown = false;
      // Accepted while the outbox was stopped, so never planned: two cases quiet for 8 days by the
      // next start, and one accepted an hour before it.
      await hall.services.notices.stop();
      const old = [`notice:${await accept(hall)}:`, `notice:${await accept(hall)}:`];
      now = new Date(now.getTime() + 8 * 86_400_000 - 3600_000);
      const recent = `notice:${await accept(hall)}:`;
      await hall.close();
      now = new Date(now.getTime() + 3600_000);
      hall = await startHall(restartDir.path);
      await hall.services.notices.runOnce();
      expect(tried.filter((t) => t.startsWith(recent))).toHaveLength(1);
      for (const n of old) expect(tried.filter((t) => t.startsWith(n))).toHaveLength(0);
    } finally {
      await hall.close();
      restartDir.remove();
    }
  });

  it('lets the hall close in the middle of a backlog, sending the rest after the next start', async () => {
    const restartDir = tempDir();
    let down = true;
    const slow: string[] = [];
    const start = () =>
      startTestNode(join(restartDir.path, 'street'), 'dongcheng/jingshan', {
        clock,
        noticeSender: {
          send: async (n) => {
            if (down) throw new Error('SMS operator unreachable');
            slow.push(n.id ?? '');
            await new Promise((r) => setTimeout(r, 50));
          },
        },
      });
    let hall = await start();
    try {
      const clerk = await clerkClient(hall.url, 'clerk', PASSWORD);
      for (let i = 0; i < 40; i++) await accept(hall, clerk);
      await hall.services.notices.runOnce();
      // The pass wrote its forty notices in groups, each group's under one RSA signature, not forty.
      const written = await hall.services.db.allDocs({
        startkey: 'notice:',
        endkey: 'notice:\uffff',
        include_docs: true,
      });
      const sigs = written.rows.map((r) => (r.doc as unknown as NoticeDoc).proof!.sig);
      const rsaSignatures = new Set(sigs.map((sig) => parseBatchSignature(sig)?.rootSig ?? sig));
      expect(sigs).toHaveLength(40);
      expect(rsaSignatures.size).toBeLessThanOrEqual(10);
      await hall.services.notices.runOnce();
      // Forty SMS due at once, 50 ms each at the operator (sent 16 at a time), and the hall closing
      // as the first go out.
      down = false;
      now = new Date(now.getTime() + 31_000);
      const passing = hall.services.notices.runOnce();
      await eventually(() => slow.length > 0, 5_000, 'the first SMS');
      await hall.services.notices.stop();
      await passing;
      expect(slow.length).toBeLessThan(40);
      await hall.close();

      hall = await start();
      await hall.services.notices.runOnce();
      expect(new Set(slow).size).toBe(40);
      expect(slow).toHaveLength(40);
    } finally {
      await hall.close();
      restartDir.remove();
    }
  });
});
