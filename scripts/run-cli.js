#!/usr/bin/env node
// `npm run report` / `npm run org:import`: runs the CLI from src/ through tsx in a development checkout,
// or the compiled one from dist/ where dev dependencies are not installed (a production install).
// Reads .env when present, like `npm start`. In the Docker image, call `node dist/src/cli/<name>.js` directly.
const path = require('node:path');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const [name, ...args] = process.argv.slice(2);
const root = path.join(__dirname, '..');
let tsx;
try {
  tsx = require.resolve('tsx/cli', { paths: [root] });
} catch {
  tsx = undefined;
}
const entry = tsx ? [tsx, path.join(root, 'src', 'cli', `${name}.ts`)] : [path.join(root, 'dist', 'src', 'cli', `${name}.js`)];
if (!tsx && !fs.existsSync(entry[0])) {
  console.error(`No compiled CLI at ${path.relative(root, entry[0])}: run \`npm run build\` first (or \`npm install\` for development).`);
  process.exit(2);
}
const envFile = path.join(process.cwd(), '.env');
const result = spawnSync(process.execPath, [...(fs.existsSync(envFile) ? [`--env-file=${envFile}`] : []), ...entry, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
