/**
 * A finding's evidence in the inspector's words: the one place that turns a rule's `detail`
 * fields into Chinese. The finding card, the dashboard, the 问题明细 sheet's 证据 column and
 * `npm run scan -- --json` all call evidenceLine, so they can never disagree.
 *
 * Self-contained on purpose (type imports only): scripts/scan.mjs loads it through tsx.
 */
import type { DetailValue } from './types';

/** Field names as inspectors say them; the same key reads the same in every rule unless overridden below. */
export const DETAIL_LABEL: Record<string, string> = {
  column: '栏目',
  newest: '最新日期',
  ageDays: '距检查时间点（天）',
  limitDays: '要求更新周期（天）',
  yearNote: '年份待核实',
  cls: '栏目类别',
  href: '链接地址',
  placeholder: '占位文字',
  class: '类别',
  wrong: '错误写法',
  right: '正确写法',
  where: '查找位置',
  lookedFor: '查找内容',
  item: '检查项',
  text: '文字',
  why: '判断依据',
  shown: '页面显示',
  roster: '名录登记',
  kind: '类型',
  asked: '留言时间',
  replied: '回复时间',
  days: '天数',
  medianReplyDays: '本页答复用时中位数（天）',
  date: '日期',
  urlDate: '网址中的日期',
  precision: '网址日期精度',
  pageDate: '页面日期',
  monitoringDate: '检查时间点',
  label: '日期标签',
  title: '条目标题',
  value: '内容',
  field: '位置',
  metaCode: '网页代码中的标识码',
  hiddenOffsiteLinks: '本页隐藏外链数',
  // home-stale counts every dated item on the home page, not the items of one day.
  datedItems: '首页带日期条目数',
  linkMonth: '文章链接中的最新年月',
  day: '集中发布日期',
  count: '当日条目数',
  previous: '此前最近一条日期',
  gapDays: '此前间隔（天）',
  old: '旧名称',
  current: '现名称',
  since: '更名时间',
  published: '页面发布时间',
  strong: '强特征词',
  weak: '弱特征词',
  closedOn: '征集截止日期',
  emptyField: '空白的反馈栏',
  documentTitle: '所解读文件',
  documentNumber: '所解读文件文号',
  inContext: '上下文确认',
  year: '年份',
  fixed: '规范写法',
  char: '符号',
};

/** Where one rule means something narrower by a shared key. */
const RULE_LABEL: Record<string, Record<string, string>> = {
  'hidden-links': { text: '链接文字', why: '隐藏方式' },
  'future-date': { date: '发布日期' },
  'reply-overdue': { days: '用时（天）' },
  'site-code-missing': { shown: '页面显示（不规范）' },
  'site-code-mismatch': { shown: '页面显示的标识码', roster: '名录中的标识码' },
  'unbalanced-punctuation': { char: '字符' },
  'doc-number-brackets': { year: '文号年份' },
  'site-unreachable': { host: '监测网站', done: '监测次数', failed: '失败次数', share: '失败占比（%）', longestOutage: '最长中断', probeLog: '失败记录' },
  'broken-link': { reason: '判断依据', kind: '错误代码', sameSite: '本站链接' },
  'suspected-typo': { tier: '把握', wrong: '疑似错字', right: '建议字', word: '建议词语', source: '候选来源', gain: '语言模型得分提升', sentence: '所在句子' },
};

/** Values that are codes in the data and words on screen. */
const DETAIL_VALUE: Record<string, Record<string, string>> = {
  cls: { news: '动态要闻类（2周）', notice: '通知公告/政策文件类（6个月）', other: '其他栏目（1年）' },
  where: { main: '正文', title: '标题' },
  // suspected-typo (as SOURCE_LABEL and the tiers in utils/text/suspect/tiers.ts; this file imports no code).
  tier: { mark: '较大（页面标记）', list: '一般（仅列入疑似清单）' },
  source: { same: '同音', fuzzy: '近音', shape: '形近' },
  kind: { late: '回复超期', unanswered: '超期未回复', unpaired: '符号不成对', doubled: '字词重复' },
  item: { https: 'HTTPS加密访问', viewport: '移动端适配', accessibility: '无障碍/适老化', search: '站内搜索' },
  precision: { day: '精确到日', month: '精确到月' },
  field: { 'meta keywords': '网页关键词（meta keywords）', 'meta description': '网页描述（meta description）' },
};

export function evidenceLabel(ruleId: string, key: string): string | undefined {
  return RULE_LABEL[ruleId]?.[key] ?? DETAIL_LABEL[key];
}

function valueText(key: string, v: DetailValue | unknown): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  const s = String(v);
  return DETAIL_VALUE[key]?.[s] ?? s;
}

/** One field as shown: '栏目：通知公告'. A key without a label shows its value alone, never the code name. */
export function evidenceField(ruleId: string, key: string, v: unknown): string {
  const label = evidenceLabel(ruleId, key);
  const text = valueText(key, v).replace(/\s+/g, ' ').trim();
  return label ? `${label}：${text}` : text;
}

/** How many page addresses a site-level finding lists in its evidence before '等'. */
const PAGES_SHOWN = 10;

/**
 * A stored finding's evidence: its detail line, and for a site-level finding (footer identity,
 * 找错) the pages of the site where it was seen. The sheet's 证据 column and `npm run scan -- --json`.
 */
export function findingEvidence(f: { ruleId: string; detail: Record<string, unknown> | null | undefined; seenOn?: string[] }): string {
  const line = evidenceLine(f.ruleId, f.detail);
  const pages = f.seenOn ?? [];
  if (pages.length < 2) return line;
  const list = `出现页面（共${pages.length}个）：${pages.slice(0, PAGES_SHOWN).join('、')}${pages.length > PAGES_SHOWN ? '等' : ''}`;
  return line ? `${line}；${list}` : list;
}

/**
 * A finding's evidence as one line: '栏目：通知公告；最新日期：2024-08-01；…'. Empty values are
 * left out; line breaks in page text become spaces so the sheet cell stays one line.
 */
export function evidenceLine(ruleId: string, detail: Record<string, unknown> | null | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => evidenceField(ruleId, k, v))
    .filter((s) => s !== '')
    .join('；');
}
