import { defineConfig } from 'wxt';
import { resolve } from 'node:path';

// Preact through esbuild's automatic JSX runtime: no extra Vite plugin needed.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // WXT's content-script context talks to the page through window.postMessage, so the site under
    // inspection could switch our content scripts off or see them start; ours lives on runtime.id alone.
    resolve: { alias: [{ find: /^wxt\/utils\/content-script-context$/, replacement: resolve(import.meta.dirname, 'entrypoints/content/lifetime.ts') }] },
  }),
  manifest: {
    name: '政府网站巡检助手',
    description: '按国办政府网站检查指标扫描页面、标记问题、导出季度检查表',
    default_locale: undefined,
    // pageCapture: MHTML snapshots for the evidence pack. alarms: the availability monitor's probes.
    // offscreen: the suspected-typo language model runs in an offscreen document.
    permissions: ['storage', 'contextMenus', 'activeTab', 'unlimitedStorage', 'scripting', 'alarms', 'pageCapture', 'offscreen'],
    // webRequest (网络错误诊断: read, never block, the network error of our own probes) only on request:
    // merely holding it makes Chrome proxy every page load through webRequest (~7 % later load).
    optional_permissions: ['webRequest'],
    host_permissions: ['*://*.gov.cn/*', 'https://mp.weixin.qq.com/*'],
    // Asked for at run time only: roster sites outside gov.cn, and 截图取证 (captureVisibleTab needs it).
    optional_host_permissions: ['<all_urls>'],
    // The 截图取证 grant page, framed in the panel on first use (a click there may ask for a permission).
    web_accessible_resources: [{ resources: ['grant.html'], matches: ['*://*.gov.cn/*'] }],
    // 设置 (own lexicon entries, exceptions, thresholds) live in the workspace: it is the options page too.
    options_page: 'dashboard.html#settings',
    commands: {
      'capture-evidence': { suggested_key: { default: 'Alt+Shift+S' }, description: '截图取证（当前选中的问题）' },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; img-src 'self' data: blob:",
    },
  },
});
