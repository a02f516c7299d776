import type { Matter } from '../../../sync/index.js';
import { civilMatters } from './civil.js';
import { disabledMatters } from './disabled.js';
import { ecologyMatters } from './ecology.js';
import { healthMatters } from './health.js';
import { housingMatters } from './housing.js';
import { humanResourcesMatters } from './human-resources.js';
import { marketMatters } from './market.js';
import { medicalInsuranceMatters } from './medical-insurance.js';
import { policeMatters } from './police.js';
import { publicServiceMatters } from './public-services.js';
import { taxMatters } from './tax.js';

/** The seed catalogue: the matters the district's halls accept, grouped by department in the files beside this one. */
export function seedMatters(): Matter[] {
  return [
    ...marketMatters(),
    ...taxMatters(),
    ...healthMatters(),
    ...ecologyMatters(),
    ...civilMatters(),
    ...disabledMatters(),
    ...policeMatters(),
    ...humanResourcesMatters(),
    ...medicalInsuranceMatters(),
    ...housingMatters(),
    ...publicServiceMatters(),
  ];
}
