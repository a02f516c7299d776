import { categoryDocId, type Actor, type Category } from '../../sync/index.js';
import { seedDoc } from './seed-doc.js';

/** The ticket machine's 15 categories by key, so catalogue entries name them instead of numbering them. */
export const CATEGORY = {
  marketEntry: 1,
  foodDrugEquipment: 2,
  tax: 3,
  socialInsurance: 4,
  medicalInsurance: 5,
  employment: 6,
  civilAffairs: 7,
  disability: 8,
  residence: 9,
  exitEntry: 10,
  health: 11,
  ecology: 12,
  housing: 13,
  cultureEducation: 14,
  general: 15,
} as const;

type CategoryNumber = (typeof CATEGORY)[keyof typeof CATEGORY];

// A Record over the literal numbers makes a missing or extra category a compile error.
const NAMES: Record<CategoryNumber, string> = {
  1: '企业开办与市场准入',
  2: '食品药品与特种设备',
  3: '税务办理',
  4: '社会保险',
  5: '医疗保障',
  6: '就业创业与人力资源',
  7: '民政服务',
  8: '残疾人服务',
  9: '户籍与身份证件',
  10: '出入境与边境管理',
  11: '卫生健康',
  12: '生态环境',
  13: '住房城乡建设与规划',
  14: '文化旅游与教育',
  15: '综合服务',
};

/** The 15 categories (15大类) the center's matters are grouped in for its single ticket machine, as district `by`'s office publishes them. */
export function seedCategories(by?: Actor): Category[] {
  return Object.values(CATEGORY).map((number) =>
    seedDoc('category', categoryDocId(number), { number, name: NAMES[number] }, by),
  );
}
