import { DISTRICT } from './seed-doc.js';

/**
 * The district's departments with windows in the service center, by slug under `dongcheng/dept/`.
 * national-tax, local-tax and quality are the pre-2018 offices (since merged into 国家税务总局北京市
 * 东城区税务局 and the market regulator); they stay because the restaurant licence's second stage
 * follows the center's own description of 并联审批 with 工商、质监、国税、地税、统计.
 */
export const DEPARTMENTS = {
  market: '东城区市场监督管理局',
  quality: '北京市质量技术监督局东城分局',
  'national-tax': '北京市东城区国家税务局',
  'local-tax': '北京市东城区地方税务局',
  stats: '东城区统计局',
  health: '东城区卫生健康委员会',
  ecology: '北京市生态环境局东城分局',
  civil: '东城区民政局',
  disabled: '东城区残疾人联合会',
  police: '北京市公安局东城分局',
  hrss: '东城区人力资源和社会保障局',
  medinsurance: '东城区医疗保障局',
  housing: '东城区住房和城乡建设委员会',
  planning: '北京市规划和自然资源委员会东城分局',
  culture: '东城区文化和旅游局',
  education: '东城区教育委员会',
  justice: '东城区司法局',
  veterans: '东城区退役军人事务局',
} as const;

/** The slug of one of the seeded departments. */
export type DeptSlug = keyof typeof DEPARTMENTS;

/** The organisation path of a seeded department, `dongcheng/dept/<slug>`; unknown slugs do not compile. */
export function deptPath(slug: DeptSlug): string {
  return `${DISTRICT}/dept/${slug}`;
}
