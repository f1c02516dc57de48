// A synthetic county-portal page at the scale the budget names: ~5 MB of HTML, ~100,000 elements.
// Generated on the fly (deterministic PRNG) instead of committing a 5 MB fixture. The layout is what
// inspectors meet on real portals: a nav, many columns of dated lists, a very long article with a
// statistics table, and the standard footer (主办单位, 网站标识码, ICP, 公网安备, 党政机关 badge).

const WORDS = [
  '关于', '印发', '进一步', '加强', '做好', '全县', '全市', '乡镇', '街道', '农村', '安全生产', '专项整治', '工作方案',
  '实施意见', '通知', '公告', '公示', '办法', '规定', '政府信息公开', '年度报告', '财政预算', '决算', '公开', '招标',
  '采购', '中标', '结果', '人民政府', '办公室', '发展和改革局', '教育局', '卫生健康委员会', '自然资源局', '生态环境',
  '住房和城乡建设', '交通运输', '农业农村', '水利', '市场监督管理', '优化营商环境', '乡村振兴', '高质量发展', '疫情防控',
  '防汛抗旱', '森林防火', '征收', '补偿', '标准', '调整', '第一季度', '第二季度', '统计公报', '国民经济和社会发展',
  '政策解读', '新闻发布会', '召开', '专题会议', '调研', '督导', '检查', '推进会', '部署', '落实', '责任制', '考核',
];
const COLUMNS = ['要闻动态', '通知公告', '政策文件', '政策解读', '部门动态', '乡镇动态', '人事信息', '财政资金', '公共服务', '互动交流', '统计信息', '规划计划', '应急管理', '重点领域'];

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * @param {{ columns?: number, items?: number, paragraphs?: number, tableRows?: number, seed?: number }} [opts]
 * @returns {{ html: string, bytes: number, elements: number }}
 */
export function syntheticPortal(opts = {}) {
  const { columns = 270, items = 100, paragraphs = 2000, tableRows = 2800, seed = 2025 } = opts;
  const rnd = prng(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const phrase = (n) => Array.from({ length: n }, () => pick(WORDS)).join('');
  const date = (maxDaysAgo) => {
    const d = new Date(Date.UTC(2025, 5, 30) - Math.floor(rnd() * maxDaysAgo) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const out = [];
  out.push('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某某县人民政府门户网站 - 综合信息</title>');
  out.push('<meta name="SiteName" content="某某县人民政府"><meta name="SiteDomain" content="www.mmx.gov.cn"><meta name="SiteIDCode" content="3601000001">');
  out.push('<style>.col{float:left;width:31%;margin:4px}.col li{list-style:none}.date{float:right;color:#999}</style></head><body>');
  out.push('<div class="header"><img src="/logo.png" alt="某某县人民政府"><ul class="nav">');
  for (const c of COLUMNS) out.push(`<li><a href="/col/${encodeURIComponent(c)}/">${c}</a></li>`);
  out.push('</ul><form action="/search"><input name="q"><button>搜索</button></form></div><div class="main">');
  for (let c = 0; c < columns; c++) {
    const name = COLUMNS[c % COLUMNS.length] + (c >= COLUMNS.length ? Math.floor(c / COLUMNS.length) : '');
    out.push(`<div class="col" id="col${c}"><div class="col-hd"><h3>${name}</h3><a class="more" href="/col/c${c}/">更多&gt;&gt;</a></div><ul>`);
    const span = c % 7 === 0 ? 400 : 120;
    for (let i = 0; i < items; i++) {
      const t = phrase(3 + Math.floor(rnd() * 3));
      out.push(`<li><a href="/art/c${c}/${i}.html" title="${t}">${t}</a><span class="date">${date(span)}</span></li>`);
    }
    out.push('</ul></div>');
  }
  out.push('<div class="article"><h1>某某县2024年国民经济和社会发展统计公报</h1><div class="info">发布时间：2025-03-18 来源：县统计局</div><div class="content">');
  for (let p = 0; p < paragraphs; p++) {
    const s = phrase(12 + Math.floor(rnd() * 20));
    out.push(p % 5 === 0 ? `<p>${s}，<strong>${phrase(2)}</strong>${phrase(6)}。</p>` : `<p>${s}。${phrase(8)}。</p>`);
  }
  out.push('<table class="stats"><tr><th>指标</th><th>单位</th><th>绝对数</th><th>比上年增长</th><th>备注</th></tr>');
  for (let r = 0; r < tableRows; r++) {
    out.push(`<tr><td>${phrase(2)}</td><td>万元</td><td>${(rnd() * 100000).toFixed(1)}</td><td>${(rnd() * 20 - 5).toFixed(1)}%</td><td>${r % 3 ? '' : phrase(1)}</td></tr>`);
  }
  out.push('</table></div></div></div>');
  out.push('<div class="footer"><p>主办单位：某某县人民政府办公室　承办单位：某某县大数据中心</p>');
  out.push('<p>网站标识码：3601000001　<a href="https://beian.miit.gov.cn/">赣ICP备05001234号</a>　<a href="http://www.beian.gov.cn/">赣公网安备 36010002000123号</a></p>');
  out.push('<p><a href="https://bszs.conac.cn/sitename?method=show&id=0000"><img src="/red.png" alt="党政机关"></a>　<a href="/jiucuo/">我为政府网站找错</a></p></div>');
  out.push('</body></html>');
  const html = out.join('\n');
  const elements = (html.match(/<[a-zA-Z]/g) ?? []).length;
  return { html, bytes: Buffer.byteLength(html), elements };
}
