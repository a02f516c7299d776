import { scriptUrl, type BrowserScript } from './browser-scripts.js';
import { LABELS } from './labels.js';
import type { PageConfig, PageData } from './page-config.js';
import type { PageContext } from './page-context.js';
import { LAYOUT } from './ids/shared-ids.js';

export interface PageHeadProps {
  ctx: PageContext;
  title: string;
  /** The viewport meta's content: the hall floor's devices also forbid zooming. */
  viewport: string;
  /** Stylesheets from /pages/assets, by file name, after app.css. */
  styles: string[];
  /** Module scripts (node/pages/browser) in the order they run, after the link banner's. */
  scripts: BrowserScript[];
  /** Extra data for the page's scripts, merged into the config block. */
  data?: PageData;
}

/** JSON that is safe inside a script element: `<` can never close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The `<head>` every page shell shares: the title with the hall's name, the stylesheets, the
 * config block the page's scripts read (hall, level, link state, labels) and the scripts.
 */
export function PageHead(props: PageHeadProps) {
  const { ctx } = props;
  const config: PageConfig = {
    org: ctx.org,
    orgName: ctx.orgName,
    level: ctx.level,
    link: ctx.link,
    labels: LABELS,
    ...props.data,
  };
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content={props.viewport} />
      <meta name="color-scheme" content="light" />
      {/* The home page's title is the hall's name already: not twice. */}
      <title>{props.title === ctx.orgName ? props.title : `${props.title} · ${ctx.orgName}`}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href="/pages/assets/app.css" />
      {props.styles.map((name) => (
        <link rel="stylesheet" href={`/pages/assets/${name}`} />
      ))}
      <script
        type="application/json"
        id={LAYOUT.hallnetConfig}
        dangerouslySetInnerHTML={{ __html: scriptJson(config) }}
      />
      <script type="module" src={scriptUrl('link-banner')} />
      {props.scripts.map((name) => (
        <script type="module" src={scriptUrl(name)} />
      ))}
    </head>
  );
}
