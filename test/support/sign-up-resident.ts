import { join } from 'node:path';
import { lastLoggedCode } from '../../hub/index.js';
import { client, type Answer } from './client.js';

/** A resident as he signs up. */
export interface NewResident {
  name: string;
  idNumber: string;
  phone: string;
  password?: string;
}

/**
 * Signs a resident up through `base` (a node's identity relay, or the hub) as the portal does: a
 * code to his phone, then the account with it. The code is read from the SMS log of the hub whose
 * data folder is `hubDir` (startDistrict's hub has no SMS gateway); the sign-up's answer is returned.
 */
export async function signUpResident(base: string, hubDir: string, r: NewResident): Promise<Answer> {
  const asked = await client(base).post('/identity/residents/code', { phone: r.phone });
  if (asked.status !== 202) return asked;
  const code = (await lastLoggedCode(join(hubDir, 'sms.log'), r.phone)) ?? '000000';
  return client(base).post('/identity/residents', { ...r, code });
}
