import type { Matter } from '../../../sync/index.js';
import { CATEGORY } from '../categories.js';
import { deptPath } from '../departments.js';
import { defineMatter } from './define-matter.js';
import { agentAuthorisation, businessLicence, optional, required } from './material-specs.js';

const ecology = deptPath('ecology');

/** Ecology and environment: discharge permits and environmental impact assessment. */
export function ecologyMatters(): Matter[] {
  return [
    defineMatter({
      code: 'DC-STHJ-001',
      name: '排污许可证核发',
      matterType: '00',
      levels: [4],
      department: ecology,
      legalBasis: ['《中华人民共和国环境保护法》第四十五条', '《排污许可管理条例》（国务院令第736号）'],
      serves: ['company'],
      conditions: [
        '纳入《固定污染源排污许可分类管理名录》实行重点管理或者简化管理的排污单位',
        '依法取得建设项目环境影响报告书（表）批准文件或者办理环境影响登记表备案手续',
        '污染物排放符合污染物排放标准要求',
      ],
      materials: [
        required('permit-application', '排污许可证申请表', 1, 0, {
          form: '排污许可证申请表（全国排污许可证管理信息平台填报）',
        }),
        required('monitoring-plan', '自行监测方案', 1, 0, { source: '申请人自备' }),
        required('compliance-pledge', '由法定代表人签字的守法承诺书', 1, 0, { form: '排污单位守法承诺书' }),
        required('outlet-description', '排污口和监测孔规范化设置情况说明', 1, 0, { source: '申请人自备' }),
        optional('eia-approval', '建设项目环境影响评价批准文件或者登记表备案材料', 0, 1, {
          note: '建设项目投产前申请的提交',
        }),
        agentAuthorisation(),
      ],
      procedure: [
        '全国排污许可证管理信息平台申报',
        '窗口受理',
        '技术审查（需要时现场核查）',
        '作出许可决定并核发排污许可证',
      ],
      legalDays: 20,
      promisedDays: 15,
      instant: false,
      decidedBy: 'department',
      online: true,
      bookable: true,
      courier: true,
      category: CATEGORY.ecology,
      keywords: ['排污证', '排污许可', '污染物排放'],
    }),
    defineMatter({
      code: 'DC-STHJ-002',
      name: '建设项目环境影响报告表审批',
      matterType: '00',
      levels: [4],
      department: ecology,
      legalBasis: ['《中华人民共和国环境影响评价法》第十六条、第二十二条', '《建设项目环境保护管理条例》'],
      serves: ['company'],
      conditions: ['按照《建设项目环境影响评价分类管理名录》应当编制环境影响报告表的建设项目'],
      materials: [
        required('eia-application', '建设项目环境影响评价文件审批申请书', 1, 0, {
          form: '建设项目环境影响评价文件审批申请书',
        }),
        required('eia-report', '建设项目环境影响报告表', 2, 0, { source: '环境影响评价机构' }),
        businessLicence(),
        agentAuthorisation(),
      ],
      procedure: ['窗口受理', '技术评估', '审查并公示', '作出审批决定'],
      legalDays: 30,
      promisedDays: 15,
      instant: false,
      decidedBy: 'department',
      online: true,
      bookable: true,
      courier: true,
      category: CATEGORY.ecology,
      keywords: ['环评', '环评审批', '报告表'],
    }),
    defineMatter({
      code: 'DC-STHJ-003',
      name: '建设项目环境影响登记表备案',
      matterType: '09',
      levels: [4],
      department: ecology,
      legalBasis: [
        '《中华人民共和国环境影响评价法》第二十二条',
        '《建设项目环境影响登记表备案管理办法》（环境保护部令第41号）',
      ],
      serves: ['company', 'person'],
      conditions: ['按照《建设项目环境影响评价分类管理名录》应当填报环境影响登记表的建设项目'],
      materials: [
        required('eia-registration-form', '建设项目环境影响登记表', 1, 0, { form: '建设项目环境影响登记表' }),
      ],
      procedure: ['网上填报', '自动生成备案回执'],
      legalDays: 0,
      promisedDays: 0,
      instant: true,
      decidedBy: 'accepting',
      online: true,
      bookable: false,
      courier: false,
      category: CATEGORY.ecology,
      keywords: ['环评', '登记表', '备案'],
    }),
  ];
}
