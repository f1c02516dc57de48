import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './harness';

/** 政务新媒体: opening a WeChat article of a rostered account prefills its latest post date. */
describe('WeChat article prefill', () => {
  const h = new Harness();
  const article = readFileSync(resolve(import.meta.dirname, '../../utils/newmedia/fixtures/weixin-article.html'), 'utf8');

  beforeAll(async () => {
    await h.start({
      templating: true,
      routes: {
        '/s/AbCdEf': (_req: unknown, res: { writeHead: (s: number, h: Record<string, string>) => void; end: (b: string) => void }) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(article);
        },
      },
    });
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('records the publish date for the account on the roster', async () => {
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.id}/dashboard.html`);
    await dash.locator('[data-tab="newmedia"]').first().click();
    await dash.locator('[data-action="add-account"]').click();
    const form = dash.getByTestId('site-form');
    await form.locator('input[name="name"]').fill('示范县发布');
    await form.locator('select[name="platform"]').selectOption('微信公众号');
    await form.locator('[data-action="save-site"]').click();
    await dash.locator('[data-testid="newmedia-table"] tbody tr').first().waitFor();

    const page = await h.context.newPage();
    await page.goto('http://mp.weixin.qq.com/s/AbCdEf');
    const row = dash.locator('[data-testid="newmedia-table"] tbody tr').first();
    // The fixture's ct timestamp 1741800600 is 2025-03-13 in China time.
    await expect.poll(async () => {
      await dash.reload();
      await dash.locator('[data-tab="newmedia"]').first().click();
      return row.locator('input[type="date"]').inputValue();
    }, { timeout: 15_000 }).toBe('2025-03-13');
    await page.close();
    await dash.close();
  });
});
