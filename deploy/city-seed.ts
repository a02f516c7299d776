import { districtRootDoc, signCityDoc } from '../hub/index.js';
import type { Envelope } from '../sync/index.js';
import { cityCatalogue } from './city-catalogue.js';
import { enrolledDistrictRoots } from './enroll-district-hub.js';
import type { Issuer } from './enroll.js';

/**
 * What a city hub publishes at start: its catalogue, signed with the city root's key (every hall
 * trusts it from the city's root document), the city's root, and the root of each district it
 * enrolled (`hallnet city enroll` kept them in its folder), certified by the city root and named.
 */
export function citySeedDocs(cityDir: string, city: string, cityCa: Issuer, now: Date): Envelope[] {
  return [
    ...cityCatalogue(city).map((m) => signCityDoc(cityCa.keyPem, m)),
    districtRootDoc(city, city, cityCa.chainPem[0]!, now),
    ...enrolledDistrictRoots(cityDir).map((d) => districtRootDoc(city, d.district, d.rootPem, now, cityCa, d.name)),
  ];
}
