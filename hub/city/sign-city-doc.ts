import type { Proof } from '../../sync/index.js';
import { NodeSigner } from '../../sync/node-only.js';

/**
 * A city document (its catalogue's matters) with the proof of the city root's key, as a district
 * center's node signs its district's matters: halls verify it from the city's root document.
 */
export function signCityDoc<T extends object>(cityKeyPem: string, doc: T): T & { proof: Proof } {
  return new NodeSigner(cityKeyPem).prove(doc);
}
