import { describe, expect, it } from 'vitest';
import { defaultWindowPlan, parseWindowPlan } from './initial-windows.js';

describe('the windows a hall opens with', () => {
  it('reads HALLNET_WINDOWS with names, numbers and ranges', () => {
    expect(parseWindowPlan('w1=1号窗口:1-3,15; w2=老年人窗口:7,8,7')).toEqual([
      { id: 'w1', name: '1号窗口', categories: [1, 2, 3, 15] },
      { id: 'w2', name: '老年人窗口', categories: [7, 8] },
    ]);
  });

  it('refuses a plan it cannot read, naming the part', () => {
    expect(() => parseWindowPlan('w1=1号窗口:16')).toThrow(/categories/);
    expect(() => parseWindowPlan('W 1=窗口:1')).toThrow(/id/);
    expect(() => parseWindowPlan('w1')).toThrow();
    expect(() => parseWindowPlan('')).toThrow();
    expect(parseWindowPlan('none')).toEqual([]);
  });

  it('opens comprehensive windows for every category the hall accepts, by kind of hall', () => {
    const matters = [{ category: 7 }, { category: 4 }, { category: 7 }];
    expect(defaultWindowPlan('dongcheng/jingshan/huangchenggen', 6, matters)).toEqual([
      { id: 'w1', name: '1号窗口', categories: [4, 7] },
      { id: 'w2', name: '2号窗口', categories: [4, 7] },
    ]);
    expect(defaultWindowPlan('dongcheng', 4, matters)).toHaveLength(8);
    expect(defaultWindowPlan('dongcheng/jingshan', 5, matters)).toHaveLength(3);
    expect(defaultWindowPlan('dongcheng/dept/disabled', 4, matters)).toHaveLength(1);
    expect(defaultWindowPlan('dongcheng', 4, [])).toEqual([]);
  });
});
