// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { extraOrigins } from './permissions';

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
});
