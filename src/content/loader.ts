import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import YAML from 'yaml';
import type { ContentLevel, GuidanceItem } from '../domain/ports';
import { checkItem, CONTENT_LEVELS, ID_PATTERN, ID_PREFIXES, type FrontMatter } from './schema';
import { isOldFormat, migrateOldFormat } from './legacy';
import { escapeMrkdwnText } from './mrkdwn-checks';

/**
 * Loads the content library: every `*.md` under prompts/ (the base), then the optional CONTENT_DIR whose
 * items add to or replace base items by id. A CONTENT_DIR file with `enabled: false` hides the item of that
 * id and needs no other field. Every problem in every file is collected; any problem makes loadContent throw.
 */

export interface LoadContentOptions {
  /** The prompts/ folder. Files must sit in a level folder, be named <id>.md and carry the level's id prefix. */
  baseDir: string;
  /** CONTENT_DIR: any layout and file names; adds, replaces or disables items by id. */
  overrideDir?: string;
}

export interface ContentLibrary {
  /** Enabled items after overrides, sorted by id. */
  items: readonly GuidanceItem[];
  /** Ids hidden by `enabled: false` (in prompts/ or CONTENT_DIR). */
  disabled: readonly string[];
  /** Base ids replaced by a CONTENT_DIR item. */
  overridden: readonly string[];
  warnings: readonly string[];
}

export class ContentError extends Error {
  readonly code = 'content_invalid' as const;
  constructor(readonly problems: string[]) {
    super(`the content library has ${problems.length} problem${problems.length === 1 ? '' : 's'} (run npm run content:check)`);
  }
}

export interface ContentInspection {
  library: ContentLibrary;
  /** Each "path: field: message". Empty when the library is valid. */
  problems: string[];
}

type Role = 'base' | 'override';
type Entry = { kind: 'item'; item: GuidanceItem } | { kind: 'disable'; id: string; file: string };
interface FolderResult {
  entries: Entry[];
  problems: string[];
  warnings: string[];
}

/** Throws ContentError listing every problem; returns the library otherwise. */
export function loadContent(options: LoadContentOptions): ContentLibrary {
  const { library, problems } = inspectContent(options);
  if (problems.length > 0) throw new ContentError(problems);
  return library;
}

/** Like loadContent but never throws for content problems: `npm run content:check` prints them with coverage. */
export function inspectContent(options: LoadContentOptions): ContentInspection {
  const base = readFolder(options.baseDir, 'base');
  const over = options.overrideDir ? readFolder(options.overrideDir, 'override') : { entries: [], problems: [], warnings: [] };
  const merged = new Map<string, GuidanceItem>();
  for (const e of base.entries) if (e.kind === 'item') merged.set(e.item.id, e.item);
  const overridden: string[] = [];
  const disabled = new Set<string>([...merged.values()].filter((i) => !i.enabled).map((i) => i.id));
  const warnings = [...base.warnings, ...over.warnings];
  for (const e of over.entries) {
    const id = e.kind === 'item' ? e.item.id : e.id;
    const existed = merged.has(id);
    if (e.kind === 'disable') {
      if (existed) disabled.add(id);
      else warnings.push(`${e.file}: id: disables "${id}" but prompts/ has no item with that id`);
      continue;
    }
    if (existed) overridden.push(id);
    merged.set(id, e.item);
    if (e.item.enabled) disabled.delete(id);
    else disabled.add(id);
  }
  const items = [...merged.values()].filter((i) => !disabled.has(i.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    library: { items, disabled: [...disabled].sort(), overridden: overridden.sort(), warnings },
    problems: [...base.problems, ...over.problems],
  };
}

function readFolder(dir: string, role: Role): FolderResult {
  const result: FolderResult = { entries: [], problems: [], warnings: [] };
  const label = role === 'base' ? 'prompts' : 'CONTENT_DIR';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    result.problems.push(`${displayPath(dir)}: ${label}: folder not found`);
    return result;
  }
  const seen = new Map<string, string>();
  for (const abs of markdownFiles(dir)) {
    const file = displayPath(abs);
    const parsed = parseFile(abs, file, path.relative(dir, abs).split(path.sep), role);
    result.problems.push(...parsed.problems);
    result.warnings.push(...parsed.warnings);
    if (!parsed.entry) continue;
    const id = parsed.entry.kind === 'item' ? parsed.entry.item.id : parsed.entry.id;
    const other = seen.get(id);
    if (other !== undefined) {
      result.problems.push(`${file}: id: duplicate id "${id}" (also in ${other})`);
      continue;
    }
    seen.set(id, file);
    result.entries.push(parsed.entry);
  }
  return result;
}

/** Every .md file below dir, sorted, skipping README.md and hidden files or folders. */
function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(abs));
    else if (entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') out.push(abs);
  }
  return out.sort();
}

interface ParsedFile {
  entry?: Entry;
  problems: string[];
  warnings: string[];
}

function parseFile(abs: string, file: string, parts: string[], role: Role): ParsedFile {
  const source = fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
  const front = readFrontMatter(source);
  if ('error' in front) return { problems: [`${file}: front matter: ${front.error}`], warnings: [] };
  const { data, content } = front;
  if (role === 'override' && data.enabled === false) return disableStub(data, file);
  // Only an operator's folder is migrated: the shipped library is held to v2 exactly.
  const migrated = role === 'override' && isOldFormat(data) ? migrateOldFormat(data) : undefined;
  const check = checkItem(migrated?.data ?? data, content, { lenient: migrated !== undefined });
  const problems = check.errors.map((m) => `${file}: ${m}`);
  const warnings = [...(migrated?.warnings ?? []), ...check.warnings].map((m) => `${file}: ${m}`);
  const fm = check.frontMatter;
  if (!fm) return { problems, warnings };
  if (role === 'base') problems.push(...baseLayoutProblems(file, parts, fm.id, fm.level));
  if (problems.length > 0) return { problems, warnings };
  return { entry: { kind: 'item', item: toItem(fm, escapeMrkdwnText(check.body), file) }, problems, warnings };
}

/** Front matter (YAML spelling) → the item the app uses. Plain-text fields cannot hold mrkdwn (the schema refuses it). */
function toItem(fm: FrontMatter, body: string, file: string): GuidanceItem {
  return {
    id: fm.id,
    level: fm.level,
    topic: fm.topic,
    title: fm.title,
    when: [...fm.when],
    ask: [...fm.ask],
    ...(fm.ask_first !== undefined ? { askFirst: fm.ask_first } : {}),
    reflect: [...fm.reflect],
    ...(fm.say !== undefined ? { say: fm.say } : {}),
    ...(fm.if_pushback !== undefined ? { ifPushback: fm.if_pushback } : {}),
    ...(fm.hr_check !== undefined ? { hrCheck: fm.hr_check } : {}),
    sources: fm.sources.map((s) => ({ ...s })),
    enabled: fm.enabled,
    body,
    file,
  };
}

type FrontMatterRead = { data: Record<string, unknown>; content: string } | { error: string };

function readFrontMatter(source: string): FrontMatterRead {
  if (!/^---[ \t]*\r?\n/.test(source)) return { error: 'missing: the file must start with a --- line, the YAML fields, then ---' };
  if (!/\r?\n---[ \t]*(\r?\n|$)/.test(source.slice(3))) return { error: 'not closed: add a --- line after the YAML fields' };
  try {
    const parsed = matter(source, { engines: { yaml: (s: string) => YAML.parse(s) as object } });
    const data: unknown = parsed.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { error: 'must be YAML fields (key: value lines)' };
    return { data: data as Record<string, unknown>, content: parsed.content };
  } catch (err) {
    const e = err as { message?: string; linePos?: Array<{ line: number; col: number }> };
    const where = e.linePos?.[0] ? ` at line ${e.linePos[0].line + 1} of the file` : '';
    const first = (e.message ?? String(err)).split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { error: `invalid YAML${where}: ${first}` };
  }
}

/** `enabled: false` in CONTENT_DIR hides the item of that id; other fields and the body are ignored. */
function disableStub(data: Record<string, unknown>, file: string): ParsedFile {
  const id = data.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    return { problems: [`${file}: id: an "enabled: false" file needs the id of the item to hide`], warnings: [] };
  }
  return { entry: { kind: 'disable', id, file }, problems: [], warnings: [] };
}

function baseLayoutProblems(file: string, parts: string[], id: string, level: ContentLevel): string[] {
  const problems: string[] = [];
  const folder = parts.length > 1 ? parts[0]! : undefined;
  if (folder === undefined || !(CONTENT_LEVELS as readonly string[]).includes(folder)) {
    problems.push(`${file}: level: the file must be in a level folder (${CONTENT_LEVELS.join(', ')})`);
  } else if (folder !== level) {
    problems.push(`${file}: level: is "${level}" but the file is in the ${folder}/ folder`);
  }
  if (parts[parts.length - 1] !== `${id}.md`) problems.push(`${file}: id: the file must be named ${id}.md`);
  if (!id.startsWith(ID_PREFIXES[level])) problems.push(`${file}: id: must start with "${ID_PREFIXES[level]}" for level ${level}`);
  return problems;
}

/** A path relative to the working directory when inside it (prompts/frontline/x.md), absolute otherwise. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}
