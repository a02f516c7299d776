import { SVG_FONT, svgText } from './svg-text.js';

/** A line chart to draw: one value per date in each series. */
export interface TrendChart {
  title: string;
  dates: string[];
  series: { name: string; color: string; values: number[] }[];
}

const WIDTH = 1200;
const HEIGHT = 340;
const LEFT = 56;
const RIGHT = 16;
const TOP = 52;
const BOTTOM = 40;

/**
 * The y axis for counts: whole-number ticks (never 1.3 cases) a round step apart (1, 2 or 5 times a
 * power of ten), at most five steps above 0, the top one at or above `v`.
 */
export function countTicks(v: number): number[] {
  const top = Math.max(1, Math.ceil(v));
  let step = 1;
  for (let p = 1; ; p *= 10) {
    const found = [1, 2, 5].map((m) => m * p).find((m) => Math.ceil(top / m) <= 5);
    if (found) {
      step = found;
      break;
    }
  }
  return Array.from({ length: Math.ceil(top / step) + 1 }, (_, k) => k * step);
}

/** A line chart of daily counts as an SVG document, drawn on the server, with axes, a legend and a text description. */
export function trendChartSvg(c: TrendChart): string {
  const ticks = countTicks(Math.max(0, ...c.series.flatMap((s) => s.values)));
  const max = ticks[ticks.length - 1]!;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const n = c.dates.length;
  const x = (i: number) => LEFT + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  const parts: string[] = [
    `<text x="16" y="26" font-size="19" font-weight="700" fill="#08386a">${svgText(c.title)}</text>`,
  ];
  let lx = LEFT;
  for (const s of c.series) {
    parts.push(
      `<rect x="${lx}" y="36" width="14" height="14" fill="${s.color}"/><text x="${lx + 18}" y="49" font-size="15" fill="#1f2328">${svgText(s.name)}</text>`,
    );
    lx += 32 + [...s.name].length * 15;
  }
  for (const v of ticks) {
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(v)}" y2="${y(v)}" stroke="#e1e6ed"/><text x="${LEFT - 6}" y="${y(v) + 4}" font-size="13" text-anchor="end" fill="#4f5863">${v}</text>`,
    );
  }
  // About a dozen date labels; the last day always, unless a label already stands close to it.
  const step = Math.max(1, Math.ceil(n / 12));
  c.dates.forEach((d, i) => {
    const last = i === n - 1 && (n - 1) % step >= step / 2;
    if (i % step === 0 || last)
      parts.push(
        `<text x="${x(i)}" y="${HEIGHT - BOTTOM + 20}" font-size="13" text-anchor="middle" fill="#4f5863">${svgText(d.slice(5))}</text>`,
      );
  });
  for (const s of c.series) {
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    if (n <= 62)
      s.values.forEach((v, i) =>
        parts.push(
          `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}"><title>${svgText(`${c.dates[i]} ${s.name} ${v}`)}</title></circle>`,
        ),
      );
  }
  parts.push(`<line x1="${LEFT}" y1="${TOP + plotH}" x2="${WIDTH - RIGHT}" y2="${TOP + plotH}" stroke="#6b7785"/>`);
  const totals = c.series.map((s) => `${s.name}共 ${s.values.reduce((a, b) => a + b, 0)} 件`).join('，');
  const range = n ? `${c.dates[0]} 至 ${c.dates[n - 1]}` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="trend-title trend-desc" ${SVG_FONT}>`,
    `<title id="trend-title">${svgText(c.title)}</title><desc id="trend-desc">${svgText(`${range}，${totals}`)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('');
}
