// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { UNDIAGNOSED_REASON, classifyLink, classifyProbe, htmlGist, kindOfNetError, softErrorReason } from './classify';

describe('probe classification', () => {
  it('names the failure kind from Chromium network errors', () => {
    expect(kindOfNetError('net::ERR_NAME_NOT_RESOLVED')).toBe('dns');
    expect(kindOfNetError('net::ERR_CERT_DATE_INVALID')).toBe('tls');
    expect(kindOfNetError('net::ERR_SSL_PROTOCOL_ERROR')).toBe('tls');
    expect(kindOfNetError('net::ERR_CONNECTION_TIMED_OUT')).toBe('timeout');
    expect(kindOfNetError('net::ERR_CONNECTION_REFUSED')).toBe('refused');
    expect(kindOfNetError('net::ERR_CONNECTION_RESET')).toBe('reset');
    expect(kindOfNetError('net::ERR_EMPTY_RESPONSE')).toBe('reset');
    expect(kindOfNetError('net::ERR_FAILED')).toBe('network');
  });

  it('counts a status below 400 as an answer and 4xx/5xx, time-outs and network errors as failures', () => {
    expect(classifyProbe({ status: 200 })).toMatchObject({ ok: true, kind: 'ok' });
    expect(classifyProbe({ status: 304 })).toMatchObject({ ok: true });
    expect(classifyProbe({ status: 503 })).toMatchObject({ ok: false, kind: 'http', reason: 'HTTP 503' });
    expect(classifyProbe({ status: null, timedOut: true })).toMatchObject({ ok: false, kind: 'timeout' });
    // a time-out wins over whatever error the abort produced
    expect(classifyProbe({ status: null, timedOut: true, netError: 'net::ERR_ABORTED' }).kind).toBe('timeout');
    expect(classifyProbe({ status: null, netError: 'net::ERR_NAME_NOT_RESOLVED' })).toMatchObject({ ok: false, kind: 'dns', reason: expect.stringContaining('域名解析失败') });
    expect(classifyProbe({ status: null, diagnosed: true })).toMatchObject({ ok: false, kind: 'network', reason: '网络错误' });
    // never sent (the browser throttled it): not the site's failure
    expect(classifyProbe({ status: null, notSent: true, diagnosed: true })).toMatchObject({ ok: false, kind: 'missed' });
    expect(classifyProbe({ status: null, notSent: true, diagnosed: true, netError: 'net::ERR_CONNECTION_RESET' }).kind).toBe('reset');
    expect(classifyLink({ url: 'http://a.gov.cn/x', status: null, notSent: true, diagnosed: true })).toMatchObject({ broken: false, kind: 'unchecked' });
  });

  it('without webRequest in effect, a failed fetch is a plain failure of the site, never 未执行', () => {
    // No error seen, but nothing was watching: a dead host and a throttled request look the same.
    for (const o of [{ status: null, notSent: true }, { status: null, notSent: true, diagnosed: false }, { status: null }]) {
      expect(classifyProbe(o)).toEqual({ ok: false, kind: 'network', reason: UNDIAGNOSED_REASON });
      expect(classifyLink({ url: 'http://gone.a.gov.cn/', ...o })).toEqual({ broken: true, kind: 'network', reason: UNDIAGNOSED_REASON });
    }
    expect(UNDIAGNOSED_REASON).toContain('网络错误诊断');
    // an answer or our own time-out needs no diagnostics
    expect(classifyProbe({ status: 503, notSent: true })).toMatchObject({ kind: 'http' });
    expect(classifyProbe({ status: null, timedOut: true })).toMatchObject({ kind: 'timeout' });
  });
});

describe('link classification', () => {
  const url = 'http://www.a.gov.cn/art/2024/1/1/art_1_1.html';
  it('finds 404s, redirect loops and dead hosts', () => {
    expect(classifyLink({ url, status: 404 })).toMatchObject({ broken: true, kind: 'http', reason: 'HTTP 404' });
    expect(classifyLink({ url, status: null, netError: 'net::ERR_TOO_MANY_REDIRECTS' })).toMatchObject({ broken: true, kind: 'redirect-loop' });
    expect(classifyLink({ url, status: null, netError: 'net::ERR_NAME_NOT_RESOLVED' })).toMatchObject({ broken: true, kind: 'dns' });
    expect(classifyLink({ url, status: 200, title: '关于开展2024年检查的通知_甲县人民政府' })).toMatchObject({ broken: false, kind: 'ok' });
  });

  it('recognises error pages served with 200 (soft 404)', () => {
    expect(classifyLink({ url, status: 200, title: '404 Not Found' })).toMatchObject({ broken: true, kind: 'soft-404' });
    expect(classifyLink({ url, status: 200, title: '页面不存在' }).kind).toBe('soft-404');
    expect(classifyLink({ url, status: 200, title: '404 - 找不到文件或目录。' }).kind).toBe('soft-404');
    expect(classifyLink({ url, status: 200, title: '信息已删除_甲县人民政府' }).kind).toBe('soft-404');
    expect(classifyLink({ url, status: 200, title: '提示信息', text: '对不起，您访问的页面不存在或已被删除！ 返回首页' }).kind).toBe('soft-404');
    expect(classifyLink({ url, status: 200, finalUrl: 'http://www.a.gov.cn/404.html', title: '甲县人民政府' }).kind).toBe('soft-404');
    expect(classifyLink({ url, status: 200, finalUrl: 'http://www.a.gov.cn/', title: '甲县人民政府' }).reason).toContain('重定向到首页');
  });

  it('does not take an ordinary page that mentions an error for an error page', () => {
    const article = '关于做好网站404页面规范化建设的通知。各单位：为提升政府网站服务水平，'.repeat(30);
    expect(softErrorReason({ url, title: '关于做好网站错误页面规范化建设的通知_甲县人民政府', text: article })).toBe(null);
    expect(softErrorReason({ url, title: '2024年第404号公告', text: '' })).toBe(null);
    expect(softErrorReason({ url, title: '404号令_甲县人民政府', text: '' })).toBe(null);
    expect(softErrorReason({ url: 'http://www.a.gov.cn/', finalUrl: 'http://www.a.gov.cn/index.html', title: '首页' })).toBe(null);
    expect(softErrorReason({ url, finalUrl: 'https://www.a.gov.cn/art/2024/1/1/art_1_1.html', title: '通知' })).toBe(null);
  });
});

describe('HTML gist without a DOM', () => {
  it('reads the title and visible text, skipping scripts and styles', () => {
    const g = htmlGist('<html><head><title> 404 &amp; 错误 </title><style>p{}</style></head><body><script>var a="页面不存在"</script><h1>对不起</h1><!-- x --><p>您访问的页面&nbsp;不存在</p></body></html>');
    expect(g).toEqual({ title: '404 & 错误', text: '对不起 您访问的页面 不存在' });
  });
});
