import { SVG_FONT, svgText } from './svg-text.js';

/** One series of a bar chart: a name for the legend, a colour, one value per category (null: none). */
export interface BarSeries {
  name: string;
  color: string;
  values: (number | null)[];
}

/** A bar chart to draw: categories down the side, one bar per series in each. */
export interface BarChart {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** The value a full-length bar stands for. */
  max: number;
  format: (v: number) => string;
}

const WIDTH = 760;
const LABEL_W = 210;
const VALUE_W = 64;
const BAR_H = 22;
const GAP = 10;
const TOP = 60;

/** A name cut to fit the label column. */
const fit = (s: string, n = 14) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/**
 * A horizontal bar chart as an SVG document, drawn on the server: one band per category with a
 * bar per series, the value written beside each bar (so it reads without colour), a legend, and
 * a <title>/<desc> for screen readers.
 */
export function barChartSvg(c: BarChart): string {
  const band = c.series.length * BAR_H + GAP;
  const height = TOP + Math.max(1, c.categories.length) * band + 16;
  const plot = WIDTH - LABEL_W - VALUE_W - 16;
  const parts: string[] = [];
  parts.push(`<text x="16" y="26" font-size="19" font-weight="700" fill="#08386a">${svgText(c.title)}</text>`);
  let lx = LABEL_W;
  for (const s of c.series) {
    parts.push(
      `<rect x="${lx}" y="38" width="14" height="14" fill="${s.color}"/><text x="${lx + 18}" y="51" font-size="15" fill="#1f2328">${svgText(s.name)}</text>`,
    );
    lx += 32 + [...s.name].length * 15;
  }
  if (!c.categories.length)
    parts.push(`<text x="${LABEL_W}" y="${TOP + 16}" font-size="15" fill="#4f5863">本期没有数据</text>`);
  c.categories.forEach((name, i) => {
    const y0 = TOP + i * band;
    parts.push(
      `<text x="${LABEL_W - 8}" y="${y0 + (c.series.length * BAR_H) / 2 + 5}" font-size="15" text-anchor="end" fill="#1f2328">${svgText(fit(name))}</text>`,
    );
    c.series.forEach((s, k) => {
      const v = s.values[i] ?? null;
      const y = y0 + k * BAR_H;
      const w = v === null || c.max <= 0 ? 0 : Math.max(1, Math.round((Math.min(v, c.max) / c.max) * plot));
      if (v !== null)
        parts.push(
          `<rect x="${LABEL_W}" y="${y + 2}" width="${w}" height="${BAR_H - 4}" fill="${s.color}"><title>${svgText(`${name} ${s.name} ${c.format(v)}`)}</title></rect>`,
        );
      parts.push(
        `<text x="${LABEL_W + w + 6}" y="${y + BAR_H - 6}" font-size="14" fill="#1f2328">${v === null ? '—' : svgText(c.format(v))}</text>`,
      );
    });
  });
  parts.push(`<line x1="${LABEL_W}" y1="${TOP - 4}" x2="${LABEL_W}" y2="${height - 12}" stroke="#6b7785"/>`);
  const desc = c.categories
    .map(
      (name, i) =>
        `${name}：${c.series.map((s) => `${s.name} ${s.values[i] == null ? '无' : c.format(s.values[i]!)}`).join('，')}`,
    )
    .join('；');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="chart-title chart-desc" ${SVG_FONT}>`,
    `<title id="chart-title">${svgText(c.title)}</title><desc id="chart-desc">${svgText(desc)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('');
}
