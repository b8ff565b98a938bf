// The partial fingerprint of each SARIF result: what lets code scanning know a finding again in the
// next commit. It is made of what stays when lines are added or moved above the finding: the rule,
// the file's path from the repository's root, the text the finding flags (spaces folded), and which
// of the findings with that same key in the file it is, counted from the top. Never the line
// number, and never the message (it names the catalog's date, which changes with the catalog).
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core';

/** The key in `partialFingerprints`; its version changes whenever what is hashed changes. */
export const FINGERPRINT_KEY = 'azureBackupRbac/v1';

/**
 * The fingerprint of each diagnostic, in the order given. `path` is the file's path as the report
 * names it (relative to the repository's root, `/`-separated); `text` the text that was checked.
 */
export function partialFingerprints(path: string, text: string, diagnostics: readonly Diagnostic[]): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const keys = diagnostics.map((d) => JSON.stringify([d.code, path, flaggedText(lines, d)]));
  // which occurrence of its key each finding is, in the order of their places in the file
  const order = diagnostics.map((_, i) => i).sort((a, b) => compareRanges(diagnostics[a], diagnostics[b]) || a - b);
  const seen = new Map<string, number>();
  const occurrence: number[] = [];
  for (const i of order) {
    const n = seen.get(keys[i]) ?? 0;
    seen.set(keys[i], n + 1);
    occurrence[i] = n;
  }
  return keys.map((key, i) => `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence[i]}`);
}

/**
 * What a finding points at: its range's text when it is on one line, the rest of its first line when
 * it spans several, the whole line when it is empty (a note on a file); spaces folded, so that
 * indenting it again keeps its fingerprint.
 */
function flaggedText(lines: readonly string[], d: Diagnostic): string {
  const { start, end } = d.range;
  const line = lines[start.line] ?? '';
  const text = start.line !== end.line ? line.slice(start.character)
    : end.character > start.character ? line.slice(start.character, end.character)
      : line;
  return text.replace(/\s+/g, ' ').trim();
}

function compareRanges(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character;
}
