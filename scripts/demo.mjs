// npm start: open Chromium with the extension on the bundled demo government site.
// With a display it stays open for you to click around; without one (servers, CI) it runs
// headless, prints the findings of every demo page and saves a screenshot.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, extensionId, extensionPage, askBackground } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { DEMO_HOST, DEMO_PAGES, waitForScan } from './lib/demo-pages.mjs';

const SEVERITY = { veto: '单项否决', deduct: '扣分', hint: '提示' };
const headless = !process.env.DISPLAY || process.argv.includes('--headless');

const server = await startServer({ templating: true });
const { context, close } = await launch({ port: server.port, headless });
try {
  const id = await extensionId(context);
  const bg = await extensionPage(context, id);
  const page = await context.newPage();
  console.log(`演示站点 http://${DEMO_HOST}/ （本机 127.0.0.1:${server.port}）${headless ? '，无显示器：以无界面模式运行' : ''}\n`);
  for (const { path, what } of DEMO_PAGES) {
    const url = `http://${DEMO_HOST}${path}`;
    await page.goto(url);
    await waitForScan(page);
    const { findings } = await askBackground(bg, { type: 'findings:page', url });
    console.log(`■ ${what}  ${url}`);
    if (!findings.length) console.log('    （未发现问题）');
    for (const f of findings) {
      console.log(`    [${SEVERITY[f.severity]}${f.review ? '·待核实' : ''}] ${f.ruleId}：${f.message}${f.quote ? `  原文“${f.quote.exact}”` : ''}`);
    }
  }
  await page.goto(`http://${DEMO_HOST}/art/typo.html`);
  await waitForScan(page);
  const out = resolve('.output/demo-screenshot.png');
  mkdirSync(resolve('.output'), { recursive: true });
  await page.screenshot({ path: out, fullPage: false });
  console.log(`\n截图已保存：${out}`);
  if (!headless) {
    await page.goto(`http://${DEMO_HOST}/`);
    console.log('浏览器保持打开，可继续浏览演示站点；按 Ctrl+C 退出。');
    await new Promise((r) => context.on('close', r));
  }
} finally {
  await close();
  await server.close();
}
