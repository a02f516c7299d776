import type { Applicant } from '../../../sync/index.js';
import { eventually } from '../../support/eventually.js';
import { APPLICANT } from '../../support/fixtures.js';
import { acceptApplication, applyOnline } from '../../support/online-application.js';
import { A, CENTER, JINGSHAN, V, type AttackDistrict } from './attack-district.js';

/** The company of the staged matter (并联审批). */
const COMPANY: Applicant = {
  kind: 'company',
  name: '东城小馆餐饮有限公司',
  idType: 'uscc',
  idNumber: '91350100M000100Y43',
  phone: '13700137000',
};
export const RESTAURANT = 'DC-SCJG-003';

/** The cases the district worked on honestly, through its halls' APIs, before anyone attacks it (ids without `case:`). */
export interface Story {
  /** Accepted at the attacker's station, forwarded to its street, completed there. */
  completedByStreet: string;
  /** Accepted at the attacker's station, a paper received, forwarded to its street, still there. */
  forwarded: string;
  /** A staged matter accepted at the attacker's station and forwarded to the district, no stage started yet. */
  staged: string;
  /** The resident's online application at the attacker's station, completed there and rated by him online. */
  ratedAtA: string;
  /** The resident's online application at the victim station of the other street, completed there, not rated yet. */
  victim: string;
  /** Another of his applications there, completed, left unrated. */
  victimUnrated: string;
}

function expectCreated(res: { status: number; body: unknown }, what: string): void {
  if (res.status !== 201 && res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Works the story's cases through the halls' APIs and waits until every hall that holds them agrees, and every outbox has sent what they call for. */
export async function tellStory(d: AttackDistrict): Promise<Story> {
  const clerkA = await d.clerk(A);
  const catalogue = d.node(A).services.reference.catalogue;
  const disability = catalogue.search({ q: '残疾人证' })[0]!;
  const allowance = catalogue.search({ q: '最低生活保障' })[0]!;
  const needed = (m: typeof disability) => m.materials.filter((x) => x.necessity !== 'optional').map((x) => x.id);
  const accept = async (matterCode: string, applicant: Applicant, received: string[]) => {
    const res = await clerkA.post('/api/cases', { matterCode, applicant, received });
    expectCreated(res, `accept ${matterCode}`);
    return res.body.id as string;
  };
  const act = async (org: string, id: string, body: object) =>
    expectCreated(
      await (await d.clerk(org)).post(`/api/cases/${id}/events`, body),
      `${JSON.stringify(body)} on ${id} at ${org}`,
    );

  const completedByStreet = await accept(disability.code, APPLICANT, needed(disability));
  await act(A, completedByStreet, { kind: 'forwarded', to: JINGSHAN });
  const forwarded = await accept(disability.code, APPLICANT, needed(disability));
  // An optional paper brought later: a received material again would be a repeat, answered without an event.
  await act(A, forwarded, {
    kind: 'material-received',
    materialId: disability.materials.find((m) => m.necessity === 'optional')!.id,
    note: '社区核验原件',
  });
  await act(A, forwarded, { kind: 'forwarded', to: JINGSHAN });
  const restaurant = catalogue.get(RESTAURANT)!;
  const staged = await accept(RESTAURANT, COMPANY, needed(restaurant));
  await act(A, staged, { kind: 'forwarded', to: CENTER });

  // Online: uploads and 预审, then the hall's clerk accepts.
  const online = async (org: string) => {
    const res = await applyOnline(d.node(org).url, await d.residentToken(org), allowance.code, needed(allowance));
    expectCreated(res, `online application at ${org}`);
    expectCreated(await acceptApplication(await d.clerk(org), res.body.id), `预审 accepted at ${org}`);
    return res.body.id as string;
  };
  const ratedAtA = await online(A);
  await act(A, ratedAtA, { kind: 'completed', result: '审核确认' });
  expectCreated(
    await (await d.resident(A)).post(`/api/my/cases/${ratedAtA}/rating`, { level: 'satisfied', comment: '办得快' }),
    'the resident rates at A',
  );
  const victim = await online(V);
  await act(V, victim, { kind: 'completed', result: '审核确认' });
  const victimUnrated = await online(V);
  await act(V, victimUnrated, { kind: 'completed', result: '审核确认' });

  await eventually(
    () => d.node(JINGSHAN).services.index.get(completedByStreet)?.holder === JINGSHAN,
    20_000,
    'forwarded case at the street',
  );
  await act(JINGSHAN, completedByStreet, { kind: 'completed', result: '街道办结' });
  const settled = () =>
    d.node(A).services.index.get(completedByStreet)?.status === 'completed' &&
    d.node(CENTER).services.index.get(completedByStreet)?.status === 'completed' &&
    d.node(JINGSHAN).services.index.get(forwarded)?.holder === JINGSHAN &&
    d.node(CENTER).services.index.get(staged)?.holder === CENTER &&
    d.node(CENTER).services.index.get(victim)?.status === 'completed' &&
    d.node(CENTER).services.index.get(victimUnrated)?.status === 'completed' &&
    d.node(CENTER).services.supervision.ratingIndex.get(`rating:case:${ratedAtA}`);
  await eventually(settled, 30_000, 'the story at every hall');
  // Every notice the story calls for goes out now, before anything is attacked.
  await d.caughtUp();
  await d.caughtUp();
  return { completedByStreet, forwarded, staged, ratedAtA, victim, victimUnrated };
}
