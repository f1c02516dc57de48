// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InspectorDB } from './db';
import * as repo from './repo';
import { buildDetailSheet } from '../sheets/sheets';
import type { ScanFinding, ScanResult } from '../scan/types';

const NOW = Date.UTC(2025, 2, 20, 2, 0);
const A = 'http://www.sfx.gov.cn/a.html';
const B = 'http://www.sfx.gov.cn/b.html';
const C = 'http://www.sfx.gov.cn/c.html';

const icp: ScanFinding = {
  ruleId: 'icp-missing',
  severity: 'deduct',
  title: '页面缺失ICP备案编号',
  category: '网站标识',
  message: '页面底部未列明ICP备案编号',
  quote: null,
  detail: { lookedFor: 'ICP备案编号', where: '页面底部' },
  review: false,
};
const typo: ScanFinding = {
  ruleId: 'typo',
  severity: 'deduct',
  title: '错别字',
  category: '错别字',
  message: '“按步就班”应为“按部就班”',
  quote: { exact: '按步就班', prefix: '', suffix: '' },
  detail: { wrong: '按步就班', right: '按部就班' },
  review: false,
};

function scan(url: string, findings: ScanFinding[], now = NOW): Promise<unknown> {
  const result: ScanResult = { url, title: url.slice(-6), pageType: 'article', findings, columns: [], latestDate: null, errors: [], ms: 1 };
  return repo.saveScan(db, result, now);
}

let db: InspectorDB;
let n = 0;
beforeEach(() => {
  db = new InspectorDB(`site-level-${n++}`);
});
afterEach(async () => {
  await db.delete();
});

describe('site-level findings', () => {
  it('are one finding per site with the pages where they were seen', async () => {
    await scan(A, [icp]);
    await scan(B, [icp, typo]);
    await scan(A, [icp]); // a rescan adds nothing
    const all = await db.findings.toArray();
    const site = all.filter((f) => f.ruleId === 'icp-missing');
    expect(site).toHaveLength(1);
    expect(site[0]!.seenOn).toEqual(['www.sfx.gov.cn/a.html', 'www.sfx.gov.cn/b.html']);
    // Each page's panel lists it.
    expect((await repo.pageFindings(db, B)).map((f) => f.ruleId).sort()).toEqual(['icp-missing', 'typo']);
    expect((await repo.pageFindings(db, A)).map((f) => f.ruleId)).toEqual(['icp-missing']);
    // The inspector's verdict is on the one finding, whichever page it was given on.
    await repo.updateFinding(db, site[0]!.id, { status: 'confirmed' }, NOW);
    await scan(C, [icp]);
    const after = (await db.findings.toArray()).filter((f) => f.ruleId === 'icp-missing');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: 'confirmed', seenOn: ['www.sfx.gov.cn/a.html', 'www.sfx.gov.cn/b.html', 'www.sfx.gov.cn/c.html'] });
    // The sheet lists it once, with its pages in the evidence.
    const round = (await db.rounds.toArray())[0]!;
    const sheet = buildDetailSheet({ round, sites: await db.sites.toArray(), findings: await db.findings.toArray() });
    expect(sheet.rows).toHaveLength(2);
    expect(sheet.rows[1]![sheet.rows[0]!.indexOf('证据')]).toContain('出现页面（共3个）：www.sfx.gov.cn/a.html、www.sfx.gov.cn/b.html、www.sfx.gov.cn/c.html');
  });

  it('stays present while any page still shows it', async () => {
    await scan(A, [icp]);
    await scan(B, [icp]);
    await scan(B, []); // fixed on B only
    let f = (await db.findings.toArray()).find((x) => x.ruleId === 'icp-missing')!;
    expect(f).toMatchObject({ stillPresent: true, seenOn: ['www.sfx.gov.cn/a.html'] });
    expect(await repo.pageFindings(db, B)).toHaveLength(0);
    await scan(A, []);
    f = (await db.findings.get(f.id))!;
    expect(f.stillPresent).toBe(false);
    await scan(C, [icp]); // back on another page
    f = (await db.findings.get(f.id))!;
    expect(f).toMatchObject({ stillPresent: true, seenOn: ['www.sfx.gov.cn/c.html'] });
  });
});

describe('site-wide dismissal', () => {
  it('a dismissal with a reason covers the same finding on every recorded page, and undoing it reopens them all', async () => {
    await scan(A, [typo]);
    await scan(B, [typo]);
    await scan('http://www.other.gov.cn/x.html', [typo]); // another site: untouched
    const onA = (await repo.pageFindings(db, A))[0]!;
    await repo.updateFinding(db, onA.id, { status: 'dismissed', dismissReason: '引用原文，不属错别字' }, NOW);
    const statuses = async () => Object.fromEntries((await db.findings.toArray()).map((f) => [f.pageUrl, `${f.status}:${f.dismissReason}`]));
    expect(await statuses()).toEqual({
      'www.sfx.gov.cn/a.html': 'dismissed:引用原文，不属错别字',
      'www.sfx.gov.cn/b.html': 'dismissed:引用原文，不属错别字',
      'www.other.gov.cn/x.html': 'open:',
    });
    // 撤销 on any of them undoes the dismissal everywhere.
    const onB = (await repo.pageFindings(db, B))[0]!;
    await repo.updateFinding(db, onB.id, { status: 'open', dismissReason: '' }, NOW);
    expect(Object.values(await statuses())).toEqual(['open:', 'open:', 'open:']);
  });

  it('a dismissal without a reason stays on its page; confirmed copies are never overturned', async () => {
    await scan(A, [typo]);
    await scan(B, [typo]);
    await scan(C, [typo]);
    const [a, b, c] = await Promise.all([A, B, C].map(async (u) => (await repo.pageFindings(db, u))[0]!));
    await repo.updateFinding(db, c!.id, { status: 'confirmed' }, NOW);
    await repo.updateFinding(db, a!.id, { status: 'dismissed' }, NOW);
    expect((await db.findings.get(b!.id))!.status).toBe('open');
    await repo.updateFinding(db, b!.id, { status: 'dismissed', dismissReason: '专有名词' }, NOW);
    expect((await db.findings.get(c!.id))!.status).toBe('confirmed');
  });

  it('the site\'s list of dismissed false alarms restores them all', async () => {
    await scan(A, [typo]);
    await scan(B, [typo]);
    const onA = (await repo.pageFindings(db, A))[0]!;
    await repo.updateFinding(db, onA.id, { status: 'dismissed', dismissReason: '专有名词' }, NOW);
    const [d] = await repo.listDismissals(db, onA.siteId);
    expect(d!.reason).toBe('专有名词');
    await repo.restoreDismissal(db, d!.key, NOW);
    expect((await db.findings.toArray()).map((f) => f.status)).toEqual(['open', 'open']);
  });
});
