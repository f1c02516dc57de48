import type { Rule } from '../types';

/**
 * Every rule, in the order marks are listed. Adding a rule = one file in this
 * folder + one line here + its test beside it (rules.test.ts checks all three).
 */
export const RULES: Rule[] = [
];

export const RULES_BY_ID: Record<string, Rule> = Object.fromEntries(RULES.map((r) => [r.meta.id, r]));
