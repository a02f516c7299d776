import type { IssuedLicence } from '../../../sync/index.js';

/**
 * The electronic licences (电子证照) the seed district's matters issue, with how long each is
 * valid: the disability certificate ten years (《残疾人证管理办法》), a business licence without
 * limit, a food business licence and a nurse's or physician's practice certificate five years.
 */
export const LICENCE = {
  disability: { licenceType: 'disability-card', name: '中华人民共和国残疾人证', validYears: 10 },
  business: { licenceType: 'business-licence', name: '营业执照' },
  food: { licenceType: 'food-licence', name: '食品经营许可证', validYears: 5 },
  nurse: { licenceType: 'nurse-licence', name: '护士执业证书', validYears: 5 },
  physician: { licenceType: 'physician-licence', name: '医师执业证书', validYears: 5 },
} as const satisfies Record<string, IssuedLicence>;

/** A material a licence of `type` stands for: taken from the applicant's licences instead of paper. */
export const byLicence = <T extends object>(spec: T, licence: IssuedLicence): T & { licence: string } => ({
  ...spec,
  licence: licence.licenceType,
});
