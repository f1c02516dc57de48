// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_RULES, RULES } from './index';
import { CHECK_RULE_IDS } from '../check-rule';

/**
 * Metadata beside code, validated (as axe-core does at build time): a rule that is
 * not registered, has no Chinese title or indicator, or no firing and non-firing
 * test, fails CI instead of surprising an inspector.
 */
const dir = import.meta.dirname;
const ruleFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');

describe('rule registry', () => {
  it('registers every rule file exactly once, under its file name', () => {
    const ids = [...RULES, ...CHECK_RULES].map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice().sort()).toEqual(ruleFiles.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it('lists the check rules by id where the database layer reads them', () => {
    expect(Array.from(CHECK_RULE_IDS).sort()).toEqual(CHECK_RULES.map((r) => r.meta.id).sort());
  });

  for (const rule of [...RULES, ...CHECK_RULES]) {
    describe(rule.meta.id, () => {
      it('has complete Chinese metadata', () => {
        expect(rule.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(rule.meta.title).toMatch(/[\u4e00-\u9fa5]/);
        expect(rule.meta.description).toMatch(/[\u4e00-\u9fa5]/);
        expect(rule.meta.indicator.length).toBeGreaterThan(4);
        expect(['veto', 'deduct', 'hint']).toContain(rule.meta.severity);
        expect(rule.meta.category.length).toBeGreaterThan(0);
      });
      it('has a test file with a case that fires and one that must not', () => {
        const test = readFileSync(join(dir, `${rule.meta.id}.test.ts`), 'utf8');
        expect(test).toMatch(/\bit\(|\btest\(/);
        // Firing cases assert findings exist; non-firing cases assert none (toHaveLength(0) / toEqual([]) / not.toContain).
        expect(test).toMatch(/toHaveLength\(0\)|toEqual\(\[\]\)|not\.toContain|toBe\(0\)|\.not\./);
        expect(test).toMatch(/toHaveLength\([1-9]|toBeGreaterThan\(0\)|toContain\(|toBe\(1\)|toMatchObject/);
      });
    });
  }
});
