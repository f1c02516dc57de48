// A tiny static server on 127.0.0.1. Files are sent byte for byte (GBK pages decode as a browser
// would, from their own <meta charset>), and the demo site's dates are filled in relative to today.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

export const DEMO_ROOT = resolve(import.meta.dirname, '../../tests/fixtures/demo-site');

const TYPES = { '.html': 'text/html', '.htm': 'text/html', '.shtml': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json', '.csv': 'text/csv' };

/** Today's date in China (the inspectors' clock), shifted by `days`. */
export function chinaDate(days = 0, now = Date.now()) {
  const d = new Date(now + 8 * 3600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** {{d-3}} → the date three days ago, {{d-3|年}} → 2025年3月9日, {{d-3|md}} → 03-09. */
export function fillDates(html, now = Date.now()) {
  return html.replace(/\{\{d([+-]\d+)(?:\|(年|md|\/|\.))?\}\}/g, (_, off, fmt) => {
    const iso = chinaDate(Number(off), now);
    const [y, m, d] = iso.split('-');
    if (fmt === '年') return `${y}年${Number(m)}月${Number(d)}日`;
    if (fmt === 'md') return `${m}-${d}`;
    if (fmt === '/') return `${y}/${Number(m)}/${Number(d)}`;
    if (fmt === '.') return `${y}.${m}.${d}`;
    return iso;
  });
}

/**
 * @param {{ root?: string, hostRoots?: Record<string,string>, files?: Map<string,string>, fileFor?: (host: string, path: string) => string | null, templating?: boolean, routes?: Record<string,(req:any,res:any)=>void>, hostRoutes?: Record<string,(req:any,res:any)=>void> }} opts
 *   root: a folder served by path (hostRoots: another folder for some host names); files: 'host/path' or '/path' → absolute file;
 *   fileFor: the same as a function, asked first (the scan command: saved pages and the frames saved beside them);
 *   hostRoutes: one handler for every path of a host name (the availability tests' slow, failing and recovering sites).
 */
export function startServer(opts = {}) {
  const root = opts.root ?? DEMO_ROOT;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = opts.routes?.[url.pathname];
    if (route) return route(req, res);
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const hostRoute = opts.hostRoutes?.[host];
    if (hostRoute) return hostRoute(req, res);
    let file = opts.fileFor?.(host, url.pathname) ?? opts.files?.get(host + url.pathname) ?? opts.files?.get(url.pathname) ?? null;
    if (!file) {
      const base = opts.hostRoots?.[host] ?? root;
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith('/')) path += 'index.html';
      file = join(base, normalize(path).replace(/^(\.\.[/\\])+/, ''));
      if (!file.startsWith(base)) file = null;
    }
    try {
      if (!file || !statSync(file).isFile()) throw new Error('not found');
      let body = readFileSync(file);
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (opts.templating && type === 'text/html') body = Buffer.from(fillDates(body.toString('utf8')));
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>404</title><p>页面不存在</p>');
    }
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolvePromise({ port, server, close: () => new Promise((r) => server.close(() => r(undefined))) });
    });
  });
}
