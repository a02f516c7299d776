export const DAY_MS = 86_400_000;

/**
 * How far notBefore is set before the moment of issue: halls' clocks drift, and a node enrolled
 * at the hub must not be refused by a neighbour whose clock runs a few minutes behind.
 */
export const BACKDATE_MS = 5 * 60_000;
