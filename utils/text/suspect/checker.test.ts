// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTypoChecker, type TypoChecker } from './checker';
import { createGuards, rosterTerms } from './guards';
import { MAX_CHECK_CHARS } from './tiers';

let checker: TypoChecker;
beforeAll(() => {
  checker = createTypoChecker(readFileSync(join(import.meta.dirname, '..', '..', '..', 'public', 'lm', 'zh_CN.lm')));
}, 60_000);

const at = (text: string, ch: string) => text.indexOf(ch);

describe('suspected-typo checker (language model + tables + guards)', () => {
  it('finds a homophone slip in an ordinary word and proposes the right character', () => {
    const text = '内蒙古自治区乌兰察布市大力培育发展大数局产业。';
    const [hits] = checker.check([text]);
    const hit = hits.find((h) => h.index === at(text, '局'));
    expect(hit).toMatchObject({ wrong: '局', right: '据', word: '数据' });
    expect(['mark', 'list']).toContain(hit!.tier);
  });

  it('finds a real-word confusion (同人 for 同仁) and leaves the corrected sentence alone', () => {
    const wrong = '对包括国企、民企、外企在内的各类市场主体一视同人。';
    const right = '对包括国企、民企、外企在内的各类市场主体一视同仁。';
    const [onWrong, onRight] = checker.check([wrong, right]);
    expect(onWrong.find((h) => h.word === '一视同仁')).toMatchObject({ wrong: '人', right: '仁', tier: 'mark' });
    expect(onRight).toEqual([]);
  });

  it('never flags the inspector’s own new terms, nor built-in current terms', () => {
    const text = '南部新城综合档案馆、龙湖佳园等项目基本建成。';
    expect(checker.check([text])[0].length).toBeGreaterThan(0);
    expect(checker.check([text], ['龙湖佳园'])[0]).toEqual([]);
    expect(checker.check(['安徽监狱援鄂抗疫工作队临时党支部。'])[0]).toEqual([]);
  });

  it('reads at most MAX_CHECK_CHARS characters per request (a 1 MB page is bounded)', () => {
    const filler = '各地区各部门要认真贯彻落实党中央决策部署。'.repeat(Math.ceil(MAX_CHECK_CHARS / 20) + 10);
    const slip = '对包括国企、民企、外企在内的各类市场主体一视同人。';
    const [first, second] = checker.check([filler, slip]);
    expect(first.every((h) => h.index < MAX_CHECK_CHARS)).toBe(true);
    expect(second).toEqual([]);
  }, 30_000); // scores a page-sized text: CPU-bound, seconds on a loaded machine
});

describe('precision guards', () => {
  const guards = createGuards({ terms: ['营商环境'] });
  const guarded = (text: string, part: string) => {
    const m = guards.mask(text);
    const a = text.indexOf(part);
    return [...m.slice(a, a + part.length)].every((x) => x === 1);
  };
  it('protects names, titles, codes and listed terms', () => {
    expect(guarded('鹰潭市余江区马荃镇党委副书记', '马荃')).toBe(true);
    expect(guarded('汤晔同志任宁波市副市长', '汤晔')).toBe(true);
    expect(guarded('县政协党组书记左宪安', '左宪安')).toBe(true);
    expect(guarded('印发《关于优化营商坏境的意见》', '关于优化营商坏境的意见')).toBe(true);
    expect(guarded('见冀政呈〔2019〕12号', '冀政呈')).toBe(true);
    expect(guarded('持续优化营商环境', '营商环境')).toBe(true);
    expect(guarded('王东煜 何宗海 刘溪丹 王晓春', '刘溪丹')).toBe(true);
    expect(guarded('对彭裕群警告并罚款1万元', '彭裕群')).toBe(true);
  });
  it('protects a name before 的 + a person’s noun, and before 之 + a place word', () => {
    expect(guarded('这是王东煜的父亲留下的', '王东煜')).toBe(true);
    expect(guarded('在刘溪丹的带领下，村民增收', '刘溪丹')).toBe(true);
    expect(guarded('欢迎访问赣南之窗', '赣南之窗')).toBe(true);
    expect(guarded('夏夜的黄河之滨灯火通明', '黄河之滨')).toBe(true);
    // Not a person: no surname opens the run, or the noun after 的 is no person's.
    expect(guarded('严格控制编织的父亲', '编织')).toBe(false);
    expect(guarded('严格控制王东煜的规模', '王东煜')).toBe(false);
    // 之 + a place word inside a longer word (之春节) is not a name pattern.
    expect(guarded('过好今年之春节的安排', '今年')).toBe(false);
  });
  it('protects the roster’s site names and their stems', () => {
    const terms = rosterTerms(['寻乌县人民政府门户网站', '赣州市发展和改革委员会', '寻乌发布（微信公众号）']);
    expect(terms).toEqual(expect.arrayContaining(['寻乌县人民政府门户网站', '寻乌县人民政府', '寻乌县', '寻乌', '赣州市发展和改革委员会', '寻乌发布']));
    expect(terms).not.toContain('');
    const text = '寻乌县召开防汛工作会议';
    expect([...guards.mask(text)].some((x) => x === 1)).toBe(false);
    const m = guards.mask(text, terms);
    expect([...m.slice(0, 3)]).toEqual([1, 1, 1]);
  });
  it('leaves ordinary prose open', () => {
    const text = '严格控制机构编织和财政供养人员总量，推进农村改革。';
    expect([...guards.mask(text)].some((x) => x === 1)).toBe(false);
  });
});
