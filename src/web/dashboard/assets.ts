import fs from 'node:fs';
import path from 'node:path';

/**
 * The dashboard's static files. `npm run build` copies them, uPlot included, into dist next to this module
 * (scripts/copy-web-assets.js); from the sources (tests, `npm run dev`) uPlot is read from node_modules.
 * Nothing is loaded from a CDN: self-hosted installs often block outbound traffic.
 */
export const ASSETS: Record<string, { type: string; fallback?: string }> = {
  'dashboard.js': { type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { type: 'text/css; charset=utf-8' },
  'uPlot.iife.min.js': { type: 'text/javascript; charset=utf-8', fallback: 'uplot/dist/uPlot.iife.min.js' },
  'uPlot.min.css': { type: 'text/css; charset=utf-8', fallback: 'uplot/dist/uPlot.min.css' },
};

export const STATIC_DIR = path.join(__dirname, 'static');

const cache = new Map<string, Buffer>();

export function readAsset(name: string): { type: string; body: Buffer } | undefined {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return undefined;
  let body = cache.get(name);
  if (!body) {
    const own = path.join(STATIC_DIR, name);
    const file = fs.existsSync(own) ? own : asset.fallback ? require.resolve(asset.fallback) : undefined;
    if (!file) return undefined;
    body = fs.readFileSync(file);
    cache.set(name, body);
  }
  return { type: asset.type, body };
}
