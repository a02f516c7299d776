import type { MaterialSpec } from '../../../sync/index.js';
import { LICENCE } from './licence-types.js';

// A required material gives its source (来源渠道) or sample form: the seed meets the rule a draft must (matterDraftProblems).
type Extra = Pick<MaterialSpec, 'source' | 'form' | 'note' | 'commitment'>;
type Necessity = MaterialSpec['necessity'];

function material(
  necessity: Necessity,
  id: string,
  name: string,
  originals: number,
  copies: number,
  extra: Extra,
): MaterialSpec {
  return { id, name, necessity, originals, copies, ...extra };
}

/** A 主要材料: without it the window refuses the case. */
export function required(id: string, name: string, originals = 1, copies = 0, extra: Extra = {}): MaterialSpec {
  return material('required', id, name, originals, copies, extra);
}

/** A 次要材料: a matter that allows 容缺 accepts the case without it and waits for it to be made up. */
export function secondary(id: string, name: string, originals = 1, copies = 0, extra: Extra = {}): MaterialSpec {
  return material('secondary', id, name, originals, copies, extra);
}

/** A material asked for only when its note applies. */
export function optional(id: string, name: string, originals = 1, copies = 0, extra: Extra = {}): MaterialSpec {
  return material('optional', id, name, originals, copies, extra);
}

/** The applicant's resident identity card, shown in original with one copy kept. */
export const applicantId = (who = '申请人'): MaterialSpec =>
  required('id-card', `${who}居民身份证`, 1, 1, { source: '公安机关' });

/** The household register (户口簿), shown in original. */
export const householdRegister = (necessity: Necessity = 'required'): MaterialSpec =>
  material(necessity, 'household-register', '居民户口簿', 1, 0, { source: '公安机关' });

/** The company's business licence; its electronic licence spares the paper copy (免提交). */
export const businessLicence = (): MaterialSpec => ({
  ...required('business-licence', '营业执照', 0, 1, {
    source: '市场监督管理部门',
    note: '已通过电子证照共享获取的，免于提交',
  }),
  licence: LICENCE.business.licenceType,
});

/** The legal representative's identity card. */
export const legalRepId = (): MaterialSpec =>
  required('legal-rep-id', '法定代表人居民身份证', 0, 1, { source: '公安机关' });

/** A power of attorney with the agent's identity card, when someone else applies. */
export const agentAuthorisation = (): MaterialSpec =>
  optional('agent-authorisation', '授权委托书及受托人居民身份证', 1, 1, { note: '委托他人代为办理时提交' });

/** Recent bareheaded colour photographs of the given size. */
export const photos = (count: number, size = '2寸', note?: string): MaterialSpec =>
  required('photo', `近期${size}白底免冠彩色照片`, count, 0, {
    source: '申请人自备',
    ...(note === undefined ? {} : { note }),
  });
