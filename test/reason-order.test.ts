import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Reasons are written "english / 中文" and the pages show what follows the last " / "
// (node/pages/browser/api.ts, field-errors.ts): a reason written the other way round shows the
// resident or clerk its English. This reads every source line for a quoted text that has Chinese
// before " / " and none after it.
const ROOTS = ['node', 'hub', 'sync', 'identity', 'deploy'];
/** Written Chinese first on purpose: case flags, which the pages read with chinesePart (either order). */
const EXEMPT = new Set(['sync/case-office.ts']);
const REVERSED = /[\u4e00-\u9fff][^'"`\n]* \/ [^\u4e00-\u9fff'"`\n]*['"`]/u;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

describe('bilingual reasons', () => {
  it('are written "english / 中文" everywhere, so the pages show their Chinese', () => {
    const reversed: string[] = [];
    for (const root of ROOTS)
      for (const file of sources(root)) {
        if (EXEMPT.has(file)) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/^\s*(\/\/|\/?\*)/.test(line)) return;
            if (REVERSED.test(line)) reversed.push(`${file}:${i + 1}: ${line.trim()}`);
          });
      }
    expect(reversed).toEqual([]);
  });

  it('finds one written the other way round', () => {
    expect(REVERSED.test("reason: '办件已结束 / the case is closed' }")).toBe(true);
    expect(REVERSED.test('reason: `by ${org} / 由 ${name} 签发` }')).toBe(false);
    expect(REVERSED.test("tile('受理 / 办结', x)")).toBe(false);
  });
});
