import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** A unit file's keys by section; a key given twice keeps each value. */
function readUnit(path: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = line.match(/^\[(.+)\]$/);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const kv = line.match(/^([A-Za-z]+)=(.*)$/);
    if (!kv || !current) throw new Error(`${path}: cannot read "${line}"`);
    current.set(kv[1]!, [...(current.get(kv[1]!) ?? []), kv[2]!]);
  }
  return sections;
}

const UNITS = [
  {
    file: 'deploy/systemd/hallnet-node.service',
    command: 'node',
    env: '/etc/hallnet/node.env',
    example: 'deploy/systemd/node.env.example',
    data: 'HALLNET_DATA',
  },
  {
    file: 'deploy/systemd/hallnet-hub.service',
    command: 'hub',
    env: '/etc/hallnet/hub.env',
    example: 'deploy/systemd/hub.env.example',
    data: 'HUB_DATA',
  },
];

describe('deploy/systemd: the node and the hub as hardened services', () => {
  for (const u of UNITS) {
    it(`${u.file} runs \`hallnet ${u.command}\` as a dedicated user, restarts always, and may write only its data folder`, () => {
      const service = readUnit(u.file).get('Service')!;
      const one = (key: string) => service.get(key)?.at(-1);
      expect(one('ExecStart')).toBe(`/usr/bin/node dist/deploy/cli.js ${u.command}`);
      expect(one('EnvironmentFile')).toBe(u.env);
      expect(one('User')).toBe('hallnet');
      expect(one('Restart')).toBe('always');
      expect(one('NoNewPrivileges')).toBe('yes');
      expect(one('ProtectSystem')).toBe('strict');
      expect(one('ReadWritePaths')).toBe('/var/lib/hallnet');
      expect(one('ProtectHome')).toBe('yes');
      expect(one('PrivateTmp')).toBe('yes');
      expect(one('CapabilityBoundingSet')).toBe('');
      expect(one('StateDirectory')).toBe('hallnet');
      // The data folder the example environment names is inside what the unit may write.
      const example = readFileSync(u.example, 'utf8');
      expect(example).toMatch(new RegExp(`^${u.data}=/var/lib/hallnet/`, 'm'));
      expect(readUnit(u.file).get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
    });
  }

  it('passes systemd-analyze verify without a warning, where systemd is installed', () => {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    // The structural checks above hold everywhere; this one needs systemd's own parser.
    if (probe.error) return;
    const res = spawnSync('systemd-analyze', ['verify', ...UNITS.map((u) => u.file)], { encoding: 'utf8' });
    expect(res.stderr.trim()).toBe('');
    expect(res.status).toBe(0);
  });
});
