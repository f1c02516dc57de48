// First step of npm test: the end-to-end tests need a real Chromium, and the sheet tests open the
// exports in LibreOffice (Excel's stand-in). Missing = loud failure with the fix.
import { existsSync } from 'node:fs';
import { assertBrowser } from './lib/browser.mjs';
try {
  assertBrowser();
  if (!['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'].some((p) => existsSync(p))) {
    throw new Error(
      '找不到 LibreOffice（soffice）：导出表格的测试要用它打开 CSV/XLSX 并读回单元格。\n' +
        '  安装：sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui（或运行 bash .ci/run）',
    );
  }
} catch (e) {
  console.error(`\n✖ ${e.message}\n`);
  process.exit(1);
}
