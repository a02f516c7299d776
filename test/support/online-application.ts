import type { Answer, Client } from './client.js';

/** A tiny PNG's first bytes and some more: what a phone's photo of a material starts with. */
export function scan(label = 'scan'): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(label)]);
}

/** Posts a multipart form (files as `material.<id>`) with a bearer token, as the portal does. */
export async function postForm(
  url: string,
  token: string,
  fields: Record<string, string>,
  files: Record<string, { bytes: Uint8Array; type: string }>,
): Promise<Answer> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const [id, f] of Object.entries(files))
    form.set(`material.${id}`, new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type }), `${id}.png`);
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A resident's online application at `base` with a PNG for each material named, and what else the form carries. */
export function applyOnline(
  base: string,
  token: string,
  matterCode: string,
  materials: readonly string[],
  fields: Record<string, string> = {},
): Promise<Answer> {
  return postForm(
    `${base}/api/online/applications`,
    token,
    { matterCode, ...fields },
    Object.fromEntries(materials.map((m) => [m, { bytes: scan(m), type: 'image/png' }])),
  );
}

/** The clerk of the handling hall accepts an application in 预审. */
export async function acceptApplication(clerk: Client, caseId: string): Promise<Answer> {
  return clerk.post(`/api/cases/${caseId}/review`, { decision: 'accept' });
}
