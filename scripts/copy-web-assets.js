// `npm run build`, after tsc: the dashboard's static files, uPlot included (from node_modules, with its licence),
// go next to the compiled dashboard module, so the image serves them without node_modules or a CDN.
// Usage: node scripts/copy-web-assets.js [outDir]   (default: dist)
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist');
const target = path.join(outDir, 'src', 'web', 'dashboard', 'static');
const ownDir = path.join(root, 'src', 'web', 'dashboard', 'static');
const uplot = path.dirname(require.resolve('uplot/package.json', { paths: [root] }));

fs.mkdirSync(target, { recursive: true });
for (const name of fs.readdirSync(ownDir)) fs.copyFileSync(path.join(ownDir, name), path.join(target, name));
for (const name of ['uPlot.iife.min.js', 'uPlot.min.css']) fs.copyFileSync(path.join(uplot, 'dist', name), path.join(target, name));
fs.copyFileSync(path.join(uplot, 'LICENSE'), path.join(target, 'uPlot.LICENSE.txt'));
