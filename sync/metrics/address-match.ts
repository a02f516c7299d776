import { HallnetError } from '../errors.js';

/** What `loopback` stands for in an address list. */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

interface Address {
  v6: boolean;
  bits: bigint;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(text: string): bigint | undefined {
  let s = text.replace(/%.*$/, ''); // a zone (fe80::1%eth0) says nothing about who it is
  const dotted = s.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    // An embedded IPv4 tail (::ffff:10.0.0.1) is the last two groups written another way.
    const n = parseV4(dotted[2]!);
    if (n === undefined) return undefined;
    s = `${dotted[1]}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  const explicit = head.length + rest.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  const words = [...head, ...new Array<string>(8 - explicit).fill('0'), ...rest];
  let n = 0n;
  for (const w of words) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return undefined;
    n = (n << 16n) | BigInt(parseInt(w, 16));
  }
  return n;
}

/** An IPv4 or IPv6 address; an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) counts as the IPv4 one. */
function parseAddress(text: string): Address | undefined {
  const t = text.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = parseV4(t);
  if (v4 !== undefined) return { v6: false, bits: v4 };
  const v6 = parseV6(t);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { v6: false, bits: v6 & 0xffffffffn };
  return { v6: true, bits: v6 };
}

/**
 * A test for "is this address in the list": entries are addresses, CIDR ranges (`10.20.0.0/16`,
 * `fd00::/8`) or `loopback`. Throws ERR_CONFIG for an entry it cannot read.
 */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const ranges = entries
    .flatMap((e) => (e.trim() === 'loopback' ? LOOPBACK : [e.trim()]))
    .filter(Boolean)
    .map((entry) => {
      const [addr = '', prefixText] = entry.split('/');
      const a = parseAddress(addr);
      const width = a?.v6 ? 128 : 32;
      const prefix = prefixText === undefined ? width : Number(prefixText);
      if (!a || !Number.isInteger(prefix) || prefix < 0 || prefix > width) throw new HallnetError('ERR_CONFIG', `not an address or range: ${entry}`);
      const shift = BigInt(width - prefix);
      return { v6: a.v6, shift, net: a.bits >> shift };
    });
  return function inList(address) {
    const a = parseAddress(address);
    return a !== undefined && ranges.some((r) => r.v6 === a.v6 && a.bits >> r.shift === r.net);
  };
}
