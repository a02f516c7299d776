import { expect } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../../deploy/start-district.js';
import type { Applicant } from '../../../sync/index.js';
import { clerkClient } from '../../support/client.js';
import { eventually } from '../../support/eventually.js';
import { PASSWORD } from '../../support/start-test-node.js';

/** The station whose genuine key the attacker holds, and its street. */
export const STATION = 'dongcheng/jingshan/huangchenggen';
export const STATION_STREET = 'dongcheng/jingshan';
/** The clerk every hall of `startStationDistrict` given staff has. */
export const CLERK = { account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD };

/** The district center, the station's street and the station, running; `staffAt` are the halls with a clerk. */
export function startStationDistrict(dir: string, staffAt: readonly string[] = [STATION]): Promise<RunningDistrict> {
  const staff = (org: string) => (staffAt.includes(org) ? { staff: [CLERK] } : {});
  return startDistrict({
    dir,
    nodes: [
      { org: 'dongcheng', ...staff('dongcheng') },
      { org: STATION_STREET, ...staff(STATION_STREET) },
      { org: STATION, ...staff(STATION) },
    ],
  });
}

/** A 残疾人证 case for `applicant`, accepted by the clerk at `org` with every required paper; its id (without `case:`). */
export async function acceptAt(district: RunningDistrict, org: string, applicant: Applicant): Promise<string> {
  const node = district.nodes.get(org)!;
  await eventually(() => node.services.reference.catalogue.size > 40, 30_000, `the catalogue at ${org}`);
  const matter = node.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const clerk = await clerkClient(node.url, CLERK.account, PASSWORD);
  const res = await clerk.post('/api/cases', { matterCode: matter.code, applicant, received });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** `acceptAt`, once the case has reached the hub's store: its document id (`case:…`). */
export async function acceptedAtHub(district: RunningDistrict, org: string, applicant: Applicant): Promise<string> {
  const id = `case:${await acceptAt(district, org, applicant)}`;
  await eventually(() => district.hub!.store.get(id), 30_000, 'the case at the hub');
  return id;
}
