// The result of checking files, and two of the ways the CLI prints it (SARIF: sarif.ts).
import { relative } from 'node:path';
import { count, type Diagnostic, SEVERITY_NAME, Severity } from '../core';

export interface FileReport {
  /** the path as the user would type it (relative to the working directory when below it) */
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  /** why the file could not be read */
  readonly error?: string;
  /** why the file was not checked: a type the checker does not read, or over the size limit */
  readonly notChecked?: string;
  /** named on the command line, rather than found in a folder */
  readonly named?: boolean;
  /** the text that was checked (SARIF's fingerprints read the flagged text in it) */
  readonly text?: string;
}

export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly others: number;
  /** files that could not be read */
  readonly unreadable: number;
  readonly checked: number;
  readonly notChecked: number;
  /**
   * The run did not check what it was asked to: a file named on the command line was not checked,
   * or nothing was checked though files were found. It exits 1 even without findings.
   */
  readonly incomplete: boolean;
  /** 0 no errors; 1 errors, unreadable files, or an incomplete run */
  readonly exitCode: 0 | 1;
}

export function summarize(reports: readonly FileReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  let others = 0;
  let unreadable = 0;
  let notChecked = 0;
  let namedNotChecked = false;
  for (const r of reports) {
    if (r.error) unreadable++;
    if (r.notChecked) {
      notChecked++;
      if (r.named) namedNotChecked = true;
    }
    for (const d of r.diagnostics) {
      if (d.severity === Severity.Error) errors++;
      else if (d.severity === Severity.Warning) warnings++;
      else others++;
    }
  }
  const checked = reports.length - unreadable - notChecked;
  const incomplete = namedNotChecked || (checked === 0 && notChecked > 0);
  return { errors, warnings, others, unreadable, checked, notChecked, incomplete, exitCode: errors > 0 || unreadable > 0 || incomplete ? 1 : 0 };
}

/** Files not checked for one reason listed by name up to this many, then counted. */
const NOT_CHECKED_LISTED = 5;

export function formatText(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const notChecked = new Map<string, string[]>();
  for (const r of reports) {
    if (r.error) {
      out.push(`${paint('4', r.file)}`, `  ${paint('31', 'error')}  cannot check this file: ${r.error}`, '');
      continue;
    }
    if (r.notChecked) {
      const files = notChecked.get(r.notChecked) ?? [];
      files.push(r.file);
      notChecked.set(r.notChecked, files);
      continue;
    }
    if (r.diagnostics.length === 0) continue;
    out.push(paint('4', r.file));
    const rows = r.diagnostics.map((d) => ({
      where: `${d.range.start.line + 1}:${d.range.start.character + 1}`,
      sev: SEVERITY_NAME[d.severity],
      d,
    }));
    const whereWidth = Math.max(...rows.map((x) => x.where.length));
    for (const { where, sev, d } of rows) {
      const sevColor = d.severity === Severity.Error ? '31' : d.severity === Severity.Warning ? '33' : '36';
      out.push(`  ${where.padEnd(whereWidth)}  ${paint(sevColor, sev.padEnd(11))}  ${d.message}  ${paint('2', d.code)}`);
    }
    out.push('');
  }
  // one block per reason: a folder of many Bicep files is one block, not a page of them
  for (const [reason, files] of notChecked) {
    out.push(`${paint('33', 'Not checked')} (${reason}):`);
    for (const file of files.slice(0, files.length > NOT_CHECKED_LISTED ? NOT_CHECKED_LISTED - 1 : files.length)) out.push(`  ${file}`);
    if (files.length > NOT_CHECKED_LISTED) out.push(`  … and ${files.length - NOT_CHECKED_LISTED + 1} more (--format json lists every file)`);
    out.push('');
  }
  const c = summarize(reports);
  const problems = c.errors + c.warnings + c.others;
  const parts = [count(c.errors, 'error'), count(c.warnings, 'warning')];
  if (c.others) parts.push(count(c.others, 'note'));
  let summary = problems > 0 ? `${count(problems, 'problem')} (${parts.join(', ')}) in ${count(c.checked, 'file')} checked`
    : c.checked > 0 ? `No problems in ${count(c.checked, 'file')} checked`
      : reports.length === 0 ? '0 files checked: no .json or .jsonc file found' : '0 files checked';
  if (c.notChecked) summary += `; ${count(c.notChecked, 'file')} not checked`;
  if (c.unreadable) summary += `; ${count(c.unreadable, 'file')} could not be read`;
  out.push(summary + '.');
  return out.join('\n') + '\n';
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.map((r) => ({ file: r.file, diagnostics: r.diagnostics, ...(r.error ? { error: r.error } : {}), ...(r.notChecked ? { notChecked: r.notChecked } : {}) })), null, 2) + '\n';
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
