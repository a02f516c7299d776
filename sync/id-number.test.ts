import { describe, expect, it } from 'vitest';
import { idNumberProblem, maskIdNumber, maskName, residentIdProblem, usccProblem } from './id-number.js';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts published valid numbers, including an X check digit', () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('110101199003074477')).toBeNull();
  });

  it('refuses a wrong check digit, a false birth date and a bad shape', () => {
    expect(residentIdProblem('110105194912310021')).toMatch(/check digit/);
    expect(residentIdProblem('110101199002304476')).toMatch(/birth date/);
    expect(residentIdProblem('11010119900307447')).toMatch(/17 digits/);
    expect(residentIdProblem('11010119900307447x')).toMatch(/17 digits/);
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a valid code and refuses a changed check character', () => {
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccProblem('91350100M000100Y44')).toMatch(/check/);
    expect(usccProblem('91350100M000100Y4')).toMatch(/18 characters/);
  });
});

describe('idNumberProblem', () => {
  it('dispatches on the ID type', () => {
    expect(idNumberProblem('resident-id', '11010519491231002X')).toBeNull();
    expect(idNumberProblem('passport', 'E12345678')).toBeNull();
    expect(idNumberProblem('passport', 'e1')).toMatch(/letters and digits/);
  });
});

describe('masking', () => {
  it('hides the middle of an ID number and all but the first character of a name', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskName('张三丰')).toBe('张**');
  });
});
