// The library (一表一库) as the node's API answers it to the pages.
import type { LibraryOffer } from '../../library/library-offers.js';
import type { LibraryLicence, LibraryMaterial } from '../../library/resident-library.js';

/** GET /api/my/library and POST /api/library/lookup: the holder's licences and earlier materials, and what they spare him for a matter. */
export interface LibraryAnswer {
  source: 'district' | 'this-hall';
  licences: Omit<LibraryLicence, 'key'>[];
  materials: (LibraryMaterial & { hallName: string })[];
  offers?: LibraryOffer[];
}
