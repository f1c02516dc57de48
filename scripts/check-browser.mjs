// First step of npm test: the end-to-end tests need a real Chromium. Missing = loud failure with the fix.
import { assertBrowser } from './lib/browser.mjs';
try {
  assertBrowser();
} catch (e) {
  console.error(`\n✖ ${e.message}\n`);
  process.exit(1);
}
