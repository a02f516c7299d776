import { describe, expect, it } from 'vitest';
import { CleanupStack } from './cleanup-stack.js';

describe('CleanupStack', () => {
  it('closes the last opened first, once, running every close even after one fails', async () => {
    const stack = new CleanupStack();
    const closed: string[] = [];
    const db = stack.add('database', { name: 'db' }, (r) => closed.push(r.name));
    expect(db).toEqual({ name: 'db' });
    stack.add('feed', 'feed', () => {
      closed.push('feed');
      throw new Error('feed stuck');
    });
    stack.add('server', 'server', async (r) => {
      await new Promise((res) => setTimeout(res, 5));
      closed.push(r);
    });
    const first = stack.close();
    const second = stack.close();
    await expect(first).rejects.toThrow('closing feed failed');
    await expect(second).rejects.toThrow('closing feed failed');
    expect(closed).toEqual(['server', 'feed', 'db']);
  });

  it('abandons a failed start: closes what was opened and throws the start’s error, not the closing one', async () => {
    const stack = new CleanupStack();
    const closed: string[] = [];
    stack.add('database', 'db', (r) => closed.push(r));
    stack.add('queue', 'queue', () => {
      throw new Error('queue stuck');
    });
    const startError = new Error('port taken');
    await expect(stack.abandon(startError)).rejects.toBe(startError);
    expect(closed).toEqual(['db']);
  });
});
