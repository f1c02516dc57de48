import { RULE_META_BY_ID } from './rules';

/** Chinese title of a rule id, for lists and sheets; unknown ids (old data) shown as they are. */
export function ruleTitle(id: string): string {
  if (id === 'manual') return '人工标记';
  return RULE_META_BY_ID[id]?.title ?? id;
}
