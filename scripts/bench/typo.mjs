// typoLmMs: the suspected-typo language model in the offscreen document, on 5,000-character
// articles (corrected ECSpell odw sentences, each article new to the model's caches). The first
// request opens the offscreen document and loads the 17 MB model once for the session (reported
// as the load time); the figure is the median time the model took on the next articles, as the
// offscreen document measured it, with the message round trip beside it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, extensionId, extensionPage, askBackground } from '../lib/browser.mjs';
import { ROOT } from './bundles.mjs';
import { median } from './stats.mjs';

export async function runTypo({ log, articles = 5 }) {
  const rows = readFileSync(join(ROOT, 'tests/fixtures/ecspell-odw/odw.train.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t')[2]);
  const texts = [];
  let at = 0;
  for (let i = 0; i <= articles; i++) {
    let t = '';
    while (t.length < 5000 && at < rows.length) t += rows[at++];
    texts.push(t.slice(0, 5000));
  }
  const { context, close } = await launch({ port: null });
  try {
    const page = await extensionPage(context, await extensionId(context));
    const t0 = performance.now();
    const first = await askBackground(page, { type: 'typo:check', texts: [texts[0]], terms: [] });
    const loadMs = performance.now() - t0 - first.ms;
    log(`  typo: model load ${loadMs.toFixed(0)} ms, first article ${first.ms.toFixed(0)} ms`);
    const model = [];
    const roundTrip = [];
    for (const text of texts.slice(1)) {
      const s = performance.now();
      const r = await askBackground(page, { type: 'typo:check', texts: [text], terms: [] });
      roundTrip.push(performance.now() - s);
      model.push(r.ms);
    }
    return { ms: median(model), roundTripMs: median(roundTrip), loadMs, firstMs: first.ms, samples: model };
  } finally {
    await close();
  }
}
