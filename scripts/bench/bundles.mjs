// Bundles the scanner and the text matcher into plain IIFE scripts for in-page measurement. Runs
// the same source the content script ships (utils/scan, utils/text), so the figures track the code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

async function iife(contents, globalName) {
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${globalName}.ts` },
    absWorkingDir: ROOT,
    tsconfig: resolve(ROOT, 'tsconfig.json'), // WXT's @/ and ~/ aliases
    bundle: true,
    format: 'iife',
    globalName,
    minify: true, // the shipped content script is minified too; keeps parse cost comparable
    target: 'chrome120',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    jsx: 'automatic',
    jsxImportSource: 'preact',
  });
  return out.outputFiles[0].text;
}

/** window.__gsiScan = { scanDocument, RULES, DEFAULT_THRESHOLDS, NAME_DATA } (the names the background sends the content script) */
export function scannerBundle() {
  return iife(
    `export { scanDocument } from './utils/scan/scan';
     export { RULES } from './utils/scan/rules';
     export { DEFAULT_THRESHOLDS } from './utils/scan/types';
     export { NAME_DATA } from './utils/text/near-miss-data';`,
    '__gsiScan',
  );
}

/**
 * window.__gsiText = { buildMatcher, patterns, lexicon? }. The full lexicon is whatever the typo
 * rule compiles (utils/text/lexicon.ts getLexicon); if that module does not build, the reason is
 * returned and the matcher figure is reported as not measured rather than faked on a toy list.
 */
export async function matcherBundle() {
  try {
    return {
      code: await iife(
        `import { buildMatcher } from './utils/text/matcher';
         import { getLexicon } from './utils/text/lexicon';
         export { buildMatcher, getLexicon };`,
        '__gsiText',
      ),
      error: null,
    };
  } catch (e) {
    return { code: null, error: String(e?.errors?.[0]?.text ?? e?.message ?? e) };
  }
}

export function axeSource() {
  return readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

/** Readability.js declares a global function Readability when loaded as a classic script. */
export function readabilitySource() {
  return readFileSync(resolve(require.resolve('@mozilla/readability/package.json'), '../Readability.js'), 'utf8');
}
