import { HallnetError, MATERIAL_TYPES, sizeInChinese, type MaterialDoc } from '../../sync/index.js';

/** The first bytes each accepted type starts with: a file is what it says it is, never HTML named .pdf. */
const MAGIC: Record<MaterialDoc['contentType'], number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/**
 * Checks one uploaded material file against the bounds every material has (the write rule's):
 * PDF, JPEG or PNG, and no more than `maxBytes`. A wrong type is 415 and an oversized file 413,
 * each naming the material and the limit in Chinese; an empty file is 400.
 */
export function checkUpload(
  field: string,
  name: string,
  declared: string | undefined,
  bytes: Uint8Array,
  maxBytes: number,
): MaterialDoc['contentType'] {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  const known = (MATERIAL_TYPES as readonly string[]).includes(type) ? (type as MaterialDoc['contentType']) : undefined;
  if (!known || !MAGIC[known].every((b, i) => bytes[i] === b)) {
    throw new HallnetError('ERR_FILE_TYPE', `${field}: ${type || 'no type'} is not PDF, JPEG or PNG`, {
      // The message says which types; the reason names the material, so the two read as one sentence.
      issues: [{ field, reason: `PDF, JPEG or PNG only / ${name}` }],
      detail: { accepted: [...MATERIAL_TYPES] },
    });
  }
  if (bytes.byteLength > maxBytes) {
    throw new HallnetError('ERR_FILE_TOO_LARGE', `${field}: ${bytes.byteLength} bytes over ${maxBytes}`, {
      issues: [{ field, reason: `at most ${maxBytes} bytes / ${name}不得超过 ${sizeInChinese(maxBytes)}` }],
      detail: { maxBytes },
    });
  }
  if (!bytes.byteLength)
    throw new HallnetError('ERR_VALIDATION', `${field}: empty file`, {
      issues: [{ field, reason: `empty file / ${name}文件为空` }],
    });
  return known;
}
