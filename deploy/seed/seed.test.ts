import { describe, it, expect } from 'vitest';
import {
  calendarDocId,
  calendarSchema,
  categoryDocId,
  categorySchema,
  matterDocId,
  matterDraftProblems,
  matterSchema,
  orgDocId,
  organisationSchema,
  parentOf,
  validateDoc,
  type Matter,
} from '../../sync/index.js';
import {
  DEPARTMENTS,
  deptPath,
  seedCalendars,
  seedCategories,
  seedDocuments,
  seedMatters,
  seedOrganisations,
} from './index.js';

const docs = seedDocuments();
const orgs = seedOrganisations();
const matters = seedMatters();
const categories = seedCategories();
const calendars = seedCalendars();
const orgByPath = new Map(orgs.map((o) => [o.path, o]));

const schemaOf = {
  organisation: organisationSchema,
  matter: matterSchema,
  category: categorySchema,
  calendar: calendarSchema,
};

function findMatter(part: string): Matter {
  const found = matters.filter((m) => m.name.includes(part));
  expect(found, `matter named like ${part}`).toHaveLength(1);
  return found[0] as Matter;
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

describe('seed documents', () => {
  it('holds every kind of seed document', () => {
    expect(docs).toHaveLength(orgs.length + categories.length + matters.length + calendars.length);
  });

  it('every document passes validateDoc and the full schema of its type', () => {
    for (const doc of docs) {
      const check = validateDoc(doc);
      expect(check, `${doc._id}: ${check.ok ? '' : check.reason}`).toMatchObject({ ok: true, doc });
      expect(schemaOf[doc.type].safeParse(doc).success, doc._id).toBe(true);
    }
  });

  it('validateDoc refuses a seed matter broken on purpose, so the check above has teeth', () => {
    const broken = { ...findMatter('居住证'), promisedDays: 99, legalDays: 15 };
    expect(validateDoc(broken).ok).toBe(false);
  });

  it('every document carries the district envelope', () => {
    for (const doc of docs) {
      expect(doc.scope).toBe('dongcheng');
      expect(doc.parties).toEqual(['dongcheng']);
      expect(doc.author).toEqual({ id: 'seed', name: '东城区政务服务管理办公室', org: 'dongcheng' });
      expect(doc.at).toBe('2026-01-01T00:00:00+08:00');
    }
  });

  it('ids come from the sync helpers and are unique', () => {
    for (const o of orgs) expect(o._id).toBe(orgDocId(o.path));
    for (const m of matters) expect(m._id).toBe(matterDocId(m.code));
    for (const c of categories) expect(c._id).toBe(categoryDocId(c.number));
    for (const c of calendars) expect(c._id).toBe(calendarDocId(c.year));
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
  });

  it('builds fresh documents on every call, so a caller mutating one cannot corrupt the next seed', () => {
    const first = seedDocuments();
    first[0]?.parties.push('dongcheng/jingshan');
    expect(seedDocuments()[0]?.parties).toEqual(['dongcheng']);
  });
});

describe('seed organisations', () => {
  it('has one district center at the root', () => {
    const centers = orgs.filter((o) => o.kind === 'center');
    expect(centers).toHaveLength(1);
    expect(centers[0]).toMatchObject({ path: 'dongcheng', level: 4, name: '东城区政务服务中心' });
  });

  it('has the 17 street offices, each with at least two community stations below it', () => {
    const streets = orgs.filter((o) => o.kind === 'street');
    expect(streets).toHaveLength(17);
    for (const s of streets) {
      expect(s.level).toBe(5);
      expect(parentOf(s.path)).toBe('dongcheng');
      expect(s.name).toMatch(/街道办事处$/);
      const communities = orgs.filter((o) => o.kind === 'community' && parentOf(o.path) === s.path);
      expect(communities.length, s.path).toBeGreaterThanOrEqual(2);
    }
    expect(orgByPath.get('dongcheng/jingshan/huangchenggen')?.name).toBe('皇城根社区服务站');
  });

  it('places every community at level 6 under a street, and every department at level 4 under dongcheng/dept', () => {
    for (const o of orgs.filter((x) => x.kind === 'community')) {
      expect(o.level).toBe(6);
      expect(orgByPath.get(parentOf(o.path) ?? '')?.kind).toBe('street');
    }
    for (const o of orgs.filter((x) => x.kind === 'department')) {
      expect(o.level).toBe(4);
      expect(parentOf(o.path)).toBe('dongcheng/dept');
    }
  });

  it('has unique paths and the departments the catalogue and the restaurant licence need', () => {
    expect(orgByPath.size).toBe(orgs.length);
    const needed = [
      'market',
      'health',
      'ecology',
      'national-tax',
      'local-tax',
      'quality',
      'stats',
      'civil',
      'disabled',
      'hrss',
      'police',
      'medinsurance',
      'housing',
    ] as const;
    for (const slug of needed) expect(orgByPath.get(deptPath(slug))?.kind, slug).toBe('department');
    expect(orgs.filter((o) => o.kind === 'department')).toHaveLength(Object.keys(DEPARTMENTS).length);
  });
});

describe('seed categories', () => {
  it('are exactly the numbers 1 to 15 with distinct names', () => {
    expect(categories.map((c) => c.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(new Set(categories.map((c) => c.name)).size).toBe(15);
  });

  it('cover every matter, and every category holds at least one matter', () => {
    const numbers = new Set(categories.map((c) => c.number));
    for (const m of matters) expect(numbers.has(m.category), m.code).toBe(true);
    for (const n of numbers)
      expect(
        matters.some((m) => m.category === n),
        `category ${n}`,
      ).toBe(true);
  });
});

describe('seed catalogue', () => {
  it('has at least 44 matters over at least 10 departments, with unique codes', () => {
    expect(matters.length).toBeGreaterThanOrEqual(44);
    expect(new Set(matters.map((m) => m.department)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(matters.map((m) => m.code)).size).toBe(matters.length);
  });

  it('names only existing departments, as the owner and in every stage', () => {
    for (const m of matters) {
      const paths = [m.department, ...(m.stages ?? []).flatMap((s) => s.departments)];
      for (const p of paths) expect(orgByPath.get(p)?.kind, `${m.code} → ${p}`).toBe('department');
    }
  });

  it('contains every matter the halls must offer', () => {
    const names = [
      '残疾人证核发',
      '临时居民身份证',
      '医师执业注册',
      '企业设立登记',
      '食品经营许可（开办',
      '排污许可',
      '边境管理区通行证',
      '最低生活保障',
      '城乡居民基本医疗保险',
      '生育登记',
      '居住证',
    ];
    for (const n of names) expect(matters.filter((m) => m.name.includes(n)).length, n).toBeGreaterThanOrEqual(1);
    expect(matters.map((m) => m.name)).toContain('医师执业注册');
  });

  it('runs the restaurant licence as the two-stage 并联审批 the center described', () => {
    const m = findMatter('食品经营许可（开办');
    expect(m.department).toBe(deptPath('market'));
    expect(m.decidedBy).toBe('department');
    expect(m.stages).toEqual([
      { name: '现场核查', departments: [deptPath('health'), deptPath('ecology')] },
      {
        name: '联合审批',
        departments: ['market', 'quality', 'national-tax', 'local-tax', 'stats'].map((s) => `dongcheng/dept/${s}`),
      },
    ]);
  });

  it('lets community stations and streets accept the residents’ matters but keeps business licences at the district', () => {
    for (const n of ['残疾人证核发', '最低生活保障', '居住证']) expect(findMatter(n).levels).toEqual([4, 5, 6]);
    expect(findMatter('企业设立登记').levels).toEqual([4]);
    expect(findMatter('最低生活保障').decidedBy).toBe('street');
  });

  it('keeps the time limits and 容缺 rules consistent', () => {
    for (const m of matters) {
      expect(m.promisedDays, m.code).toBeLessThanOrEqual(m.legalDays);
      if (m.instant) expect(m.promisedDays, m.code).toBe(0);
      else expect(m.promisedDays, m.code).toBeGreaterThan(0);
      if (m.allowsMakeUp)
        expect(
          m.materials.some((x) => x.necessity === 'secondary'),
          m.code,
        ).toBe(true);
      if (m.decidedBy === 'street') expect(m.levels, m.code).toContain(5);
      expect(new Set(m.materials.map((x) => x.id)).size, m.code).toBe(m.materials.length);
    }
  });

  // 事项管理 loads the version in force and saves it as a draft: a seed matter must pass the rule a
  // draft meets (no catch-all material, every required one with its source or sample form).
  it('meets the catalogue rule for drafts, so each version in force can be saved as loaded', () => {
    for (const m of matters) expect(matterDraftProblems(m), m.code).toEqual([]);
  });

  it('has a realistic mix: many instant matters, several with 容缺, a few staged, some with fees', () => {
    expect(matters.filter((m) => m.instant).length).toBeGreaterThanOrEqual(12);
    expect(matters.filter((m) => m.allowsMakeUp).length).toBeGreaterThanOrEqual(3);
    expect(matters.filter((m) => (m.stages ?? []).length > 0).length).toBeGreaterThanOrEqual(2);
    expect(findMatter('临时居民身份证').fees).toEqual([expect.objectContaining({ amountYuan: 10 })]);
  });
});

describe('seed calendars', () => {
  it('cover 2025, 2026 and 2027', () => {
    expect(calendars.map((c) => c.year)).toEqual([2025, 2026, 2027]);
  });

  it('list make-up workdays only on weekends and never on a holiday', () => {
    for (const c of calendars) {
      const holidays = new Set(c.holidays.map((h) => h.date));
      expect(c.workdays.length, String(c.year)).toBeGreaterThan(0);
      for (const d of c.workdays) {
        expect([0, 6], d).toContain(weekday(d));
        expect(holidays.has(d), d).toBe(false);
        expect(d.startsWith(`${c.year}-`), d).toBe(true);
      }
      expect(new Set(c.workdays).size).toBe(c.workdays.length);
    }
  });

  it('list each holiday date once, inside its year, with New Year’s Day first', () => {
    for (const c of calendars) {
      const dates = c.holidays.map((h) => h.date);
      expect(new Set(dates).size, String(c.year)).toBe(dates.length);
      for (const d of dates) expect(d.startsWith(`${c.year}-`), d).toBe(true);
      expect(c.holidays[0]).toEqual({ date: `${c.year}-01-01`, name: '元旦' });
    }
  });

  it('match the published 2025 and 2026 schedules on their landmark days', () => {
    const y2025 = calendars[0];
    const y2026 = calendars[1];
    const holidayName = (c: typeof y2025, d: string) => c?.holidays.find((h) => h.date === d)?.name;
    expect(holidayName(y2025, '2025-01-28')).toBe('春节');
    expect(holidayName(y2025, '2025-10-06')).toBe('国庆节、中秋节');
    expect(y2025?.holidays.filter((h) => h.name === '春节')).toHaveLength(8);
    expect(y2025?.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(holidayName(y2026, '2026-02-17')).toBe('春节');
    expect(y2026?.holidays.filter((h) => h.name === '春节')).toHaveLength(9);
    expect(y2026?.workdays).toContain('2026-02-14');
    expect(y2026?.workdays).toContain('2026-02-28');
  });
});
