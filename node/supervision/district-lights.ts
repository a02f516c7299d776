import { isWithin } from '../../sync/index.js';
import { isAccepted, isClosed, type CaseState } from '../../sync/index.js';
import type { Light } from '../domain/traffic-light.js';

type Count = { key: string; name: string; green: number; yellow: number; red: number; paused: number };

/** A yellow or red case as the supervision office sees it: in full, with who accepted it and who holds it. */
export interface WatchedCase {
  id: string;
  queryCode: string;
  matterName: string;
  applicantName: string;
  hall: string;
  hallName: string;
  holderName: string;
  departmentName: string;
  clerk: string;
  acceptedAt: string;
  promisedBy: string;
  light: 'yellow' | 'red';
}

/**
 * 红绿灯 as the supervision office watches it (效能监察): every open case's light counted per
 * accepting hall and per department, with the yellow and red cases listed — at the district
 * center, which holds every case, the whole district; elsewhere the node's own part.
 */
export function districtLights(
  cases: Iterable<CaseState>,
  lightOf: (c: CaseState) => Light | null,
  orgName: (p: string) => string,
  org?: string,
) {
  const halls = new Map<string, Count>();
  const departments = new Map<string, Count>();
  const totals = { green: 0, yellow: 0, red: 0, paused: 0 };
  const watched: WatchedCase[] = [];
  const count = (m: Map<string, Count>, key: string, light: Light) => {
    let c = m.get(key);
    if (!c) m.set(key, (c = { key, name: orgName(key), green: 0, yellow: 0, red: 0, paused: 0 }));
    c[light]++;
  };
  for (const c of cases) {
    // An application in 预审 has no deadline yet, so no light.
    if (isClosed(c.status) || !isAccepted(c) || (org && !isWithin(c.scope, org))) continue;
    const light = lightOf(c);
    if (!light) continue;
    totals[light]++;
    count(halls, c.scope, light);
    count(departments, c.department, light);
    // A paused case waits for the applicant: nothing for the supervision office to chase.
    if (light === 'green' || light === 'paused') continue;
    watched.push({
      id: c.id,
      queryCode: c.queryCode,
      matterName: c.matterName,
      applicantName: c.applicant.name,
      hall: c.scope,
      hallName: orgName(c.scope),
      holderName: orgName(c.holder),
      departmentName: orgName(c.department),
      clerk: c.acceptedBy.name ?? c.acceptedBy.id,
      acceptedAt: c.acceptedAt,
      promisedBy: c.promisedBy,
      light,
    });
  }
  watched.sort((a, b) =>
    a.light !== b.light ? (a.light === 'red' ? -1 : 1) : a.promisedBy.localeCompare(b.promisedBy),
  );
  const bySeverity = (a: Count, b: Count) => b.red - a.red || b.yellow - a.yellow || a.key.localeCompare(b.key);
  return {
    totals,
    halls: [...halls.values()].sort(bySeverity),
    departments: [...departments.values()].sort(bySeverity),
    items: watched,
  };
}
