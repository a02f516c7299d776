import { createHash, randomUUID } from 'node:crypto';
import type { CaseDoc, CaseEvent } from '../../sync/index.js';

/** Documents as nodes write them, valid against sync's schemas unless a test spoils them. */
const now = () => new Date().toISOString();
const actor = (org: string) => ({ id: `clerk@${org}`, org });

/** An organisation document (public type), written by the district. */
export function orgDoc(path: string): Record<string, unknown> {
  const depth = path.split('/').length;
  const dept = path.split('/')[1] === 'dept';
  return {
    _id: `org:${path}`,
    type: 'organisation',
    scope: 'dongcheng',
    parties: ['dongcheng'],
    author: actor('dongcheng'),
    at: now(),
    path,
    name: path,
    level: dept || depth === 1 ? 4 : depth === 2 ? 5 : 6,
    kind: dept ? 'department' : depth === 1 ? 'center' : depth === 2 ? 'street' : 'community',
  };
}

/** The working-day calendar of a year (public type). */
export function calendarDoc(year: number): Record<string, unknown> {
  return {
    _id: `calendar:${year}`,
    type: 'calendar',
    scope: 'dongcheng',
    parties: ['dongcheng'],
    author: actor('dongcheng'),
    at: now(),
    year,
    holidays: [{ date: `${year}-10-01`, name: '国庆节' }],
    workdays: [],
  };
}

/** One event on a case, appended at `org`. */
export function caseEvent(org: string, kind: 'material-received' | 'completed' = 'material-received'): CaseEvent {
  const base = { id: randomUUID(), at: now(), actor: actor(org) };
  return kind === 'completed' ? { ...base, kind } : { ...base, kind, materialId: `m-${randomUUID().slice(0, 8)}` };
}

/** A case accepted at `scope`, with `parties` (default just the scope) and written by `author` (default the scope). */
export function caseDoc(o: { id?: string; scope: string; parties?: string[]; author?: string }): CaseDoc & { _id: string } {
  const id = o.id ?? `case:${randomUUID()}`;
  const author = o.author ?? o.scope;
  return {
    _id: id,
    type: 'case',
    scope: o.scope,
    parties: o.parties ?? [o.scope],
    author: actor(author),
    at: now(),
    matterCode: '11110101000000000000000000000001',
    matterName: '居住证签注',
    department: 'dongcheng/dept/police',
    queryCode: 'Q12345678',
    applicant: { kind: 'person', name: '张三', idType: 'passport', idNumber: 'E12345678', phone: '13800138000' },
    events: [
      {
        id: randomUUID(),
        at: now(),
        actor: actor(author),
        kind: 'accepted',
        channel: 'window',
        received: [],
        missing: [],
        promisedBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      },
    ],
  };
}

/** A material document with one attachment, carrying its case's parties (design §4). */
export function materialDoc(parties: string[], text: string): Record<string, unknown> {
  return {
    _id: `material:${randomUUID()}`,
    type: 'material',
    scope: parties[0],
    parties,
    author: actor(parties[0] as string),
    at: now(),
    caseId: `case-${parties[0]!.replaceAll('/', '-')}`,
    materialId: 'scan',
    name: 'scan.txt',
    contentType: 'application/pdf',
    size: Buffer.byteLength(text),
    sha256: createHash('sha256').update(text).digest('hex'),
    _attachments: { 'scan.txt': { content_type: 'text/plain', data: Buffer.from(text).toString('base64') } },
  };
}
