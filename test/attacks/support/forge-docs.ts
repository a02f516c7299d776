import { createHash, randomUUID } from 'node:crypto';
import { residentDocId, type Applicant, type MaterialDoc } from '../../../sync/index.js';
import type { NodeSigner } from '../../../sync/node-only.js';
import { firstRev, nextRev, type Forged } from './attacker.js';

/** The envelope's who-and-when, as a clerk of `org` writes now. */
export const by = (org: string) => ({
  author: { id: 'staff:clerk', name: '王窗口', org },
  at: new Date().toISOString(),
});

/** A new document with the signer's proof, as its first replicated revision. */
export function proven(signer: NodeSigner, doc: Record<string, unknown> & { _id: string }): Forged {
  return firstRev(signer.prove(doc));
}

/** The held document's next revision with `body` (store fields and the old proof dropped) and the signer's proof. */
export function provenNext(signer: NodeSigner, held: Record<string, unknown>, body: Record<string, unknown>): Forged {
  const { _rev: _r, _revisions: _h, _attachments: files, proof: _p, ...content } = body;
  void _r;
  void _h;
  void _p;
  return nextRev(held, { ...signer.prove(content), ...(files ? { _attachments: files } : {}) });
}

/** A register record (一表一库) of `applicant` at `scope`, under the id `idOf` gives (the scope's own by default). */
export async function residentRecord(
  signer: NodeSigner,
  o: {
    scope: string;
    writer: string;
    applicant: Applicant;
    parties?: string[];
    idOf?: string;
    extra?: Record<string, unknown>;
  },
): Promise<Forged> {
  const _id = await residentDocId(o.idOf ?? o.scope, o.applicant.idType, o.applicant.idNumber);
  return proven(signer, {
    _id,
    type: 'resident',
    scope: o.scope,
    parties: o.parties ?? [o.scope],
    ...by(o.writer),
    applicant: o.applicant,
    ...o.extra,
  });
}

/** A scanned material of case `caseId` with one file; `file` may lie about its type, and `bytes` about its digest. */
export function materialOf(
  signer: NodeSigner,
  o: {
    caseId: string;
    scope: string;
    writer: string;
    parties: string[];
    bytes?: Uint8Array;
    fileType?: string;
    recordedBytes?: Uint8Array;
  },
): Forged {
  const bytes = o.bytes ?? new TextEncoder().encode('%PDF-1.4 forged scan');
  const recorded = o.recordedBytes ?? bytes;
  const doc: MaterialDoc = {
    _id: `material:${o.caseId}:id-card:${randomUUID()}`,
    type: 'material',
    scope: o.scope,
    parties: o.parties,
    ...by(o.writer),
    caseId: o.caseId,
    materialId: 'id-card',
    name: '身份证',
    contentType: 'application/pdf',
    size: recorded.byteLength,
    sha256: createHash('sha256').update(recorded).digest('hex'),
    level: 'B',
  };
  return {
    ...proven(signer, doc as unknown as Forged),
    _attachments: {
      file: { content_type: o.fileType ?? 'application/pdf', data: Buffer.from(bytes).toString('base64') },
    },
  };
}
