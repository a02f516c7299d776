import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../identity/index.js';
import type { RunningNode } from '../node/start-node.js';
import { APPLICANT } from './support/fixtures.js';
import { clerkClient, type Client } from './support/client.js';
import { PASSWORD, startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// Monday 23 November 2026, 10:00 in Beijing.
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => now;
const sent: Notice[] = [];
const tried: string[] = [];
let operatorDown = true;
const dir = tempDir();
let node: RunningNode;
let clerk: Client;

beforeAll(async () => {
  node = await startTestNode(join(dir.path, 'street'), 'dongcheng/jingshan', {
    clock,
    noticeSender: {
      send: async (n) => {
        tried.push(n.id ?? '');
        if (operatorDown) throw new Error('SMS operator unreachable');
        sent.push(n);
      },
    },
  });
  clerk = await clerkClient(node.url, 'clerk', PASSWORD);
});

afterAll(async () => {
  await node?.close();
  dir.remove();
});

async function accept(): Promise<string> {
  const matter = node.services.reference.catalogue.search({ q: '最低生活保障' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
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
    clerk = await clerkClient(node.url, 'clerk', PASSWORD);
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
    const start = () =>
      startTestNode(join(restartDir.path, 'street'), 'dongcheng/jingshan', {
        clock,
        noticeSender: {
          send: async (n) => {
            tried.push(n.id ?? '');
            if (operatorDown) throw new Error('SMS operator unreachable');
            sent.push(n);
          },
        },
      });
    let hall = await start();
    try {
      operatorDown = true;
      const matter = hall.services.reference.catalogue.search({ q: '最低生活保障' })[0]!;
      const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
      const at = await clerkClient(hall.url, 'clerk', PASSWORD);
      const res = await at.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
      expect(res.status).toBe(201);
      const notice = `notice:${res.body.id}:`;
      await hall.services.notices.runOnce();
      expect(tried.filter((t) => t.startsWith(notice))).toHaveLength(1);
      await hall.close();

      operatorDown = false;
      now = new Date(now.getTime() + 3600_000);
      hall = await start();
      await hall.services.notices.runOnce();
      expect(sent.filter((n) => n.id?.startsWith(notice))).toHaveLength(1);
      await hall.close();

      now = new Date(now.getTime() + 3600_000);
      hall = await start();
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
    const start = () =>
      startTestNode(join(restartDir.path, 'street'), 'dongcheng/jingshan', {
        clock,
        noticeSender: { send: async (n) => void tried.push(n.id ?? '') },
      });
    let hall = await start();
    try {
      const matter = hall.services.reference.catalogue.search({ q: '最低生活保障' })[0]!;
      const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
      const acceptHere = async () => {
        const at = await clerkClient(hall.url, 'clerk', PASSWORD);
        const res = await at.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
        expect(res.status).toBe(201);
        return `notice:${res.body.id}:`;
      };
      // Two cases whose notices are gone from the replica (as if never planned), quiet for 8 days by
      // the next start; a third accepted just before the outbox stopped, never planned.
      await hall.services.notices.stop();
      const old = [await acceptHere(), await acceptHere()];
      now = new Date(now.getTime() + 8 * 86_400_000 - 3600_000);
      const recent = await acceptHere();
      await hall.close();
      now = new Date(now.getTime() + 3600_000);
      hall = await start();
      await hall.services.notices.runOnce();
      expect(tried.filter((t) => t.startsWith(recent))).toHaveLength(1);
      for (const n of old) expect(tried.filter((t) => t.startsWith(n))).toHaveLength(0);
    } finally {
      await hall.close();
      restartDir.remove();
    }
  });
});
