import { describeIdentityStore } from '../testing/store-contract.js';
import { createMemoryIdentityStore } from './memory-identity-store.js';

describeIdentityStore('memory', { make: async () => createMemoryIdentityStore() });
