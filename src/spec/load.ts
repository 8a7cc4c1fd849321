/**
 * Reading definition files: paths (files or directories) → parsed YAML documents that know
 * their kind. Syntax errors are reported at the parser's own position; files that are not
 * definitions (reference tables such as subjects.yaml) are skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { Diagnostics } from '../errors.js';
import type { Location } from '../model.js';
import { closestMatch } from '../util/closest-match.js';
import { didYouMean, msg } from './messages.js';

export type FileKind = 'source' | 'indicators';

export interface LoadedFile {
  /** As given or as found under a given directory; printed in diagnostics. */
  path: string;
  kind: FileKind;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** `doc.toJS()`: the plain data the schemas validate. */
  data: unknown;
}

/**
 * Top-level keys of reference tables kept beside the definitions (indicators/reference/).
 * A file with one of these and neither `source:` nor `indicators:` is skipped silently.
 */
export const REFERENCE_KEYS = ['subjects', 'schools', 'municipalities', 'regions', 'grades', 'vpr_scales', 'oge_scales', 'ege_min_scores', 'medal_rules'] as const;

/** Folders whose files are never definitions when a directory is walked. */
const SKIPPED_DIRS = new Set(['reference', 'node_modules']);

const YAML_FILE = /\.ya?ml$/i;

export function loadDefinitionFiles(paths: string[]): { files: LoadedFile[]; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const files: LoadedFile[] = [];
  const seen = new Set<string>();
  for (const path of expandPaths(paths, diagnostics)) {
    const absolute = resolve(path);
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    const file = loadFile(path, diagnostics);
    if (file) files.push(file);
  }
  return { files, diagnostics };
}

/** Files in argument order; a directory contributes its YAML files, recursively, sorted. */
function expandPaths(paths: string[], diagnostics: Diagnostics): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      diagnostics.error('usage.not-found', `«${path}»: ${msg.notFound()}`);
      continue;
    }
    if (!isDir) {
      out.push(path);
      continue;
    }
    const found: string[] = [];
    walk(path, found);
    found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out.push(...found);
  }
  return out;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, out);
    } else if (YAML_FILE.test(entry.name)) {
      out.push(path);
    }
  }
}

/** Parses one file; undefined when it has syntax errors, is unreadable or is not a definition. */
export function loadFile(path: string, diagnostics: Diagnostics): LoadedFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    diagnostics.error('spec.read-failed', msg.readFailed((error as Error).message), { file: path, line: 1, col: 1 });
    return undefined;
  }
  return parseDefinitionText(path, text, diagnostics);
}

/** The same as `loadFile` for text already in memory (tests, stdin). */
export function parseDefinitionText(path: string, text: string, diagnostics: Diagnostics): LoadedFile | undefined {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number): Location => ({ file: path, ...lineCounter.linePos(offset) });
  for (const warning of doc.warnings) {
    diagnostics.warning('spec.yaml', msg.yamlSyntax(warning.message), at(warning.pos[0]));
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      diagnostics.error('spec.yaml-syntax', msg.yamlSyntax(error.message), at(error.pos[0]));
    }
    return undefined;
  }
  const kind = kindOf(doc);
  if (kind === 'reference') return undefined;
  if (kind === undefined) {
    // `indicator:` for `indicators:`: point at the misspelt key and name the right one.
    const near = isMap(doc.contents)
      ? doc.contents.items.flatMap((pair) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const hit = closestMatch(key, ['source', 'indicators']);
        return hit ? [{ hit, offset: pair.key && isScalar(pair.key) ? pair.key.range![0] : 0 }] : [];
      })[0]
      : undefined;
    const offset = near?.offset ?? doc.contents?.range[0] ?? 0;
    diagnostics.error('spec.not-definition', msg.notDefinition() + didYouMean(near?.hit), at(offset));
    return undefined;
  }
  return { path, kind, text, doc, lineCounter, data: doc.toJS() };
}

/**
 * The rule: a map with `source:` is a source file, one with `indicators:` an indicator file
 * (with both, the source schema reports `indicators` as unknown); a map with a reference key
 * and neither is a reference table; anything else is not a moko definition.
 */
function kindOf(doc: Document.Parsed): FileKind | 'reference' | undefined {
  const contents = doc.contents;
  if (!isMap(contents)) return undefined;
  const keys = new Set(
    contents.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '')),
  );
  if (keys.has('source')) return 'source';
  if (keys.has('indicators')) return 'indicators';
  if (REFERENCE_KEYS.some((key) => keys.has(key))) return 'reference';
  return undefined;
}

