import { describe, expect, it } from 'vitest';
import { rule } from './leader-name';
import { pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

const ctx = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS };
const FILLER = '会议强调，各级各部门要提高政治站位，压紧压实责任，推动各项工作落地见效，切实维护人民群众生命财产安全。';

function article(p: string) {
  return pageFromHtml(
    `<html><head><title>县政府召开常务会议</title></head><body><div id="zoom"><p>${FILLER}</p><p>${p}</p></div></body></html>`,
    'https://www.example.gov.cn/art/2024/5/10/art_1_123.html',
  );
}

describe('leader-name', () => {
  it('fires on a certain misspelling anywhere and on a look-alike next to a title', () => {
    const found = rule.check(article('会议传达学习了习进平总书记重要讲话精神和国务院总理李墙的批示要求。'), ctx);
    expect(found.map((c) => c.quote)).toEqual(['习进平', '李墙']);
    expect(found[0].message).toContain('应为“习近平”');
  });

  it('does not fire on names that may be other people, or on 学习近…', () => {
    expect(rule.check(article('村民李墙、王洋反映的问题已办结。认真学习近期文件。'), ctx)).toHaveLength(0);
  });
});
