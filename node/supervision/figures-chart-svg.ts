import { barChartSvg } from './bar-chart-svg.js';
import type { Figures } from './compute-figures.js';
import { trendChartSvg } from './trend-chart-svg.js';

/** The charts of the supervision dashboard. */
export const FIGURE_CHARTS = ['score', 'rates', 'daily'] as const;
export type FigureChart = (typeof FIGURE_CHARTS)[number];

const BY_NAME = { node: '各服务机构', department: '各部门', matter: '各事项', clerk: '各窗口人员' } as const;
const MOST = 15;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * A chart of the figures, drawn on the server as SVG: the overall score per group, the three
 * rates per group, or accepted and completed cases per day. At most the 15 busiest groups.
 */
export function figuresChartSvg(f: Figures, chart: FigureChart): string {
  const period = `${f.from} 至 ${f.to}`;
  const rows = f.rows.slice(0, MOST);
  if (chart === 'daily') {
    return trendChartSvg({
      title: `每日受理与办结（${period}）`,
      dates: f.daily.map((d) => d.date),
      series: [
        { name: '受理', color: '#0b4a8b', values: f.daily.map((d) => d.accepted) },
        { name: '办结', color: '#17692d', values: f.daily.map((d) => d.completed) },
      ],
    });
  }
  if (chart === 'score') {
    return barChartSvg({
      title: `${BY_NAME[f.by]}综合考评得分（${period}）`,
      categories: rows.map((r) => r.name),
      series: [{ name: '综合得分', color: '#0b4a8b', values: rows.map((r) => r.score) }],
      max: 100,
      format: (v) => v.toFixed(1),
    });
  }
  return barChartSvg({
    title: `${BY_NAME[f.by]}即办率、按时办结率、满意率（${period}）`,
    categories: rows.map((r) => r.name),
    series: [
      { name: '即办率', color: '#5a2d82', values: rows.map((r) => r.instantRate) },
      { name: '按时办结率', color: '#0b4a8b', values: rows.map((r) => r.onTimeRate) },
      { name: '满意率（含默认）', color: '#17692d', values: rows.map((r) => r.satisfactionRateWithDefaults) },
    ],
    max: 1,
    format: pct,
  });
}
