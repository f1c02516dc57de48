/** Keys that decide identity: what makes two scans "the same finding". */

const TRACKING = /^(utm_|spm$|from$|_t$|t$|timestamp$|v$)/i;

/** A page's identity: scheme-less host + path + meaningful query, no hash, no tracking params. */
export function normaliseUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const params = new URLSearchParams();
    for (const [k, v] of Array.from(u.searchParams.entries()).sort(([a], [b]) => a.localeCompare(b))) {
      if (!TRACKING.test(k)) params.append(k, v);
    }
    const q = params.toString();
    let path = u.pathname.replace(/\/(index|default)\.s?html?$/i, '/');
    if (!path) path = '/';
    return `${u.hostname.toLowerCase()}${u.port ? ':' + u.port : ''}${path}${q ? '?' + q : ''}`;
  } catch {
    return raw.trim();
  }
}

export function hostOf(raw: string): string {
  try {
    return new URL(raw).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** A site's id from its main host: www. dropped so that x.gov.cn and www.x.gov.cn are one site. */
export function siteIdForHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

/** Cheap stable string hash (FNV-1a 52-bit) for ids; collisions only merge identical-looking findings. */
export function hash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

/** Same round, site, page, rule and quoted text ⇒ same finding, however often the page is scanned. */
export function fingerprintOf(p: { roundId: string; siteId: string; pageUrl: string; ruleId: string; quote: string | null; message: string }): string {
  return [p.roundId, p.siteId, normaliseUrl(p.pageUrl), p.ruleId, p.quote ?? `#${p.message}`].join('\u0001');
}

/** The fingerprint with one part replaced (0 round, 1 site); a fingerprint of another shape stays as it is. */
export function withFingerprintPart(fp: string, index: 0 | 1, value: string): string {
  const parts = fp.split('\u0001');
  if (parts.length < 3) return fp;
  parts[index] = value;
  return parts.join('\u0001');
}

export function dismissalKey(siteId: string, ruleId: string, quoteOrMessage: string): string {
  return `${siteId}\u0001${ruleId}\u0001${quoteOrMessage}`;
}
