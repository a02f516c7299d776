import type { Level, Matter } from '../../sync/index.js';

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
 * spaces to tokenise on, and 40–800 matters are searched faster than any index is built).
 */
export class Catalogue {
  private readonly byCode = new Map<string, Matter>();
  private readonly departmentNames = new Map<string, string>();

  constructor(matters: Iterable<Matter>) {
    for (const m of matters) this.byCode.set(m.code, m);
  }

  /** Lets a search for a department's name (市场监管) find its matters. */
  setDepartmentName(path: string, name: string): void {
    this.departmentNames.set(path, name);
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): Matter | undefined {
    return this.byCode.get(code);
  }

  /** Replaces or adds a matter, as one arrives through sync. */
  put(matter: Matter): void {
    this.byCode.set(matter.code, matter);
  }

  remove(code: string): void {
    this.byCode.delete(code);
  }

  search(query: MatterQuery): Matter[] {
    const terms = (query.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
    const out: Matter[] = [];
    for (const m of this.byCode.values()) {
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
    return [m.name, m.code, ...m.keywords, this.departmentNames.get(m.department) ?? '', ...m.conditions, ...m.materials.map((x) => x.name)]
      .join(' ')
      .toLowerCase();
  }
}
