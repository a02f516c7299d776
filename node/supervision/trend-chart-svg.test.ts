import { describe, expect, it } from 'vitest';
import { countTicks, trendChartSvg } from './trend-chart-svg.js';

describe('the daily chart of counts', () => {
  it('labels its y axis with whole numbers only', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
    const svg = trendChartSvg({
      title: '每日受理与办结',
      dates: ['2026-11-02', '2026-11-03'],
      series: [{ name: '受理', color: '#0b4a8b', values: [5, 2] }],
    });
    const labels = [...svg.matchAll(/text-anchor="end"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(labels).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});
