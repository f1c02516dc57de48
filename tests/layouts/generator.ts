/**
 * Layout generator: government pages written the way the common CMS templates write them
 * (TRS WCM, 大汉 Hanweb jpage, 集约化平台 column boxes, layout tables, dl/dt/dd, tab boxes with
 * hidden panes, nested 一级/二级 columns, carousels and 图片新闻, column-overview pages), filled
 * with random names, items and ages. Each page carries its own truth: the columns an inspector
 * would judge, with their newest date and blankness.
 *
 * The markup follows the templates as they appear in tests/fixtures/corpus/ and in public site
 * sources (class names vary per site; what stays is the structure: a heading, then a run of
 * links with dates), so it is written independently of how the detector works.
 * Pure: no browser APIs, deterministic for a seed.
 */

export type Family =
  | 'trs'
  | 'hanweb'
  | 'jiyue'
  | 'table'
  | 'dl'
  | 'tabs'
  | 'date-position'
  | 'brackets'
  | 'chinese-date'
  | 'year-less'
  | 'nested'
  | 'carousel'
  | 'blank'
  | 'div-blocks'
  | 'overview-page';

export const FAMILIES: Family[] = [
  'trs', 'hanweb', 'jiyue', 'table', 'dl', 'tabs', 'date-position', 'brackets', 'chinese-date',
  'year-less', 'nested', 'carousel', 'blank', 'div-blocks', 'overview-page',
];

export interface TruthColumn {
  name: string;
  /** YYYY-MM-DD of the newest item, null when blank. */
  newest: string | null;
  blank: boolean;
  /** The dates show no year and nothing on the page settles it: the verdict must be 待核实. */
  yearAmbiguous?: boolean;
}

export interface GeneratedPage {
  family: Family;
  seed: number;
  url: string;
  monitoringDate: string;
  html: string;
  columns: TruthColumn[];
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: R, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: R, p: number) => r() < p;

// ---- dates -------------------------------------------------------------------------------

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

type DateStyle = 'iso' | 'slash' | 'dot' | 'cn' | 'cn0' | 'short';
type Wrap = '' | '[]' | '【】' | '（）' | '()';

function formatDate(iso: string, style: DateStyle): string {
  const [y, m, d] = iso.split('-');
  switch (style) {
    case 'iso': return iso;
    case 'slash': return `${y}/${m}/${d}`;
    case 'dot': return `${y}.${m}.${d}`;
    case 'cn': return `${Number(y)}年${Number(m)}月${Number(d)}日`;
    case 'cn0': return `${y}年${m}月${d}日`;
    case 'short': return `${m}-${d}`;
  }
}

function wrap(text: string, w: Wrap): string {
  return w ? `${w[0]}${text}${w[1]}` : text;
}

// ---- names and titles --------------------------------------------------------------------

const NEWS_NAMES = ['工作动态', '政务要闻', '部门动态', '乡镇动态', '本地要闻', '图片新闻', '基层信息', '县区动态', '新闻资讯', '今日关注', '街道动态', '工作信息'];
const NOTICE_NAMES = ['通知公告', '公示公告', '政策文件', '规范性文件', '政府文件', '招标公告', '人事任免', '公告公示', '部门文件', '行政规范性文件'];
const OTHER_NAMES = ['政策解读', '统计数据', '规划计划', '财政预决算', '人事信息', '建议提案办理', '专题专栏', '重点领域信息公开', '政府采购', '应急管理', '审计公告', '减税降费'];
const ORGS = ['县应急管理局', '市生态环境局', '区教育体育局', '县人社局', '城关镇', '河口乡', '市场监管局', '县财政局', '农业农村局', '区住建局', '县卫健委', '市自然资源局', '县政府办'];
const ACTS = ['召开', '开展', '部署', '举办', '推进', '启动', '组织', '完成'];
const TOPICS = ['安全生产专项整治工作', '秋季森林防火检查', '优化营商环境座谈会', '人居环境整治行动', '2024年度工作总结会', '防汛抗旱应急演练', '政务公开培训', '第三季度经济运行分析会', '乡村振兴重点项目观摩', '食品安全宣传周活动', '重点项目集中签约仪式'];
const DOC_TITLES = ['关于印发{}工作方案的通知', '关于{}的公告', '关于公开征求《{}》意见的公告', '{}结果公示', '关于做好{}工作的通知', '关于{}期间停水的通告'];
const DOC_TOPICS = ['老旧小区改造', '2024年春节', '城乡居民医保缴费', '拟任职干部', '防空警报试鸣', '农村土地承包经营权确权', '耕地地力保护补贴', '政府购买服务'];
const PLACEHOLDERS = ['暂无信息', '暂无内容', '该栏目正在建设中', '栏目建设中', '敬请期待', '内容更新中', '暂无数据', '暂无相关信息', '正在建设中...'];

function nameFor(r: R, used: Set<string>): string {
  for (let i = 0; i < 50; i++) {
    const pool = pick(r, [NEWS_NAMES, NOTICE_NAMES, OTHER_NAMES]);
    const n = pick(r, pool);
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
  const n = `${pick(r, ['住建', '交通', '水利', '林业', '民政'])}信息${used.size}`;
  used.add(n);
  return n;
}

function headline(r: R, date: string): string {
  if (chance(r, 0.4)) {
    // Headlines often carry their own dates: those are not the item's date.
    const t = pick(r, DOC_TITLES).replace('{}', chance(r, 0.25) ? `${date.slice(0, 4)}年${int(r, 1, 12)}月${int(r, 1, 28)}日${pick(r, DOC_TOPICS)}` : pick(r, DOC_TOPICS));
    return t;
  }
  return `${pick(r, ORGS)}${pick(r, ACTS)}${pick(r, TOPICS)}`;
}

// ---- items -------------------------------------------------------------------------------

interface Item {
  title: string;
  date: string;
  href: string;
}

interface ColumnSpec {
  name: string;
  path: string;
  items: Item[];
  /** Placeholder shown instead of items (blank column), or '' for an empty list. */
  placeholder: string | null;
  /** The page shows no year for the item dates. */
  yearLess?: boolean;
}

let hrefCounter = 0;

/** Items of a column, newest first (sometimes a 置顶 older one on top). */
function makeItems(r: R, path: string, monitoring: string, opts: { maxAge?: number; cms?: 'trs' | 'hanweb' | 'plain'; noPin?: boolean } = {}): Item[] {
  const n = int(r, 1, 9);
  // Ages: fresh, within months, or long stale; the newest defines the column.
  const newestAge = pick(r, [int(r, 0, 13), int(r, 14, 180), int(r, 181, 400), int(r, 401, 1100)]);
  const age0 = Math.min(newestAge, opts.maxAge ?? Infinity);
  const dates: string[] = [];
  let age = age0;
  for (let i = 0; i < n; i++) {
    dates.push(addDays(monitoring, -age));
    age += int(r, 0, 20);
  }
  if (n > 2 && !opts.noPin && chance(r, 0.15)) {
    // 置顶: an older item pinned above the others.
    const pinned = addDays(monitoring, -(age + int(r, 30, 300)));
    dates.unshift(pinned);
    dates.pop();
  }
  const cms = opts.cms ?? 'plain';
  return dates.map((date) => {
    const id = ++hrefCounter;
    const [y, m, d] = date.split('-');
    const href =
      cms === 'trs'
        ? `./${path}/${y}${m}/t${y}${m}${d}_${4000000 + id}.html`
        : cms === 'hanweb'
          ? `/art/${Number(y)}/${Number(m)}/${Number(d)}/art_${1200 + (id % 40)}_${300000 + id}.html`
          : `/${path}/content_${700000 + id}.html`;
    return { title: headline(r, date), date, href };
  });
}

function newestOf(items: Item[]): string | null {
  return items.reduce<string | null>((a, i) => (!a || i.date > a ? i.date : a), null);
}

function truthOf(c: ColumnSpec, yearAmbiguous = false): TruthColumn {
  const blank = c.items.length === 0;
  return { name: c.name, newest: blank ? null : newestOf(c.items), blank, ...(yearAmbiguous && !blank ? { yearAmbiguous: true } : {}) };
}

// ---- page chrome -------------------------------------------------------------------------

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function chrome(r: R, site: string, monitoring: string, body: string, opts: { crumb?: string } = {}): string {
  const weekday = '日一二三四五六'[new Date(`${monitoring}T00:00:00Z`).getUTCDay()];
  const clock = chance(r, 0.5) ? `<div class="date-weather">今天是${formatDate(monitoring, 'cn')} 星期${weekday}</div>` : '';
  const nav = ['网站首页', '政务公开', '政务服务', '互动交流', '走进本地']
    .map((n, i) => `<li${i === 0 ? ' class="on"' : ''}><a href="/${i ? `col${i}/` : ''}">${n}</a></li>`)
    .join('');
  const crumb = opts.crumb ? `<div class="${pick(r, ['position', 'crumb', 'dqwz', 'location'])}">当前位置：<a href="/">首页</a> &gt; ${opts.crumb}</div>` : '';
  const hot = chance(r, 0.3)
    ? `<div class="side"><div class="side-tit">热点排行</div><ol>${[1, 2, 3].map((i) => `<li><a href="/x/${i}.html">${pick(r, ORGS)}${pick(r, TOPICS)}</a></li>`).join('')}</ol></div>`
    : '';
  const links = `<div class="yqlj"><select><option>国务院部门网站</option><option>省政府网站</option></select></div>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(site)}</title><meta name="SiteName" content="${esc(site)}"></head><body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="${esc(site)}"></div>${clock}<div class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></div></div>
<div class="nav"><ul>${nav}</ul></div>
${crumb}
<div class="main">${body}${hot}</div>
${links}
<div class="footer"><p>主办单位：${esc(site)}办公室 联系电话：0795-${int(r, 1000000, 9999999)}</p><p>网站标识码：36090${int(r, 10000, 99999)} 赣ICP备0500${int(r, 1000, 9999)}号 赣公网安备 36090202000${int(r, 100, 999)}号</p><p>版权所有 © ${monitoring.slice(0, 4)} ${esc(site)}</p></div>
</body></html>`;
}

// ---- list renderers ----------------------------------------------------------------------

interface ItemStyle {
  date: DateStyle;
  wrap: Wrap;
  position: 'after' | 'before' | 'inside';
  bullet: boolean;
}

function randomStyle(r: R, over: Partial<ItemStyle> = {}): ItemStyle {
  return {
    date: pick(r, ['iso', 'iso', 'iso', 'slash', 'dot', 'cn0'] as DateStyle[]),
    wrap: pick(r, ['', '', '', '[]'] as Wrap[]),
    position: 'after',
    bullet: chance(r, 0.2),
    ...over,
  };
}

function li(r: R, it: Item, s: ItemStyle, tag = 'li'): string {
  const date = wrap(formatDate(it.date, s.date), s.wrap);
  const tag2 = pick(r, ['span', 'span', 'em', 'i', 'b']);
  const dateEl = `<${tag2} class="${pick(r, ['date', 'time', 'fr', 'right', 'rq', ''])}">${date}</${tag2}>`;
  const title = esc(it.title);
  const bullet = s.bullet ? '·' : '';
  const link = (inner: string) => `<a href="${it.href}" target="_blank" title="${title}">${inner}</a>`;
  let inner: string;
  if (s.position === 'before') inner = `${dateEl}${bullet}${link(title)}`;
  else if (s.position === 'inside') inner = chance(r, 0.5) ? link(`<span class="title">${title}</span>${dateEl}`) : link(`${title}&nbsp;&nbsp;${date}`);
  else inner = `${bullet}${link(title)}${dateEl}`;
  return `<${tag}>${inner}</${tag}>`;
}

function ul(r: R, c: ColumnSpec, s: ItemStyle): string {
  const cls = pick(r, ['list', 'news-list', 'clearfix', 'list-con', 'xxgk-list', '']);
  if (c.placeholder !== null) return placeholderList(r, c.placeholder, cls);
  return `<ul class="${cls}">${c.items.map((it) => li(r, it, s)).join('')}</ul>`;
}

/** The ways templates show a column with nothing in it. */
function placeholderList(r: R, placeholder: string, cls: string): string {
  if (!placeholder) return `<ul class="${cls}"></ul>`;
  return pick(r, [
    `<ul class="${cls}"><li>${placeholder}</li></ul>`,
    `<ul class="${cls}"><li><a href="javascript:;">${placeholder}</a></li></ul>`,
    `<div class="${cls || 'nodata'}"><p>${placeholder}</p></div>`,
    `<div class="no-data">${placeholder}</div>`,
  ]);
}

function more(r: R, path: string): string {
  const label = pick(r, ['更多&gt;&gt;', '更多', 'more+', '+', '更多 &gt;', '<img src="/images/more.png" alt="更多">']);
  return `<a class="${pick(r, ['more', 'fr', 'gd', ''])}" href="/${path}/">${label}</a>`;
}

function spec(r: R, used: Set<string>, monitoring: string, opts: { cms?: 'trs' | 'hanweb' | 'plain'; blankShare?: number; maxAge?: number; noPin?: boolean } = {}): ColumnSpec {
  const name = nameFor(r, used);
  const path = `c${int(r, 100, 999)}`;
  if (chance(r, opts.blankShare ?? 0.12)) return { name, path, items: [], placeholder: chance(r, 0.8) ? pick(r, PLACEHOLDERS) : '' };
  return { name, path, items: makeItems(r, path, monitoring, opts), placeholder: null };
}

// ---- families ----------------------------------------------------------------------------

type Builder = (r: R, monitoring: string) => { body: string; columns: TruthColumn[]; url?: string; crumb?: string };

const HOME_PATHS = ['/', '/index.html', '/index.shtml', '/index.jhtml', '/index.htm'];

/** TRS WCM: box with hd (h3/span + 更多) and bd (ul > li > a + span), t2024…_ article addresses. */
const trs: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 6) }, () => spec(r, used, mon, { cms: 'trs' }));
  const style = randomStyle(r);
  const body = specs
    .map((c) => {
      const hd = pick(r, ['hd', 'tit', 'title', 'bt', 'index-tit']);
      const name = pick(r, [`<h3>${c.name}</h3>`, `<span>${c.name}</span>`, `<a href="/${c.path}/">${c.name}</a>`]);
      return `<div class="${pick(r, ['box', 'mod', 'news-box', 'zwgk-box'])} fl"><div class="${hd}">${name}${more(r, c.path)}</div><div class="bd">${ul(r, c, style)}</div></div>`;
    })
    .join('\n');
  return { body, columns: specs.map((c) => truthOf(c)) };
};

/** 大汉 Hanweb: con-tit with title span, jpage default_pgContainer with [date] spans, /art/Y/M/D/ addresses. */
const hanweb: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 6) }, () => spec(r, used, mon, { cms: 'hanweb' }));
  const style = randomStyle(r, { wrap: pick(r, ['[]', '', '【】'] as Wrap[]) });
  const body = specs
    .map((c) => {
      const id = int(r, 1000, 9999);
      const list =
        c.placeholder !== null
          ? placeholderList(r, c.placeholder, 'default_pgContainer')
          : `<div id="${id}"><div class="default_pgContainer">${c.items.map((it) => li(r, it, style)).join('')}</div></div>`;
      return `<div class="${pick(r, ['con', 'bt-box', 'main-box'])}"><div class="con-tit"><span class="tit">${c.name}</span><a href="/col/col${id}/index.html" class="more">更多&gt;&gt;</a></div>${list}</div>`;
    })
    .join('\n');
  return { body, columns: specs.map((c) => truthOf(c)) };
};

/** 集约化平台: column cards (section > header > h2 name, list with date first, MM-dd or full). */
const jiyue: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 6) }, () => spec(r, used, mon));
  const style = randomStyle(r, { position: 'before' });
  const body = specs
    .map((c) => {
      const list = c.placeholder !== null ? placeholderList(r, c.placeholder, 'column-list') : `<ul class="column-list">${c.items.map((it) => li(r, it, style)).join('')}</ul>`;
      return `<section class="column-card"><header class="column-header"><h2 class="column-name">${c.name}</h2><a class="column-more" href="/${c.path}/">查看更多</a></header>${list}</section>`;
    })
    .join('\n');
  return { body: `<div class="ucap-content">${body}</div>`, columns: specs.map((c) => truthOf(c)) };
};

/** Layout tables: a title row (background image cell + 更多), item rows with ·link | (date). */
const table: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 5) }, () => spec(r, used, mon));
  const style = randomStyle(r, { wrap: pick(r, ['', '()', '[]', '（）'] as Wrap[]) });
  const body = specs
    .map((c) => {
      const rows =
        c.placeholder !== null
          ? c.placeholder
            ? `<tr><td colspan="2" align="center">${c.placeholder}</td></tr>`
            : ''
          : c.items
              .map((it) => `<tr><td height="24">·<a href="${it.href}" target="_blank">${esc(it.title)}</a></td><td width="90" align="right" class="date">${wrap(formatDate(it.date, style.date), style.wrap)}</td></tr>`)
              .join('');
      return `<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td background="/images/lm_bg.gif" height="32"><img src="/images/icon.gif"> <strong>${c.name}</strong></td><td align="right"><a href="/${c.path}/">更多</a></td></tr><tr><td colspan="2"><table width="100%" border="0">${rows}</table></td></tr></table>`;
    })
    .join('\n');
  return { body: `<table width="1000" align="center"><tr><td>${body}</td></tr></table>`, columns: specs.map((c) => truthOf(c)) };
};

/** dl/dt/dd: the column name in dt, items in dd. */
const dl: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 5) }, () => spec(r, used, mon));
  const style = randomStyle(r);
  const body = specs
    .map((c) => {
      const dds = c.placeholder !== null ? (c.placeholder ? `<dd>${c.placeholder}</dd>` : '') : c.items.map((it) => li(r, it, style, 'dd')).join('');
      return `<dl class="${pick(r, ['news', 'lm', 'list'])}"><dt><a href="/${c.path}/">${c.name}</a><a class="more" href="/${c.path}/">更多</a></dt>${dds}</dl>`;
    })
    .join('\n');
  return { body, columns: specs.map((c) => truthOf(c)) };
};

/** Tab boxes: a ul of tab names, one pane per tab, inactive panes hidden. */
const tabs: Builder = (r, mon) => {
  const used = new Set<string>();
  const out: TruthColumn[] = [];
  const boxes: string[] = [];
  for (let b = int(r, 1, 3); b > 0; b--) {
    const specs = Array.from({ length: int(r, 2, 4) }, () => spec(r, used, mon, { blankShare: 0.08 }));
    const style = randomStyle(r);
    const hidden = pick(r, ['style="display:none"', 'style="display: none;"', 'hidden', 'class="hide"']);
    const heads = specs.map((c, i) => `<li${i === 0 ? ' class="on"' : ''}><a href="/${c.path}/">${c.name}</a></li>`).join('');
    const panes = specs.map((c, i) => `<div class="tab-pane${i === 0 ? ' active' : ''}" ${i === 0 ? '' : hidden}>${ul(r, c, style)}${more(r, c.path)}</div>`).join('');
    boxes.push(`<div class="tab-box"><div class="${pick(r, ['tab-hd', 'tabs', 'tab-title', 'hd'])}"><ul>${heads}</ul></div><div class="tab-bd">${panes}</div></div>`);
    out.push(...specs.map((c) => truthOf(c)));
  }
  return { body: boxes.join('\n'), columns: out };
};

/** Dates before, after and inside the link, in one page. */
const datePosition: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 5) }, () => spec(r, used, mon, { blankShare: 0 }));
  const body = specs
    .map((c) => {
      const style = randomStyle(r, { position: pick(r, ['before', 'after', 'inside'] as const) });
      return `<div class="box"><div class="box-title"><h3>${c.name}</h3>${more(r, c.path)}</div>${ul(r, c, style)}</div>`;
    })
    .join('\n');
  return { body, columns: specs.map((c) => truthOf(c)) };
};

/** 【】 [] （） () around dates, full or short. */
const brackets: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 5) }, () => spec(r, used, mon, { blankShare: 0, cms: 'trs' }));
  const body = specs
    .map((c) => {
      const style = randomStyle(r, { wrap: pick(r, ['[]', '【】', '（）', '()'] as Wrap[]), date: pick(r, ['iso', 'cn0', 'slash'] as DateStyle[]), position: pick(r, ['after', 'before'] as const) });
      return `<div class="lm"><div class="lm-hd"><span>${c.name}</span>${more(r, c.path)}</div>${ul(r, c, style)}</div>`;
    })
    .join('\n');
  return { body, columns: specs.map((c) => truthOf(c)) };
};

/** 2024年7月10日 and 2024年07月10日 dates. */
const chineseDate: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 5) }, () => spec(r, used, mon, { blankShare: 0.05 }));
  const style = randomStyle(r, { date: pick(r, ['cn', 'cn0'] as DateStyle[]) });
  const body = specs.map((c) => `<div class="part"><h4 class="part-t">${c.name}</h4>${ul(r, c, style)}</div>`).join('\n');
  return { body, columns: specs.map((c) => truthOf(c)) };
};

/**
 * [03-05]-style dates. TRS and 大汉 article addresses carry the year; plain addresses do not,
 * and then only a full date elsewhere on the page can settle it (often nothing does).
 */
const yearLess: Builder = (r, mon) => {
  const used = new Set<string>();
  const out: TruthColumn[] = [];
  const parts: string[] = [];
  const anchored = chance(r, 0.5);
  for (let i = int(r, 2, 4); i > 0; i--) {
    // Without an anchor the year cannot be read; ages stay within a year so the inspector's
    // confirmation is what is asked for, and the guessed date is still the right one.
    const c = spec(r, used, mon, { blankShare: 0, cms: anchored ? pick(r, ['trs', 'hanweb'] as const) : 'plain', maxAge: anchored ? undefined : 150, noPin: !anchored });
    const style = randomStyle(r, { date: 'short', wrap: pick(r, ['', '[]', '()', '【】'] as Wrap[]) });
    parts.push(`<div class="box"><div class="box-title"><span class="name">${c.name}</span>${more(r, c.path)}</div>${ul(r, c, style)}</div>`);
    out.push(truthOf(c, !anchored));
  }
  return { body: parts.join('\n'), columns: out };
};

/** Nested columns: a 一级 box holding 二级 boxes, each with its own heading and list. */
const nested: Builder = (r, mon) => {
  const used = new Set<string>();
  const out: TruthColumn[] = [];
  const parts: string[] = [];
  for (let b = int(r, 1, 2); b > 0; b--) {
    const parent = pick(r, ['政府信息公开', '政务公开', '法定主动公开内容', '重点领域']);
    const subs = Array.from({ length: int(r, 2, 4) }, () => spec(r, used, mon));
    const style = randomStyle(r);
    const inner = subs.map((c) => `<div class="sub-lm"><div class="sub-lm-hd"><a href="/${c.path}/">${c.name}</a>${more(r, c.path)}</div>${ul(r, c, style)}</div>`).join('');
    parts.push(`<div class="lm"><div class="lm-hd"><h2>${parent}</h2></div><div class="lm-bd">${inner}</div></div>`);
    out.push(...subs.map((c) => truthOf(c)));
  }
  return { body: parts.join('\n'), columns: out };
};

/** A carousel (slides with pictures, cloned first/last) and a 图片新闻 block next to lists. */
const carousel: Builder = (r, mon) => {
  const used = new Set<string>(['图片新闻']);
  const pics = makeItems(r, 'tpxw', mon, { cms: 'trs' });
  const slide = (it: Item) => `<li class="swiper-slide"><a href="${it.href}"><img src="/images/${it.href.length}.jpg" alt=""><p class="title">${esc(it.title)}</p></a></li>`;
  const slides = [pics[pics.length - 1], ...pics, pics[0]].map(slide).join('');
  const picStyle = randomStyle(r);
  const picList = `<ul class="tpxw-list">${pics.map((it) => li(r, it, picStyle)).join('')}</ul>`;
  const specs = Array.from({ length: int(r, 1, 3) }, () => spec(r, used, mon));
  const style = randomStyle(r);
  const lists = specs.map((c) => `<div class="box"><div class="box-title"><h3>${c.name}</h3>${more(r, c.path)}</div>${ul(r, c, style)}</div>`).join('');
  const focus = `<div class="focus"><div class="swiper-container"><ul class="swiper-wrapper">${slides}</ul><div class="swiper-pagination"></div></div></div>`;
  const tpxw = `<div class="tpxw"><div class="tpxw-hd"><h3>图片新闻</h3>${more(r, 'tpxw')}</div>${focus}${picList}</div>`;
  return { body: `${tpxw}${lists}`, columns: [{ name: '图片新闻', newest: newestOf(pics), blank: false }, ...specs.map((c) => truthOf(c))] };
};

/** Blank columns every way templates show them, next to a live one. */
const blank: Builder = (r, mon) => {
  const used = new Set<string>();
  const live = spec(r, used, mon, { blankShare: 0 });
  const blanks = Array.from({ length: int(r, 2, 4) }, () => ({ ...spec(r, used, mon, { blankShare: 1 }) }));
  const style = randomStyle(r);
  const all = [live, ...blanks].sort(() => r() - 0.5);
  const body = all.map((c) => `<div class="lm"><div class="lm-hd"><span>${c.name}</span>${more(r, c.path)}</div><div class="lm-bd">${ul(r, c, style)}</div></div>`).join('\n');
  return { body, columns: all.map((c) => truthOf(c)) };
};

/** Home pages of div.t / div.item blocks (no ul/li), dates as 2024年7月10日 or full ISO. */
const divBlocks: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 3, 5) }, () => spec(r, used, mon, { blankShare: 0.05 }));
  const style = randomStyle(r, { date: pick(r, ['cn', 'iso', 'cn0'] as DateStyle[]) });
  const body = specs
    .map((c) => {
      const items =
        c.placeholder !== null
          ? `<div class="item">${c.placeholder || '暂无信息'}</div>`
          : c.items.map((it) => `<div class="item"><a href="${it.href}">${esc(it.title)}</a><span>${formatDate(it.date, style.date)}</span></div>`).join('');
      return `<div class="block"><div class="t">${c.name}</div><div class="items">${items}</div></div>`;
    })
    .join('\n');
  return { body, columns: specs.map((c) => truthOf(c)) };
};

/** A column-overview page at its own folder address (/zwgk/): several lm blocks, some blank. */
const overviewPage: Builder = (r, mon) => {
  const used = new Set<string>();
  const specs = Array.from({ length: int(r, 2, 5) }, () => spec(r, used, mon, { blankShare: 0.5 }));
  const style = randomStyle(r);
  const body = specs.map((c) => `<div class="lm"><div class="lm-hd">${c.name}</div>${ul(r, c, style)}</div>`).join('\n');
  const folder = pick(r, ['zwgk', 'xxgk', 'zfxxgk', 'bmxxgk']);
  return { body: `<div class="lm-wrap">${body}</div>`, columns: specs.map((c) => truthOf(c)), url: `/${folder}/${pick(r, ['', 'index.html', 'index.shtml'])}`, crumb: '政府信息公开' };
};

const BUILDERS: Record<Family, Builder> = {
  trs, hanweb, jiyue, table, dl, tabs, 'date-position': datePosition, brackets, 'chinese-date': chineseDate,
  'year-less': yearLess, nested, carousel, blank, 'div-blocks': divBlocks, 'overview-page': overviewPage,
};

/** One generated page of a family, deterministic for the seed. */
export function generatePage(family: Family, seed: number): GeneratedPage {
  const r = rng(seed * 7919 + FAMILIES.indexOf(family));
  const monitoring = addDays('2024-01-01', int(r, 0, 900));
  const built = BUILDERS[family](r, monitoring);
  const host = `www.${pick(r, ['yf', 'gz', 'lp', 'wz', 'sx', 'hn'])}${int(r, 1, 99)}.gov.cn`;
  const path = built.url ?? pick(r, HOME_PATHS);
  const site = `${pick(r, ['宜丰', '高安', '万载', '铜鼓', '靖安', '奉新'])}县人民政府`;
  return {
    family,
    seed,
    url: `https://${host}${path}`,
    monitoringDate: monitoring,
    html: chrome(r, site, monitoring, built.body, { crumb: built.crumb }),
    columns: built.columns,
  };
}
