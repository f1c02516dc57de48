// @vitest-environment node
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine's layering, read from the source: utils/text and utils/dates take plain inputs and
 * import nothing from utils/scan, and no import cycle (type-only imports included) runs through
 * utils/scan, utils/text or utils/dates.
 */

const UTILS = import.meta.dirname;
const LAYERED = ['scan', 'text', 'dates'].map((d) => join(UTILS, d));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative module specifiers of a file: import/export … from '…', import('…'), bare import '…'. */
function specifiers(path: string): string[] {
  const src = readFileSync(path, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)) out.push(m[1]);
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null; // JSON data and the like: leaves, never part of a cycle
}

const files = sources(UTILS);
const edges = new Map(files.map((f) => [f, specifiers(f).map((s) => resolveImport(f, s)).filter((t): t is string => t !== null)]));
const inLayered = (f: string) => LAYERED.some((d) => f.startsWith(d + '/'));
const rel = (f: string) => relative(UTILS, f);

describe('utils import layering', () => {
  it('finds the engine sources and their imports', () => {
    expect(files.filter(inLayered).length).toBeGreaterThan(30);
    expect(edges.get(join(UTILS, 'scan', 'scan.ts'))?.length).toBeGreaterThan(3);
  });

  it('utils/text and utils/dates import nothing from utils/scan', () => {
    const upward = files
      .filter((f) => f.startsWith(join(UTILS, 'text') + '/') || f.startsWith(join(UTILS, 'dates') + '/'))
      .flatMap((f) => edges.get(f)!.filter((t) => t.startsWith(join(UTILS, 'scan') + '/')).map((t) => `${rel(f)} → ${rel(t)}`));
    expect(upward).toEqual([]);
  });

  it('no import cycle runs through utils/scan, utils/text or utils/dates', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of edges.get(f) ?? []) {
        if (state.get(t) === 'open') {
          const cycle = stack.slice(stack.indexOf(t));
          if (cycle.some(inLayered)) cycles.push([...cycle, t].map(rel).join(' → '));
        } else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
