import type { Candidate, Rule } from '../types';
import { TEXT } from '../page';

/**
 * Site-level 功能设计 hints checked once, on the home page: HTTPS, mobile viewport,
 * 无障碍/适老化 entry, site search. Each missing item is its own hint so the inspector
 * can dismiss one (e.g. a search box drawn by script) without losing the others.
 */
const ENTRY_SELECTOR = 'a, button, span, li, div[onclick], [role="button"]';
const ACCESSIBILITY_WORDS = /无障碍|适老化|长者模式|长辈版|关怀版|老年版|老年模式|读屏|辅助浏览|智能导盲|助残/;
const ACCESSIBILITY_SRC = /wza|cniil|jact|aria\.js|assist|barrierfree|slh\.js|yhzf|accessib/i;
const SEARCH_SELECTOR = [
  'input[type="search"]',
  'form[action*="search" i] input',
  'form[action*="sousuo" i] input',
  'input[name*="search" i]',
  'input[id*="search" i]',
  'input[class*="search" i]',
  'input[name*="keyword" i]',
  'input[id*="keyword" i]',
  'input[name="q"]',
  'input[placeholder*="搜索"]',
  'input[placeholder*="检索"]',
  'input[placeholder*="关键"]',
  'input[placeholder*="请输入"]',
  '[id*="search" i] input',
  '[class*="search" i] input',
  '[class*="sousuo" i] input',
].join(',');

export const rule: Rule = {
  meta: {
    id: 'site-hints',
    title: '首页功能设计提示（HTTPS、移动适配、无障碍、搜索）',
    indicator: '国办发〔2017〕47号 网站功能（搜索、无障碍、移动端适配、安全防护）；国办秘函〔2019〕19号 扣分指标 功能设计',
    severity: 'hint',
    category: '功能设计',
    description: '首页未启用HTTPS、无移动端 viewport、无“无障碍/适老化”入口或无站内搜索框，每项一条提示。',
  },
  needs: [TEXT],
  check(page) {
    if (page.pageType !== 'home') return [];
    const out: Candidate[] = [];
    const doc = page.doc;
    if (page.url.protocol === 'http:') {
      out.push({
        message: '网站首页未启用HTTPS安全访问',
        quote: null,
        detail: { item: 'https', lookedFor: 'https:// 协议', where: page.url.href },
      });
    }
    if (!doc.querySelector('meta[name="viewport" i]')) {
      out.push({
        message: '网站首页未设置移动端适配（缺少 viewport 声明）',
        quote: null,
        detail: { item: 'viewport', lookedFor: '<meta name="viewport">', where: '<head>' },
      });
    }
    if (!hasAccessibilityEntry(doc, page.text)) {
      out.push({
        message: '网站首页未提供无障碍浏览或适老化服务入口',
        quote: null,
        detail: { item: 'accessibility', lookedFor: '“无障碍/适老化/长者模式/关怀版”链接或按钮，或无障碍工具脚本', where: '首页全部链接、按钮和脚本' },
      });
    }
    if (!doc.querySelector(SEARCH_SELECTOR) && !hasSearchLink(doc)) {
      out.push({
        message: '网站首页未提供站内搜索功能',
        quote: null,
        detail: { item: 'search', lookedFor: '搜索输入框（type=search、search/keyword 命名、“搜索”提示文字）或搜索页链接', where: '首页全部表单和链接' },
      });
    }
    return out;
  },
};

function hasAccessibilityEntry(doc: Document, pageText: string): boolean {
  // Start from the text nodes that carry the words (few), not from every element (many):
  // an entry is a short clickable element around them.
  if (ACCESSIBILITY_WORDS.test(pageText) && doc.body) {
    const walker = doc.createTreeWalker(doc.body, 4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!ACCESSIBILITY_WORDS.test(n.nodeValue || '')) continue;
      for (let el = n.parentElement, depth = 0; el && depth < 3; el = el.parentElement, depth++) {
        if (el.matches(ENTRY_SELECTOR) && (el.textContent || '').length < 40) return true;
      }
    }
  }
  for (const el of Array.from(doc.querySelectorAll('[title], img[alt]'))) {
    const t = (el.getAttribute('title') || '') + (el.getAttribute('alt') || '');
    if (t.length < 40 && ACCESSIBILITY_WORDS.test(t)) return true;
  }
  for (const s of Array.from(doc.querySelectorAll('script'))) {
    const src = s.getAttribute('src') || '';
    if (src && ACCESSIBILITY_SRC.test(src)) return true;
    if (!src && /无障碍|适老化|wza|barrier/i.test((s.textContent || '').slice(0, 20000))) return true;
  }
  return false;
}

function hasSearchLink(doc: Document): boolean {
  for (const el of Array.from(doc.querySelectorAll('a[href*="search" i], a[href*="sousuo" i], button, [onclick*="search" i]'))) {
    const t = (el.textContent || '') + (el.getAttribute('title') || '');
    if (/搜索|检索|search/i.test(t) || /search|sousuo/i.test(el.getAttribute('href') || el.getAttribute('onclick') || '')) return true;
  }
  return false;
}
