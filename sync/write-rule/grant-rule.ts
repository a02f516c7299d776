import { canonicalJson } from '../canonical-json.js';
import { grantDocId, grantDocSchema } from '../grant.js';
import { isWithin } from '../org-path.js';
import { sha256Hex } from './sha256-hex.js';
import { allow, deny, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * A grant is published once by its grantor, under the id that is the hash of its signed form, its
 * readable payload exactly what was signed, its grantee inside the grantor's subtree and its chain
 * verifying from the district root. It never changes and is never deleted: a revocation ends it.
 */
export async function checkGrant(
  writer: Writer,
  raw: Record<string, unknown>,
  current: unknown,
  ctx: WriteContext,
): Promise<WriteDecision> {
  if (current) return deny('a grant never changes; revoke it and grant anew');
  const parsed = grantDocSchema.safeParse(raw);
  if (!parsed.success) return deny('invalid grant');
  const doc = parsed.data;
  const id = await sha256Hex(doc.jws);
  if (doc.grantId !== id || doc._id !== grantDocId(id)) return deny("a grant's id is the hash of its signed form");
  if (canonicalJson(jwsPayload(doc.jws)) !== canonicalJson(doc.payload))
    return deny('the payload is not what the grantor signed');
  const { grantor, grantee } = doc.payload;
  if (grantor !== writer.org) return deny(`${writer.org} may only publish grants it signed itself`);
  if (!isWithin(grantee.org, grantor)) return deny(`grantee ${grantee.org} is outside ${grantor}`);
  if (doc.scope !== grantor || doc.parties.length !== 1 || doc.parties[0] !== grantor)
    return deny('a grant belongs to its grantor');
  return (await ctx.grantVerifies(doc)) ? allow : deny('the grant chain does not verify');
}

/** The JSON payload of a compact JWS, or undefined when it is not one. */
function jwsPayload(jws: string): unknown {
  const part = jws.split('.')[1];
  if (!part) return undefined;
  try {
    const b64 = part.replaceAll('-', '+').replaceAll('_', '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}
