/** A random positive serial of 16 octets as lowercase hex, the form forge reads back. */
export function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // DER INTEGERs are signed and must be minimal: clear the top bit, and never start with 0x00.
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True for a serial given in the form `randomSerial` returns: positive, minimal, at most 20 octets. */
export function isValidSerial(hex: string): boolean {
  if (!/^([0-9a-f]{2}){1,20}$/.test(hex)) return false;
  const first = parseInt(hex.slice(0, 2), 16);
  if (first >= 0x80) return false;
  // A leading 0x00 is allowed only to keep the next octet's top bit from reading as a sign.
  if (first === 0) return hex.length > 2 && parseInt(hex.slice(2, 4), 16) >= 0x80;
  return true;
}
