// The ids of 证书管理, the district centre's admins' page of node certificates.
import { button, el, textarea } from './element-id.js';

/** Rendered by certificates-page.tsx. */
export const CERTIFICATES_PAGE = {
  msg: el('cert-msg'),
  body: el('cert-body'),
  revokeCard: el('cert-revoke'),
  revokeTitle: el('cert-revoke-title'),
  reason: textarea('cert-revoke-reason'),
  revoke: button('cert-revoke-confirm'),
  cancel: button('cert-revoke-cancel'),
  atCenterOnly: el('cert-at-center-only'),
} as const;
