// Runs inside workerd (vitest.workers.config.ts): the store contract and the identity app suites,
// unchanged, over local D1 databases with the Worker's hasher. One file, so each suite's stores
// come from databases no other file touches.
import { describeAccountEndpoints } from '../../testing/accounts-suite.js';
import { d1StoreFactory } from '../../testing/d1-store-factory.js';
import { describeLoginEndpoints } from '../../testing/login-suite.js';
import { describeSessionEndpoints } from '../../testing/session-suite.js';
import { describeStaffLifecycleEndpoints } from '../../testing/staff-lifecycle-suite.js';
import { describeIdentityStore } from '../../testing/store-contract.js';

const d1 = d1StoreFactory();

describeIdentityStore('d1', d1);
describeAccountEndpoints('d1', d1);
describeLoginEndpoints('d1', d1);
describeSessionEndpoints('d1', d1);
describeStaffLifecycleEndpoints('d1', d1);
