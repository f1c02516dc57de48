import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDetailSheet } from '../../utils/sheets/sheets';
import type { Finding } from '../../utils/db/types';

/** `npm run scan -- --json`: every finding carries the evidence line the sheet's 证据 column shows. */
const ROOT = resolve(import.meta.dirname, '../..');

describe('scan --json evidence', () => {
  it('gives each finding an evidence string, the same line as 问题明细 证据', () => {
    const out = execFileSync(
      process.execPath,
      ['scripts/scan.mjs', '--json', '--at', '2025-06-30', '--as', 'http://www.sfx.gov.cn/hdjl/letters.html', 'tests/fixtures/pages/interact-letters-list.html'],
      { cwd: ROOT, encoding: 'utf8', timeout: 110_000 },
    );
    const [page] = JSON.parse(out) as { url: string; findings: { ruleId: string; severity: Finding['severity']; message: string; quote: string | null; evidence: string; detail: Finding['detail'] }[] }[];
    expect(page!.findings.length).toBeGreaterThanOrEqual(2);
    const late = page!.findings.find((f) => f.ruleId === 'reply-overdue')!;
    expect(late.evidence).toMatch(/^留言时间：2025-0\d-\d\d；/);
    expect(late.evidence).not.toMatch(/kind|asked|unanswered|late/);
    // The sheet built from the same findings shows the very same line.
    const round = { id: '2025Q2', monitoringDate: '2025-06-30', createdAt: 0 };
    const findings: Finding[] = page!.findings.map((f, k) => ({
      id: `f${k}`, fingerprint: `f${k}`, roundId: round.id, siteId: 's', pageUrl: 'www.sfx.gov.cn/hdjl/letters.html', pageTitle: '', ruleId: f.ruleId,
      source: 'auto', severity: f.severity, status: 'confirmed', review: false, message: f.message, category: '', quote: null, detail: f.detail,
      note: '', dismissReason: '', rectification: '', inspector: '', createdAt: k, updatedAt: k, stillPresent: true,
    }));
    const sheet = buildDetailSheet({ round, sites: [], findings });
    const col = sheet.rows[0]!.indexOf('证据');
    expect(sheet.rows.slice(1).map((r) => r[col]).sort()).toEqual(page!.findings.map((f) => f.evidence).sort());
  }, 120_000);
});
