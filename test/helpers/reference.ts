import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';

/** Slack's published material, vendored in tools/slack-reference (see its README for sources). */
export const REFERENCE_DIR = path.resolve(projectRoot(), 'tools', 'slack-reference');

export function readReference<T = unknown>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, relative), 'utf8')) as T;
}

export function readReferenceText(relative: string): string {
  return fs.readFileSync(path.join(REFERENCE_DIR, relative), 'utf8');
}
