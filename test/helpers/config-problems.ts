import { ConfigError, loadConfig } from '../../src/config';

/** The one-line-per-variable problems loadConfig reports for `env`; fails the test when the env is valid. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}
