import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Issue 14 (6): README's permission table lists exactly what the built manifest asks for (run after `wxt build`). */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('README permission table', () => {
  it('matches .output/chrome-mv3/manifest.json', () => {
    const manifest = JSON.parse(readFileSync(join(root, '.output/chrome-mv3/manifest.json'), 'utf8'));
    const built = new Set<string>([
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []).map((h: string) => `host ${h}`),
      ...(manifest.optional_host_permissions ?? []).map((h: string) => `optional host ${h}`),
      ...(manifest.optional_permissions ?? []).map((p: string) => `optional ${p}`),
    ]);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Permissions'), readme.indexOf('\n## ', readme.indexOf('## Permissions') + 5));
    const listed = new Set<string>();
    for (const line of table.split('\n')) {
      const cell = /^\| (.+?) \| /.exec(line)?.[1];
      if (!cell || cell === 'permission' || cell.startsWith('---')) continue;
      // "`a`, `b`" lists several; "host `x`" / "optional host `x`" keep their prefix.
      const prefix = /^(optional host|host|optional) /.exec(cell)?.[1];
      for (const m of cell.matchAll(/`([^`]+)`/g)) listed.add(prefix ? `${prefix} ${m[1]}` : m[1]!);
    }
    expect([...listed].sort()).toEqual([...built].sort());
  });
});

describe('webRequest (网络错误诊断)', () => {
  it('is optional in the shipped manifest: holding it slows every page load (README, 可用性监测)', () => {
    const manifest = JSON.parse(readFileSync(join(root, '.output/chrome-mv3/manifest.json'), 'utf8'));
    expect(manifest.permissions).not.toContain('webRequest');
    expect(manifest.optional_permissions).toContain('webRequest');
  });
});

describe('the scanner', () => {
  it('is not declared for government pages: the background injects it after load (a declared script delays every load)', () => {
    const manifest = JSON.parse(readFileSync(join(root, '.output/chrome-mv3/manifest.json'), 'utf8'));
    const declared = (manifest.content_scripts ?? []).flatMap((c: { matches: string[]; js: string[] }) => c.matches.map((m) => `${m} ${c.js.join(',')}`));
    expect(declared.some((d: string) => d.includes('gov.cn') || d.includes('content.js'))).toBe(false);
  });
});
