import type { Matter } from '../../../sync/index.js';
import { CATEGORY } from '../categories.js';
import { deptPath } from '../departments.js';
import { defineMatter } from './define-matter.js';
import { byLicence, LICENCE } from './licence-types.js';
import { agentAuthorisation, applicantId, householdRegister, optional, photos, required } from './material-specs.js';

const disabled = deptPath('disabled');

const certificateRules = '《中华人民共和国残疾人证管理办法》（残联发〔2017〕29号）';

/** Disabled persons' federation: the disability certificate and the two disability allowances. */
export function disabledMatters(): Matter[] {
  return [
    defineMatter({
      code: 'DC-CL-001',
      name: '残疾人证核发',
      matterType: '20',
      levels: [4, 5, 6],
      department: disabled,
      legalBasis: ['《中华人民共和国残疾人保障法》第二条', certificateRules],
      serves: ['person'],
      conditions: [
        '具有本区户籍',
        '视力、听力、言语、肢体、智力、精神残疾或者多重残疾',
        '经区残联指定的医疗机构评定达到残疾标准',
      ],
      materials: [
        required('certificate-application', '《中华人民共和国残疾人证》申请表', 1, 0, {
          form: '中华人民共和国残疾人证申请表',
        }),
        applicantId(),
        householdRegister(),
        photos(3),
        optional('guardian-proof', '监护人居民身份证及监护关系证明', 1, 1, {
          note: '未成年人、智力或精神残疾人由监护人代办时提交',
        }),
      ],
      procedure: ['社区或街道受理申请', '到指定医疗机构进行残疾评定', '区残联审核评定结论', '制证并由街道或社区发放'],
      legalDays: 30,
      promisedDays: 15,
      instant: false,
      decidedBy: 'department',
      issues: [LICENCE.disability],
      online: true,
      bookable: true,
      courier: true,
      category: CATEGORY.disability,
      keywords: ['残疾证', '残疾评定', '办证'],
    }),
    defineMatter({
      code: 'DC-CL-002',
      name: '残疾人证换领、补领',
      matterType: '20',
      levels: [4, 5, 6],
      department: disabled,
      legalBasis: [certificateRules],
      serves: ['person'],
      conditions: ['残疾人证有效期满、遗失或者损毁', '残疾类别、等级发生变化的需重新评定'],
      materials: [
        required('renewal-application', '残疾人证换领（补领）申请表', 1, 0, { form: '中华人民共和国残疾人证申请表' }),
        applicantId('持证人'),
        photos(2),
        byLicence(optional('old-certificate', '原残疾人证', 1, 0, { note: '换领时交回' }), LICENCE.disability),
        agentAuthorisation(),
      ],
      procedure: ['社区或街道受理', '区残联审核', '制证并发放'],
      legalDays: 20,
      promisedDays: 10,
      instant: false,
      decidedBy: 'department',
      issues: [LICENCE.disability],
      online: true,
      bookable: true,
      courier: true,
      category: CATEGORY.disability,
      keywords: ['残疾证到期', '残疾证丢失', '换证'],
    }),
    defineMatter({
      code: 'DC-CL-003',
      name: '困难残疾人生活补贴和重度残疾人护理补贴申领',
      matterType: '04',
      levels: [4, 5, 6],
      department: disabled,
      legalBasis: [
        '《中华人民共和国残疾人保障法》第四十八条',
        '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）',
      ],
      serves: ['person'],
      conditions: [
        '持有第二代《中华人民共和国残疾人证》',
        '生活补贴：属于低保家庭或者低收入家庭；护理补贴：残疾等级为一级、二级且需要长期照护',
      ],
      materials: [
        required('allowance-application', '残疾人两项补贴申请审批表', 1, 0, { form: '残疾人两项补贴申请审批表' }),
        byLicence(
          required('disability-certificate', '中华人民共和国残疾人证', 1, 1, { source: '残疾人联合会' }),
          LICENCE.disability,
        ),
        householdRegister(),
        optional('low-income-proof', '低保或者低收入家庭证明', 0, 1, { note: '申请生活补贴时提交' }),
      ],
      procedure: ['社区或街道受理', '街道初审', '区残联审核', '区民政部门确认', '按月发放补贴'],
      legalDays: 30,
      promisedDays: 20,
      instant: false,
      decidedBy: 'department',
      online: true,
      bookable: false,
      courier: false,
      category: CATEGORY.disability,
      keywords: ['两项补贴', '护理补贴', '生活补贴'],
    }),
  ];
}
