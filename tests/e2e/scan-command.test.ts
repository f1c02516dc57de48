import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import * as P from '../fixtures/hostile/pages';

/**
 * Issue 14 (4): `npm run scan` over a batch in which two saves share one address (before and after
 * 整改), one is a frameset, one is not a page at all and one replays every window message: every
 * input gets its own entry, none borrows another's findings, and the batch ends with exit 0.
 */
const SCAN = resolve(import.meta.dirname, '../../scripts/scan.mjs');
const dir = mkdtempSync(join(tmpdir(), 'gsi-scan-test-'));
const file = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};

function scan(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile('node', [SCAN, ...args], { timeout: 110_000, maxBuffer: 1 << 24 }, (e, out, err) => done({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out, err }));
  });
}

type Entry = { input: string; url: string; findings: { ruleId: string; quote: string | null; frame?: string }[]; error?: string };

describe('npm run scan', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scans each input on its own, reports a page it cannot scan as an entry, and scans framesets through their frames', async () => {
    const before = file('before.html', P.page('整改前_示范县人民政府', '<p>整改前。</p>'));
    const after = file('after.html', P.page('整改后_示范县人民政府', '<p>整改后。</p>').replace('按步就班', '按部就班'));
    mkdirSync(join(dir, 'fs'));
    const frames = file('fs/index.html', P.frameset('nav.html', 'main.html'));
    file('fs/nav.html', P.page('导航_示范县人民政府', '<p>导航。</p>').replace('按步就班', '按部就班'));
    file('fs/main.html', P.page('正文_示范县人民政府', '<p>框架正文。</p>'));
    const replay = file('replay.html', P.attackPage('重放消息_示范县人民政府', P.REPLAY));
    const notPage = file('notes.bin', 'not a page');
    const at = 'http://www.sfx.gov.cn/art/2025/1.html';
    // The frameset is given an article address: its frames are then judged as the articles they are, not as a home page.
    const { code, out, err } = await scan(['--json', '--as', at, before, '--as', at, after, '--as', 'http://www.sfx.gov.cn/art/2025/fs.html', frames, notPage, replay]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const entries = JSON.parse(out) as Entry[];
    expect(entries.map((e) => e.input)).toEqual([before, after, frames, notPage, replay]);
    const typo = (e: Entry) => e.findings.filter((f) => f.ruleId === 'typo' && f.quote === '按步就班');

    // Same address, two saves: only the one before 整改 has the typo.
    expect(entries[0]!.url).toBe(at);
    expect(entries[1]!.url).toBe(at);
    expect(typo(entries[0]!)).toHaveLength(1);
    expect(typo(entries[1]!)).toHaveLength(0);

    // The frameset's findings come from its frames, each named.
    expect(entries[2]!.error).toBeUndefined();
    expect(typo(entries[2]!).map((f) => f.frame)).toEqual(['http://www.sfx.gov.cn/art/2025/main.html']);

    expect(entries[3]!.error).toMatch(/^无法扫描：/);
    expect(entries[3]!.findings).toEqual([]);

    expect(typo(entries[4]!)).toHaveLength(1);
    expect(entries[4]!.findings.some((f) => f.ruleId === 'hidden-links')).toBe(true);
  });

  it('an input that cannot be read at all ends the batch with exit 2 and one line why', async () => {
    const { code, err } = await scan([join(dir, 'missing.html')]);
    expect(code).toBe(2);
    expect(err.trim()).toMatch(/^scan: 无法读取 .*文件不存在$/);
  });
});
