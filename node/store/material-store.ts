import { createHash, randomUUID } from 'node:crypto';
import { materialDocPrefix, materialDocSchema, type Actor, type MaterialDoc } from '../../sync/index.js';
import type { GuardedWriter } from './guarded-writer.js';

/** An uploaded material as listed: its document without the file. */
export type MaterialEntry = MaterialDoc & { _id: string };

/**
 * Scans of a case's materials, each its own document with the file attached (design §4), so a
 * case stays small and the files replicate only where the case goes.
 */
export class MaterialStore {
  constructor(
    private readonly db: PouchDB.Database,
    private readonly guard: GuardedWriter,
  ) {}

  /** Stores one file: B when a clerk scanned the original, C when the applicant uploaded it (the author says which). */
  async add(input: {
    caseId: string;
    parties: string[];
    scope: string;
    materialId: string;
    name: string;
    contentType: MaterialDoc['contentType'];
    bytes: Uint8Array;
    author: Actor;
    at: string;
  }): Promise<MaterialEntry> {
    const doc: MaterialDoc & { _attachments: object } = {
      _id: `${materialDocPrefix(input.caseId)}${input.materialId}:${randomUUID()}`,
      type: 'material',
      scope: input.scope,
      parties: input.parties,
      author: input.author,
      at: input.at,
      caseId: input.caseId,
      materialId: input.materialId,
      name: input.name,
      contentType: input.contentType,
      size: input.bytes.byteLength,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      level: input.author.id.startsWith('resident:') ? 'C' : 'B',
      _attachments: { file: { content_type: input.contentType, data: Buffer.from(input.bytes) } },
    };
    const { _attachments, ...entry } = await this.guard.put(doc);
    void _attachments;
    return entry;
  }

  async list(caseId: string): Promise<MaterialEntry[]> {
    const prefix = materialDocPrefix(caseId);
    const res = await this.db.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\uffff` });
    return res.rows.flatMap((r) => {
      const parsed = materialDocSchema.safeParse(r.doc);
      // Only a material of this case (one filed under its prefix for another came around the rule).
      return parsed.success && parsed.data.caseId === caseId ? [{ ...parsed.data, _id: r.id }] : [];
    });
  }

  async file(
    docId: string,
  ): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: string; caseId: string } | undefined> {
    try {
      const blob = (await this.db.getAttachment(docId, 'file')) as Buffer;
      const doc = await this.db.get<MaterialDoc>(docId);
      return { bytes: new Uint8Array(blob), contentType: doc.contentType, caseId: doc.caseId };
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  }

  /** A clerk checked an uploaded (C) file against the original: it is B from now on, and reusable. */
  async checkOriginal(docId: string, by: Actor, at: string): Promise<MaterialEntry> {
    const current = await this.db.get<MaterialDoc>(docId);
    if (current.level !== 'C') return materialDocSchema.parse(current) as MaterialEntry;
    const { proof: _proof, ...unsigned } = current;
    void _proof;
    const { _attachments, ...entry } = await this.guard.put({
      ...unsigned,
      level: 'B' as const,
      checked: { by, at },
      author: by,
      at,
    });
    void _attachments;
    return entry as MaterialEntry;
  }

  /** Parties only grow: when a case reaches a new office, its materials follow it there. */
  async followParties(caseId: string, parties: readonly string[], author: Actor, at: string): Promise<void> {
    for (const m of await this.list(caseId)) {
      if (parties.every((p) => m.parties.includes(p))) continue;
      const current = await this.db.get<MaterialDoc>(m._id);
      await this.guard.put({ ...current, parties: [...new Set([...m.parties, ...parties])], author, at });
    }
  }
}
