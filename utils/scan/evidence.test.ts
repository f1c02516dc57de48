import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_RULES, RULES } from './rules';
import { evidenceLabel, evidenceLine } from './evidence';
import { scanDocument } from './scan';
import { DEFAULT_THRESHOLDS } from './types';
import { docFromHtml } from './testing';

const CJK = /[\u4e00-\u9fff]/;
const rulesDir = join(import.meta.dirname, 'rules');
const fixtures = join(import.meta.dirname, '..', '..', 'tests', 'fixtures');

/** Top-level keys of every `detail: { … }` / `detail = { … }` object literal in a rule's source. */
function detailKeys(source: string): string[] {
  const keys: string[] = [];
  const start = /\bdetail\s*[:=]\s*\{/g;
  for (let m = start.exec(source); m; m = start.exec(source)) {
    let depth = 1;
    let i = m.index + m[0].length;
    let body = '';
    for (; i < source.length && depth > 0; i++) {
      const c = source[i]!;
      if (c === '{' || c === '(' || c === '[') depth++;
      if (c === '}' || c === ')' || c === ']') depth--;
      if (depth === 1 || (depth === 0 && c !== '}')) body += c;
      else if (depth > 1 && (c === '{' || c === '(' || c === '[')) body += ' ';
    }
    // Strings may hold colons and commas: blank them before splitting into properties.
    const flat = body.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
    for (const part of flat.split(',')) {
      const key = /^\s*([A-Za-z_$][\w$]*)\s*(?::|$)/.exec(part)?.[1];
      if (key) keys.push(key);
    }
  }
  return keys;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

describe('evidence keys are Chinese', () => {
  it('finds the detail fields of the rule sources (the walker itself works)', () => {
    expect(detailKeys("x = { detail: { column: c.name, ageDays: age, href: f('a:b', 1), lookedFor: '甲,乙：丙' } }")).toEqual(['column', 'ageDays', 'href', 'lookedFor']);
    expect(detailKeys('const detail = { column, newest: null };')).toEqual(['column', 'newest']);
  });

  for (const rule of [...RULES, ...CHECK_RULES]) {
    it(`${rule.meta.id}: every detail field has a Chinese label`, () => {
      const keys = detailKeys(readFileSync(join(rulesDir, `${rule.meta.id}.ts`), 'utf8'));
      expect(keys.length, 'the walker found no detail fields: has the rule source changed shape?').toBeGreaterThan(0);
      const unlabelled = keys.filter((k) => !CJK.test(evidenceLabel(rule.meta.id, k) ?? ''));
      expect(unlabelled, `add these keys to DETAIL_LABEL in utils/scan/evidence.ts`).toEqual([]);
    });
  }

  it('no line shown on any fixture page starts a field with an ASCII-only key', async () => {
    const pages = [...htmlFiles(join(fixtures, 'corpus')), ...htmlFiles(join(fixtures, 'pages')), ...htmlFiles(join(fixtures, 'demo-site'))];
    let fields = 0;
    const rulesSeen = new Set<string>();
    for (const path of pages) {
      const doc = docFromHtml(readFileSync(path, 'utf8'));
      const result = await scanDocument(doc, 'http://www.sfx.gov.cn/', { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS });
      for (const f of result.findings) {
        rulesSeen.add(f.ruleId);
        for (const key of Object.keys(f.detail)) expect(evidenceLabel(f.ruleId, key) ?? `no label: ${f.ruleId}.${key}`).toMatch(CJK);
        for (const field of evidenceLine(f.ruleId, f.detail).split('；').filter(Boolean)) {
          fields++;
          const key = field.split('：')[0]!;
          expect(key, `${f.ruleId}: ${field}`).toMatch(CJK);
        }
      }
    }
    // The walk is only worth something if it saw real evidence from many rules.
    expect(fields).toBeGreaterThan(50);
    expect(rulesSeen.size).toBeGreaterThan(10);
  }, 60_000); // scans every fixture page: seconds on a busy machine

  it('turns codes into words and keeps one line', () => {
    expect(evidenceLine('reply-overdue', { asked: '2024-01-02', replied: null, days: 120, kind: 'unanswered' })).toBe('留言时间：2024-01-02；用时（天）：120；类型：超期未回复');
    expect(evidenceLine('title-hijack', { field: 'meta keywords', value: '甲\n乙' })).toBe('位置：网页关键词（meta keywords）；内容：甲 乙');
    expect(evidenceLine('consultation-no-feedback', { closedOn: '2024-05-01' })).toBe('征集截止日期：2024-05-01');
    expect(evidenceLine('site-code-mismatch', { shown: '1', roster: '2' })).toBe('页面显示的标识码：1；名录中的标识码：2');
    expect(evidenceLine('home-stale', { datedItems: 3 })).toBe('首页带日期条目数：3');
    // A field a future rule forgets to label shows its value, never the code name.
    expect(evidenceLine('x', { someNewKey: '值' })).toBe('值');
  });
});
