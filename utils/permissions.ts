import type { Site } from './db/types';

/** Start of the background's error when captureVisibleTab lacks a grant; the panel then asks in place. */
export const CAPTURE_NEEDS_GRANT = '截图需要授权';

/** Hosts the manifest already covers: government sites and WeChat articles. */
const COVERED = [/(^|\.)gov\.cn$/i, /^mp\.weixin\.qq\.com$/i];

/** Match patterns for roster websites outside *.gov.cn: asked for at roster import, nothing else. */
export function extraOrigins(sites: Pick<Site, 'kind' | 'hosts'>[]): string[] {
  const out = new Set<string>();
  for (const s of sites) {
    if (s.kind !== 'website') continue;
    for (const h of s.hosts) {
      const host = h.toLowerCase().trim();
      if (!host || COVERED.some((re) => re.test(host)) || !/^[a-z0-9.-]+$/.test(host)) continue;
      out.add(`*://${host}/*`);
    }
  }
  return Array.from(out).sort();
}
