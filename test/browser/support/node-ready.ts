import type { RunningNode } from '../../../node/index.js';

/**
 * Whether a node of a test district holds what its pages act on: the district's keys, the working
 * calendar and, below the district center, its own grant with every grant above it. A node starts
 * with the catalogue from its seed, but its grant comes with the first sync; until then its clerks
 * hold no rights and an acceptance is refused.
 */
export function nodeReady(node: RunningNode): boolean {
  const { org, reference } = node.services;
  const granted =
    !org.includes('/') ||
    reference.grants.list().some((g) => g.payload.grantee.org === org && reference.grants.chainOf(g.grantId));
  return Boolean(reference.jwks && reference.calendar && granted);
}
