import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/queue/ticket/:id`: a resident's own ticket, opened from the slip's code or the SMS link
 * (ticket.js polls /api/queue/tickets/:id). Holding the unguessable id is what lets one see it,
 * and re-issue it within the time allowed after missing the call (过号补号). No name, no ID number.
 */
export function TicketPage({ ctx, ticketId }: { ctx: PageContext; ticketId: string }) {
  return (
    <Layout ctx={ctx} title="我的排队号" nav="queue" variant="phone" scripts={['ticket.js']} styles={['floor.css']} data={{ ticketId }}>
      <div id="ticket-msg" hidden />
      <section id="ticket-card" class="card ticket-card" aria-labelledby="ticket-number" hidden>
        <p class="ticket-hall" id="ticket-hall" />
        <p class="ticket-number" id="ticket-number" />
        <p class="ticket-category" id="ticket-category" />
        <p id="ticket-state" class="ticket-state" role="status" aria-live="polite" />
        <p id="ticket-window" class="ticket-window" hidden />
        <dl class="facts" id="ticket-facts" />
        <div id="reissue-box" class="reissue-box" hidden>
          <p id="reissue-text" />
          <button type="button" id="reissue-button">
            补号（回到原来的位置）
          </button>
        </div>
      </section>
      <p class="muted">本页每 5 秒自动刷新。本大厅无声叫号，请留意叫号大屏；留了手机号的，前面还剩 2 人和叫号时各会收到一条短信。</p>
    </Layout>
  );
}
