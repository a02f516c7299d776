import type { Matter } from '../../../sync/index.js';
import { CATEGORY } from '../categories.js';
import { deptPath } from '../departments.js';
import { defineMatter } from './define-matter.js';
import { agentAuthorisation, applicantId, householdRegister, optional, required, secondary } from './material-specs.js';

const medinsurance = deptPath('medinsurance');

const insuranceLaw = '《中华人民共和国社会保险法》';

/** Medical insurance: residents' enrolment, out-of-town treatment and reimbursement. */
export function medicalInsuranceMatters(): Matter[] {
  return [
    defineMatter({
      code: 'DC-YB-001',
      name: '城乡居民基本医疗保险参保登记',
      matterType: '20',
      levels: [4, 5, 6],
      department: medinsurance,
      legalBasis: [`${insuranceLaw}第二十三条、第二十五条`, '《北京市城乡居民基本医疗保险办法》'],
      serves: ['person'],
      conditions: [
        '本市户籍且不属于职工基本医疗保险覆盖范围的城乡居民，或者在本市就读的非本市户籍中小学生和婴幼儿',
        '每年集中参保缴费期内办理；新生儿等可随时参保',
      ],
      materials: [
        applicantId('参保人'),
        householdRegister(),
        optional('residence-permit', '居住证或者在校就读证明', 1, 0, { note: '非本市户籍中小学生、婴幼儿参保时提交' }),
      ],
      procedure: ['社区、街道或者区医保经办机构受理', '当场登记'],
      legalDays: 0,
      promisedDays: 0,
      instant: true,
      decidedBy: 'accepting',
      online: true,
      bookable: false,
      courier: false,
      category: CATEGORY.medicalInsurance,
      keywords: ['居民医保', '一老一小', '医保参保', '新生儿医保'],
    }),
    defineMatter({
      code: 'DC-YB-002',
      name: '异地就医备案',
      matterType: '20',
      levels: [4, 5],
      department: medinsurance,
      legalBasis: [
        `${insuranceLaw}第二十九条`,
        '《关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）',
      ],
      serves: ['person'],
      conditions: ['本市参保人员异地长期居住、临时外出就医或者转诊就医'],
      materials: [
        required('filing-form', '基本医疗保险参保人员异地就医备案表', 1, 0, {
          form: '基本医疗保险参保人员异地就医备案表',
        }),
        applicantId('参保人'),
        agentAuthorisation(),
      ],
      procedure: ['国家医保服务平台或者窗口申请', '当场备案'],
      legalDays: 0,
      promisedDays: 0,
      instant: true,
      decidedBy: 'accepting',
      online: true,
      bookable: false,
      courier: false,
      category: CATEGORY.medicalInsurance,
      keywords: ['异地就医', '外地看病', '直接结算'],
    }),
    defineMatter({
      code: 'DC-YB-003',
      name: '医疗费用手工报销',
      matterType: '04',
      levels: [4, 5],
      department: medinsurance,
      legalBasis: [`${insuranceLaw}第二十八条、第二十九条`],
      serves: ['person'],
      conditions: ['参保人员发生的医疗费用未能直接结算', '费用符合基本医疗保险药品目录、诊疗项目和医疗服务设施标准'],
      materials: [
        required('receipts', '医疗费用收据原件', 1, 0, { source: '就诊医疗机构' }),
        required('cost-details', '医疗费用明细清单', 1, 0, { source: '就诊医疗机构' }),
        required('diagnosis', '诊断证明或者门诊病历', 1, 1, { source: '就诊医疗机构' }),
        required('social-security-card', '社会保障卡', 1, 0, { source: '人力资源和社会保障部门' }),
        secondary('discharge-summary', '出院小结', 0, 1, { note: '报销住院费用时提交' }),
        agentAuthorisation(),
      ],
      procedure: ['街道社保所或者区医保经办机构受理', '费用审核', '报销款支付至社会保障卡'],
      legalDays: 30,
      promisedDays: 20,
      instant: false,
      decidedBy: 'department',
      allowsMakeUp: true,
      makeUpDays: 10,
      online: false,
      bookable: false,
      courier: false,
      category: CATEGORY.medicalInsurance,
      keywords: ['报销', '医药费', '零星报销', '垫付'],
    }),
  ];
}
