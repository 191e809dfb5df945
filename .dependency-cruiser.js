// The layering rules from DESIGN.md, enforced by `npm test`.
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ knows neither Slack, SQL, cron nor pino: it imports only domain/* and zod (and luxon/mustache-free pure libs).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(slack|storage|jobs|content)/|^src/(main|logger)\\.ts|^tools/|node_modules/(@slack|better-sqlite3|node-cron|pino)' },
    },
    {
      name: 'slack-never-touches-storage',
      severity: 'error',
      from: { path: '^src/slack/' },
      to: { path: '^src/storage/|node_modules/better-sqlite3' },
    },
    {
      name: 'jobs-reach-slack-through-notifier',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/slack/|node_modules/@slack' },
    },
    {
      name: 'ui-does-no-io',
      comment: 'Block Kit builders are pure: no storage, no clients, no domain services with side effects.',
      severity: 'error',
      from: { path: '^src/slack/ui/' },
      to: { path: '^src/(storage|jobs|content)/|^src/slack/(listeners|app|notifier)|node_modules/(@slack/bolt|@slack/web-api|better-sqlite3|node-cron|pino)' },
    },
    {
      name: 'web-reaches-data-through-the-domain',
      comment: 'The web dashboard (src/web/) renders what domain services return: no SQL, no Bolt, no jobs.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(storage|slack|jobs)/|node_modules/(@slack|better-sqlite3|pg|kysely)' },
    },
    {
      name: 'storage-knows-no-slack',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/slack/|node_modules/@slack' },
    },
    {
      name: 'app-never-imports-emulator',
      comment: 'The emulator and playground (tools/) are a dev and test tool: they may import the app, the app never imports them.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^tools/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|test)/' },
  },
};
