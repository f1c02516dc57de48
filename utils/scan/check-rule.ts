import type { Candidate, RuleMeta } from './types';

/**
 * A rule judged from evidence a page scan cannot gather (probes over a week, requests to a
 * page's links): same metadata as a page rule, a pure check over that evidence, and findings
 * that go into the same table and sheets. Registered in rules/index.ts as CHECK_RULES.
 */
export interface CheckRule<Input> {
  meta: RuleMeta;
  check(input: Input): Candidate[];
}
