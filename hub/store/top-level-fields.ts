const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * A reader of the named top-level fields of `json`, the UTF-8 text of a JSON object as the store
 * wrote it, each parsed; every other key and value is skipped over, byte by byte, without being
 * decoded or parsed. A store body is ~1 KB of which the index reads two short fields
 * (`VISIBILITY_FIELDS`): decoding and parsing whole bodies made a million strings and objects for
 * the collector. It stops once every field is found, since the text is `JSON.stringify`'s, which
 * writes a key once. (UTF-8 never puts a quote, bracket or backslash byte inside a multi-byte
 * character.) The reader throws on text that is not an object.
 */
export function topLevelFields(fields: readonly string[]): (json: Buffer) => Record<string, unknown> {
  // Each name as the bytes of its JSON string between the quotes, to compare keys without decoding them.
  const names = fields.map((f) => Buffer.from(JSON.stringify(f).slice(1, -1)));
  const which = (json: Buffer, from: number, to: number): number => {
    if (json.indexOf(BACKSLASH, from) < to) return fields.indexOf(JSON.parse(json.toString('utf8', from - 1, to + 1)));
    return names.findIndex((n) => n.length === to - from && json.compare(n, 0, n.length, from, to) === 0);
  };
  return (json) => {
    const out: Record<string, unknown> = {};
    let found = 0;
    let i = skipSpace(json, 0);
    expect(json, i, OPEN_OBJECT);
    i = skipSpace(json, i + 1);
    if (json[i] === CLOSE_OBJECT) return out;
    for (;;) {
      expect(json, i, QUOTE);
      const keyEnd = endOfString(json, i);
      const field = which(json, i + 1, keyEnd - 1);
      i = skipSpace(json, keyEnd);
      expect(json, i, COLON);
      i = skipSpace(json, i + 1);
      const valueEnd = endOfValue(json, i);
      if (field >= 0) {
        out[fields[field] as string] = JSON.parse(json.toString('utf8', i, valueEnd));
        if (++found === fields.length) return out;
      }
      i = skipSpace(json, valueEnd);
      if (json[i] === CLOSE_OBJECT) return out;
      expect(json, i, COMMA);
      i = skipSpace(json, i + 1);
    }
  };
}

function expect(json: Buffer, i: number, code: number): void {
  if (json[i] !== code) throw new SyntaxError(`expected ${String.fromCharCode(code)} at byte ${i} of a JSON object`);
}

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(json: Buffer, i: number): number {
  while (isSpace(json[i])) i++;
  return i;
}

/** The index after the string that opens at `i`. */
function endOfString(json: Buffer, i: number): number {
  for (let j = i + 1; j < json.length; j++) {
    const c = json[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  throw new SyntaxError(`unterminated string at byte ${i} of a JSON object`);
}

/** The index after the value that starts at `i`. */
function endOfValue(json: Buffer, i: number): number {
  const first = json[i];
  if (first === QUOTE) return endOfString(json, i);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let j = i; j < json.length; ) {
      const c = json[j];
      if (c === QUOTE) {
        j = endOfString(json, j);
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) return j + 1;
      j++;
    }
    throw new SyntaxError(`unterminated value at byte ${i} of a JSON object`);
  }
  // A number, true, false or null: up to the next separator.
  let j = i;
  for (let c = json[j]; j < json.length && c !== COMMA && c !== CLOSE_OBJECT && c !== CLOSE_ARRAY && !isSpace(c); )
    c = json[++j];
  if (j === i) throw new SyntaxError(`expected a value at byte ${i} of a JSON object`);
  return j;
}
