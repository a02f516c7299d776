import { describe, expect, it } from 'vitest';
import { districtBrand } from './district-brand.js';

describe('the district’s title in every page header', () => {
  it('is the district center’s name without 中心, for any node of the district', () => {
    const orgs = new Map([['dongcheng', { name: '东城区政务服务中心' }]]);
    expect(districtBrand(orgs, 'dongcheng/jingshan/huangchenggen')).toBe('东城区政务服务');
    expect(districtBrand(orgs, 'dongcheng')).toBe('东城区政务服务');
  });

  it('names no district when the node holds no center of its own (not 东城 at a 西城 hall)', () => {
    const orgs = new Map([['dongcheng', { name: '东城区政务服务中心' }]]);
    expect(districtBrand(orgs, 'xicheng/jinrongjie/fengsheng')).toBe('政务服务');
  });
});
