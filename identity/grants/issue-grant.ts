import { grantDocId, type Actor, type GrantDoc, type GrantPayload } from '../../sync/index.js';
import { signGrant } from './sign-grant.js';

/** Signs a grant and wraps it as the replicated document every node verifies; `author` is who decided it (the audit trail). */
export async function issueGrant(
  payload: GrantPayload,
  signer: { keyPem: string; chainPem: string[] },
  author: Actor,
  now: Date,
): Promise<GrantDoc> {
  const { jws, grantId } = await signGrant(payload, signer);
  return {
    _id: grantDocId(grantId),
    type: 'grant',
    scope: payload.grantor,
    parties: [payload.grantor],
    author,
    at: now.toISOString(),
    grantId,
    jws,
    payload,
  };
}
