/**
 * `npm run dev`: the whole app against the local Slack emulator, in the browser, with no Slack workspace.
 * PORT picks the page's port (3000 by default); the app listens on a free port of its own.
 */
import path from 'node:path';
import { createLogger } from '../../src/logger';
import { projectRoot } from '../../src/project-root';
import { startPlayground } from './playground';

async function run(): Promise<void> {
  // config.ts reads Leadwell's own settings (the playground builds them); the dev server only needs its page
  // port and how much the app should log.
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT: expected a port number, got ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const wanted = process.env.LOG_LEVEL as (typeof levels)[number] | undefined;
  const logger = createLogger({ level: wanted && levels.includes(wanted) ? wanted : 'warn' });
  const databasePath = path.join(projectRoot(), 'data', 'dev.db');
  const playground = await startPlayground({ port, databasePath, logger, schedulerEnabled: true });
  console.log(
    [
      '',
      `  Leadwell playground is running. Open ${playground.url} in your browser.`,
      '  A local Slack emulator with a demo company (fresh in data/dev.db on every start). Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    // A second Ctrl-C does not wait for a shutdown that hangs.
    if (stopping) process.exit(130);
    stopping = true;
    setTimeout(() => {
      console.error('The playground did not stop within 5 s; exiting anyway.');
      process.exit(1);
    }, 5000).unref();
    playground
      .stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error('unclean shutdown', err);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  if (e.code === 'EADDRINUSE') console.error(`Port ${process.env.PORT ?? 3000} is in use: stop the other server or run PORT=3001 npm run dev`);
  else console.error('The playground could not start:', err);
  process.exit(1);
});
