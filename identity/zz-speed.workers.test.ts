import { it } from 'vitest';
import { scrypt as bundled } from './zz-noble.js';
import { scrypt } from '@noble/hashes/scrypt.js';
it('bundled', () => { for (let i = 0; i < 3; i++) bundled('password', new Uint8Array(16), { N: 1 << 15, r: 8, p: 1, dkLen: 32 }); });
it('package', () => { for (let i = 0; i < 3; i++) scrypt('password', new Uint8Array(16), { N: 1 << 15, r: 8, p: 1, dkLen: 32 }); });
