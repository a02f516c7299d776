import type { OrgKind } from '../../sync/index.js';

/** The pages of a hall's floor: accepting at a window (综合受理), and the queue's panel, kiosk and screen. */
export const FLOOR_PATHS: readonly string[] = ['/window', '/window/queue', '/queue/kiosk', '/queue/screen'];

/**
 * Whether a node keeps a hall floor: a center, street or community does; a department's back office
 * does not (it decides what the halls forwarded, never accepts at a window nor calls a ticket), so
 * its menu and home page leave the floor's pages out.
 */
export const hasHallFloor = (kind: OrgKind | undefined): boolean => kind !== 'department';
