import { matterDocId, type Matter } from '../../../sync/index.js';
import { seedDoc } from '../seed-doc.js';

type MatterBody = Omit<Matter, '_id' | '_rev' | 'type' | 'scope' | 'parties' | 'author' | 'at'>;
type Defaulted = 'fees' | 'allowsMakeUp' | 'makeUpDays' | 'keywords' | 'version';

/** A catalogue entry as the seed files write it: a matter's body, with the rarely-set fields optional. */
export type MatterSpec = Omit<MatterBody, Defaulted> & Partial<Pick<MatterBody, Defaulted>>;

/** Turns a catalogue entry into a matter document: version 1, free of charge, no 容缺, 5 make-up days and no keywords unless it says otherwise. */
export function defineMatter(spec: MatterSpec): Matter {
  return seedDoc('matter', matterDocId(spec.code), {
    fees: [],
    allowsMakeUp: false,
    makeUpDays: 5,
    keywords: [],
    version: 1,
    ...spec,
  });
}
