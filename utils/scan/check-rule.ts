import type { Candidate, RuleMeta, TextQuote } from './types';

/**
 * A rule judged from evidence a page scan cannot gather (probes over a week, requests to a
 * page's links): same metadata as a page rule, a pure check over that evidence, and findings
 * that go into the same table and sheets. Registered in rules/index.ts as CHECK_RULES.
 */
export interface CheckRule<Input> {
  meta: RuleMeta;
  check(input: Input): CheckCandidate[];
}

export interface CheckCandidate extends Candidate {
  /** The quote with its context, when the evidence came from a page (a link's text). */
  textQuote?: TextQuote;
  /** What makes two runs report the same finding: the link address, the probed host. */
  key: string;
}

/**
 * Ids of the check rules, kept here (not read from the registry) so the database layer can
 * tell them apart without loading every page rule; rules.test.ts keeps the two lists equal.
 * A page scan neither raises nor retires their findings.
 */
export const CHECK_RULE_IDS: ReadonlySet<string> = new Set(['site-unreachable', 'broken-link']);
