import type { FindingStatus } from '../utils/db/types';
import type { Severity } from '../utils/scan/types';
export { SEVERITY_LABEL } from '../utils/scan/types';

export const STATUS_LABEL: Record<FindingStatus, string> = {
  open: '待确认',
  confirmed: '已确认',
  dismissed: '已排除',
  fixed: '已整改',
};

export const SEVERITY_ORDER: Severity[] = ['veto', 'deduct', 'hint'];

export const SEVERITY_COLOR: Record<Severity, string> = {
  veto: '#c62828',
  deduct: '#ef6c00',
  hint: '#1565c0',
};

/** Evidence field names in the inspectors' words; fields not listed here are shown as they are. */
export const DETAIL_LABEL: Record<string, string> = {
  column: '栏目',
  newest: '最新日期',
  ageDays: '距检查时间点（天）',
  limitDays: '要求更新周期（天）',
  cls: '栏目类别',
  href: '链接',
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
  kind: '类型',
  asked: '留言时间',
  replied: '回复时间',
  days: '天数',
  medianReplyDays: '答复用时中位数（天）',
  date: '日期',
  urlDate: '网址中的日期',
  pageDate: '页面发布时间',
  monitoringDate: '检查时间点',
  label: '标签',
  value: '值',
  metaCode: '网页标签中的标识码',
  hiddenOffsiteLinks: '隐藏外链数',
  datedItems: '同日条目数',
  gapDays: '此前间隔（天）',
  old: '旧名称',
  current: '现名称',
  since: '自',
  published: '发布时间',
  strong: '强特征词',
  weak: '弱特征词',
};

/** Values that are codes in the data and words on screen. */
const DETAIL_VALUE: Record<string, Record<string, string>> = {
  cls: { news: '动态要闻类（2周）', notice: '通知公告/政策文件类（6个月）', other: '其他栏目（1年）' },
  where: { main: '正文', title: '标题' },
};

/** A finding's evidence as one line: '栏目：通知公告；最新日期：…', empty values left out. */
export function detailLine(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${DETAIL_LABEL[k] ?? k}：${DETAIL_VALUE[k]?.[String(v)] ?? String(v)}`)
    .join('；');
}
