import { describe, expect, it } from 'vitest';
import { hallnetExit } from './support/cli-process.js';

describe('the hallnet command line, as an operator first types it', () => {
  it('prints the usage for --help and -h, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await hallnetExit([flag], {});
      expect(code).toBe(0);
      expect(out).toContain('hallnet <command>');
      expect(err).toBe('');
    }
  });

  it('answers an unknown option with one line and the usage, exit 2, no stack trace', async () => {
    const { code, err } = await hallnetExit(['demo', '--bogus'], {});
    expect(code).toBe(2);
    const [first, ...rest] = err.split('\n');
    expect(first).toMatch(/^hallnet: Unknown option '--bogus'/);
    expect(rest.join('\n')).toContain('hallnet <command>');
    expect(err).not.toMatch(/TypeError|ERR_PARSE_ARGS|^\s+at .*\.js:\d+/m);
  });
});
