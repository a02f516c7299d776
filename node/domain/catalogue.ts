import { matterInForce, type Level, type Matter, type MatterRef } from '../../sync/index.js';
import { chinaDate } from './working-days.js';

export interface MatterQuery {
  q?: string | undefined;
  department?: string | undefined;
  category?: number | undefined;
  level?: Level | undefined;
  online?: boolean | undefined;
}

/**
 * The published catalogue as this node holds it, searchable in Chinese: a keyword matches the
 * name, keywords, department name, conditions and material names, as a substring (Chinese has no
 * spaces to tokenise on, and 40–800 matters are searched faster than any index is built). Every
 * published version of a matter is kept: the guide and the windows see the one in force today
 * (matterInForce), a case the one it was accepted under.
 */
export class Catalogue {
  private readonly versions = new Map<string, Matter[]>();
  private readonly departmentNames = new Map<string, string>();

  constructor(
    matters: Iterable<Matter>,
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const m of matters) this.put(m);
  }

  /** Lets a search for a department's name (市场监管) find its matters. */
  setDepartmentName(path: string, name: string): void {
    this.departmentNames.set(path, name);
  }

  /** How many matters are in force today. */
  get size(): number {
    return this.current().length;
  }

  /** The matter's version in force today; undefined when unknown, not yet in force or retired. */
  get(code: string): Matter | undefined {
    const versions = this.versions.get(code);
    return versions && matterInForce(versions, chinaDate(this.clock()));
  }

  /** One published version of a matter (a case's own). */
  version(code: string, version: number): Matter | undefined {
    return this.versions.get(code)?.find((m) => m.version === version);
  }

  /**
   * The version a case was accepted under (version 1 for a case that names none): every action on
   * an open case — make-up, completion, 预审, stages, licences — follows it, never a later version.
   * Versions are public documents every node keeps, so it is there offline too.
   */
  ofCase(c: MatterRef): Matter | undefined {
    return this.version(c.matterCode, c.matterVersion ?? 1);
  }

  /** The matter's last published version, in force or not (a retirement included). */
  latest(code: string): Matter | undefined {
    return this.versions
      .get(code)
      ?.reduce<Matter | undefined>((a, m) => (!a || m.version > a.version ? m : a), undefined);
  }

  /** Adds a version as one arrives through sync, or replaces the same version (the seed written again). */
  put(matter: Matter): void {
    const held = (this.versions.get(matter.code) ?? []).filter((m) => m.version !== matter.version);
    this.versions.set(matter.code, [...held, matter]);
  }

  remove(code: string): void {
    this.versions.delete(code);
  }

  private current(): Matter[] {
    const day = chinaDate(this.clock());
    return [...this.versions.values()].flatMap((v) => matterInForce(v, day) ?? []);
  }

  search(query: MatterQuery): Matter[] {
    const terms = (query.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
    const out: Matter[] = [];
    for (const m of this.current()) {
      if (query.department && m.department !== query.department) continue;
      if (query.category !== undefined && m.category !== query.category) continue;
      if (query.level !== undefined && !m.levels.includes(query.level)) continue;
      if (query.online !== undefined && m.online !== query.online) continue;
      if (terms.length) {
        const text = this.haystack(m);
        if (!terms.every((t) => text.includes(t))) continue;
      }
      out.push(m);
    }
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }

  private haystack(m: Matter): string {
    return [
      m.name,
      m.code,
      ...m.keywords,
      this.departmentNames.get(m.department) ?? '',
      ...m.conditions,
      ...m.materials.map((x) => x.name),
    ]
      .join(' ')
      .toLowerCase();
  }
}
