import type { NodeServices } from '../../services.js';
import type { BoardEvent } from '../../supervision/board-feed.js';
import { anyone } from '../../../sync/index.js';
import type { NodeRoutes } from '../env.js';
import { streamFeed } from '../stream-feed.js';
import type { StreamSlots } from '../stream-slots.js';

/**
 * 红绿灯 on the hall's big screen: the yellow and red cases this node holds, public as the LED wall
 * in the hall is (masked query code and applicant, matter, where it is, the deadline), as JSON and
 * live as Server-Sent Events — a snapshot, then each case turning yellow, red, or leaving the board.
 */
export function registerBoardRoutes(routes: NodeRoutes, s: NodeServices, streams: StreamSlots): void {
  const board = s.supervision.board;
  routes.add(
    {
      method: 'get',
      path: '/api/board',
      tag: 'supervision',
      summary: 'The traffic-light board: yellow and red cases held here, nothing personal',
      access: anyone,
    },
    (c) => c.json(board.snapshot()),
  );
  routes.add(
    {
      method: 'get',
      path: '/api/board/stream',
      tag: 'supervision',
      summary:
        'The board live (Server-Sent Events): a snapshot, then a `light` event whenever a case turns yellow or red or leaves',
      access: anyone,
    },
    (c) =>
      streamFeed<BoardEvent>(
        c,
        {
          snapshot: () => board.snapshot(),
          subscribe: (l) => board.subscribe(l),
          name: (e) => e.kind,
        },
        streams,
      ),
  );
}
