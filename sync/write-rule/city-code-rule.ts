import type { WriteContext } from './write-context.js';

/**
 * Why district `district` may not publish or draft a matter under `code`: the city catalogue holds
 * it (全市通办 — 一口管理、一口发布 at the city), so the city alone publishes its versions. A matter
 * held under the code with a scope other than the district's is the city's: nothing else reaches a
 * district's store.
 */
export function cityCodeProblem(code: string, district: string, ctx: WriteContext): string | undefined {
  const city = [ctx.matter(code), ctx.matter(code, 1)].find((m) => m && m.scope !== district);
  return city ? `${code} is in the city catalogue of ${city.scope} (全市通办): only the city publishes it` : undefined;
}
