// The "e2e on PostgreSQL" jest project: every harness in these suites starts the app on PostgreSQL.
process.env.LEADWELL_TEST_ENGINE = 'postgres';
