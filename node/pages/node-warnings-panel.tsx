import type { NodeWarning } from '../node-warnings.js';

/**
 * The node's warnings (node/node-warnings.ts) as the window page and `/status` show them, rendered
 * with the page: a calendar, certificate or grant running out is known before the clerk starts.
 */
export function NodeWarningsPanel({ warnings }: { warnings: readonly NodeWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section class="node-warnings" role="alert" aria-label="本站提醒">
      {warnings.map((w) => (
        <p class={`node-warning is-${w.severity}`} data-code={w.code}>
          {w.text}
        </p>
      ))}
    </section>
  );
}
