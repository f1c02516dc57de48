// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { extraOrigins, scriptOrigins } from './permissions';

describe('optional host permissions', () => {
  it('asks only for roster websites outside gov.cn, once per host', () => {
    const origins = extraOrigins([
      { kind: 'website', hosts: ['www.xp.gov.cn', 'xp.gov.cn'] },
      { kind: 'website', hosts: ['www.sxgjj.org.cn', 'sxgjj.org.cn'] },
      { kind: 'website', hosts: ['www.sxgjj.org.cn'] },
      { kind: 'newmedia', hosts: ['weibo.com'] },
      { kind: 'website', hosts: ['bad host/*'] },
    ]);
    expect(origins).toEqual(['*://sxgjj.org.cn/*', '*://www.sxgjj.org.cn/*']);
  });

  it('registers the scanner on host grants only, never on the all-sites grant used for screenshots', () => {
    const manifest = ['*://*.gov.cn/*', 'https://mp.weixin.qq.com/*'];
    expect(scriptOrigins(['*://*.gov.cn/*', '<all_urls>', '*://*/*', '*://www.sxgjj.org.cn/*'], manifest)).toEqual(['*://www.sxgjj.org.cn/*']);
    expect(scriptOrigins(['<all_urls>'], manifest)).toHaveLength(0);
  });
});
