import {
  HallnetError,
  licenceDocId,
  licenceDocSchema,
  licenceHolderDigest,
  type Actor,
  type CaseState,
  type LicenceDoc,
} from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';
import type { GuardedWriter } from '../store/guarded-writer.js';
import type { ReferenceData } from '../store/reference-data.js';
import { checkLicenceDoc, type LicenceStatus } from './licence-check.js';

/**
 * The district's register of electronic licences as this node holds it (every node holds all of
 * it: the documents carry no personal data): reads a licence with its standing, issues the
 * licences of a case this node's office completed, and revokes them.
 */
export class LicenceRegister {
  constructor(
    private readonly db: PouchDB.Database,
    private readonly guard: GuardedWriter,
    private readonly keys: SignerKeys,
    private readonly reference: ReferenceData,
    private readonly org: string,
    private readonly clock: () => Date,
  ) {}

  /** The licence as the register holds it, or undefined. */
  async get(number: string): Promise<LicenceDoc | undefined> {
    const raw = await this.db.get(licenceDocId(number)).catch((err: { status?: number }) => {
      if (err.status === 404) return undefined;
      throw err;
    });
    const parsed = licenceDocSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  /** The licence with its standing now, checked offline (seal, issuing node, revocation, validity). */
  async status(number: string): Promise<{ doc: LicenceDoc | undefined; status: LicenceStatus }> {
    const doc = await this.get(number);
    return { doc, status: checkLicenceDoc(doc, this.keys, this.clock()) };
  }

  /**
   * Writes the licences a completed case issued, when this node's office completed it and they are
   * not in the register yet; sealed with this node's key. Returns how many it wrote.
   */
  async issueFor(state: CaseState): Promise<number> {
    const completion = state.events.find((e) => e.kind === 'completed' && !state.flags.some((f) => f.eventId === e.id));
    if (state.status !== 'completed' || completion?.kind !== 'completed' || completion.actor.org !== this.org) return 0;
    const matter = this.reference.catalogue.ofCase(state);
    let written = 0;
    for (const issued of state.licences) {
      if (await this.get(issued.number)) continue;
      const name = matter?.issues?.find((i) => i.licenceType === issued.licenceType)?.name ?? issued.licenceType;
      const sealed = {
        number: issued.number,
        licenceType: issued.licenceType,
        licenceName: name,
        matterCode: state.matterCode,
        caseId: state.id,
        issuer: this.org,
        issuerName: this.reference.orgName(this.org),
        holderKind: state.applicant.kind,
        holder: await licenceHolderDigest(issued.key, state.applicant),
        issuedAt: completion.at,
        ...(issued.validUntil ? { validUntil: issued.validUntil } : {}),
      };
      const doc: LicenceDoc = {
        _id: licenceDocId(issued.number),
        type: 'licence',
        scope: this.org,
        parties: [this.org],
        author: completion.actor,
        at: this.clock().toISOString(),
        ...sealed,
        seal: this.guard.signer.sealLicence(sealed),
      };
      try {
        await this.guard.put(doc);
        written++;
      } catch (err) {
        // Written meanwhile by another pass: it is in the register, which is all that was wanted.
        if ((err as { status?: number }).status !== 409) throw err;
      }
    }
    return written;
  }

  /**
   * 告知承诺 found false: the licences the case issued are revoked with `reason` — written first
   * if the completion's pass has not put them in the register yet, so none is left valid. Returns
   * the numbers revoked now (one revoked already is left as it is).
   */
  async revokeFor(state: CaseState, reason: string, by: Actor): Promise<string[]> {
    await this.issueFor(state);
    const revoked: string[] = [];
    for (const { number } of state.licences) {
      const held = await this.get(number);
      if (!held || held.revoked || held.issuer !== by.org) continue;
      await this.revoke(number, reason, by);
      revoked.push(number);
    }
    return revoked;
  }

  /** 吊销: the licence stops being valid everywhere once the revision reaches the halls. Only its issuer or an office above revokes it. */
  async revoke(number: string, reason: string, by: Actor): Promise<LicenceDoc> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const raw = await this.db.get<LicenceDoc>(licenceDocId(number)).catch(() => undefined);
      const parsed = licenceDocSchema.safeParse(raw);
      if (!raw || !parsed.success) throw new HallnetError('ERR_NOT_FOUND', `no licence ${number}`);
      if (parsed.data.revoked)
        throw new HallnetError('ERR_CASE_STATE', 'already revoked', {
          issues: [{ field: 'number', reason: 'already revoked / 该证照已吊销' }],
        });
      const { proof: _proof, ...unsigned } = raw;
      void _proof;
      const at = this.clock().toISOString();
      try {
        return await this.guard.put({ ...unsigned, author: by, at, revoked: { at, reason, by } });
      } catch (err) {
        if ((err as { status?: number }).status !== 409) throw err;
      }
    }
    throw new HallnetError('ERR_CASE_CONFLICT', `licence ${number} kept changing`);
  }
}
