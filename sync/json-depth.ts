/** How deep any replicated document or checkpoint may nest: ours stay under ten; a deeper one is an attack on the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects and arrays deeper than `max`, found without recursion:
 * JSON.parse takes any depth, but JSON.stringify and PouchDB's clone overflow the stack on a few
 * thousand levels, which would turn a hostile document into a 500 instead of a refusal.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
