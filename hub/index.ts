export type {
  Store,
  StoredDoc,
  StoreChange,
  ChangesPage,
  ChangesQuery,
  ReadOptions,
  WriteFailure,
  RevsDiff,
  OpenRev,
  AttachmentData,
  PutLocalResult,
} from './store/store.js';
export { createPouchStore } from './store/pouch-store.js';
export { createCouchStore } from './store/couch-store.js';
export { VisibilityIndex } from './visibility/visibility-index.js';
export type { ChangeRow, VisibilityIndexOptions } from './visibility/visibility-index.js';
export type { IndexEntry } from './visibility/visibility-lists.js';
export { createGateway } from './gateway/create-gateway.js';
export type { Gateway, GatewayOptions } from './gateway/create-gateway.js';
export type { Authenticate, NodeIdentity, WritePolicy } from './gateway/gateway-types.js';
export { hubWritePolicy } from './gateway/hub-write-policy.js';
export { couchError } from './gateway/couch-error.js';
export { compactConflicts, startConflictCompactor } from './compact-conflicts.js';
export type { CompactionResult } from './compact-conflicts.js';
// The hub process as deploy/ runs it.
export { startHub } from './start-hub.js';
export type { RunningHub, StartHubOptions } from './start-hub.js';
export { hubConfigFromEnv } from './hub-config.js';
export type { HubConfig } from './hub-config.js';
export { publishSeed } from './publish-seed.js';
// Without an SMS gateway the hub's identity service logs its SMS to HUB_DATA/sms.log: the demo reads codes back from it.
export { lastLoggedCode } from '../identity/adapter/node/index.js';
export { formatAuditReport, verifyAudit } from './audit/verify-audit.js';
// The city tier (跨区通办): what deploy/ needs to set a city up.
export { CITY_LINK_CERT, CITY_LINK_KEY, CITY_ROOT_PIN } from './city/city-credentials.js';
export { cityPinDoc, districtNameSchema, districtRootDoc } from './city/district-root-doc.js';
export { signCityDoc } from './city/sign-city-doc.js';
