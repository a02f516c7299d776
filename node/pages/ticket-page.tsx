import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { TICKET_PAGE } from './ids/floor-ids.js';

/**
 * `/queue/ticket/:id`: a resident's own ticket, opened from the slip's code or the SMS link
 * (browser/ticket.ts polls /api/queue/tickets/:id). Holding the unguessable id is what lets one see it,
 * and re-issue it within the time allowed after missing the call (过号补号). No name, no ID number.
 */
export function TicketPage({ ctx, ticketId }: { ctx: PageContext; ticketId: string }) {
  return (
    <Layout
      ctx={ctx}
      title="我的排队号"
      nav="queue"
      variant="phone"
      scripts={['ticket']}
      styles={['floor.css']}
      data={{ ticketId }}
    >
      <div id={TICKET_PAGE.ticketMsg} hidden />
      <section id={TICKET_PAGE.ticketCard} class="card ticket-card" aria-labelledby={TICKET_PAGE.ticketNumber} hidden>
        <p class="ticket-hall" id={TICKET_PAGE.ticketHall} />
        <p class="ticket-number" id={TICKET_PAGE.ticketNumber} />
        <p class="ticket-category" id={TICKET_PAGE.ticketCategory} />
        <p id={TICKET_PAGE.ticketState} class="ticket-state" role="status" aria-live="polite" />
        <p id={TICKET_PAGE.ticketWindow} class="ticket-window" hidden />
        <dl class="facts" id={TICKET_PAGE.ticketFacts} />
        <div id={TICKET_PAGE.reissueBox} class="reissue-box" hidden>
          <p id={TICKET_PAGE.reissueText} />
          <button type="button" id={TICKET_PAGE.reissueButton}>
            补号（回到原来的位置）
          </button>
        </div>
      </section>
      <p class="muted">
        本页每 5 秒自动刷新。本大厅无声叫号，请留意叫号大屏；留了手机号的，前面还剩 2 人和叫号时各会收到一条短信。
      </p>
    </Layout>
  );
}
