// The result of checking files, and the three ways the CLI prints it.
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../core/rules';
import { INVALID_JSON, NESTED_TOO_DEEPLY, UNUSED_SUPPRESSION } from '../core/codes';
import { type Diagnostic, SEVERITY_BY_NAME, SEVERITY_NAME, Severity } from '../core/types';

export interface FileReport {
  /** the path as the user would type it (relative to the working directory when below it) */
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  /** why the file could not be checked */
  readonly error?: string;
  /** why the file was passed over (not an error) */
  readonly skipped?: string;
}

export function countBySeverity(reports: readonly FileReport[]): { errors: number; warnings: number; others: number; unreadable: number } {
  let errors = 0;
  let warnings = 0;
  let others = 0;
  let unreadable = 0;
  for (const r of reports) {
    if (r.error) unreadable++;
    for (const d of r.diagnostics) {
      if (d.severity === Severity.Error) errors++;
      else if (d.severity === Severity.Warning) warnings++;
      else others++;
    }
  }
  return { errors, warnings, others, unreadable };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatText(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  for (const r of reports) {
    if (r.error) {
      out.push(`${paint('4', r.file)}`, `  ${paint('31', 'error')}  cannot check this file: ${r.error}`, '');
      continue;
    }
    if (r.skipped) {
      out.push(`${paint('4', r.file)}`, `  note   skipped: ${r.skipped}`, '');
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
  const c = countBySeverity(reports);
  const checked = reports.filter((r) => !r.error && !r.skipped).length;
  const problems = c.errors + c.warnings + c.others;
  const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
  if (c.others) parts.push(plural(c.others, 'note'));
  let summary = problems === 0 ? `No problems in ${plural(checked, 'file')} checked` : `${plural(problems, 'problem')} (${parts.join(', ')}) in ${plural(checked, 'file')} checked`;
  if (c.unreadable) summary += `; ${plural(c.unreadable, 'file')} could not be read`;
  out.push(summary + '.');
  return out.join('\n') + '\n';
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.map((r) => ({ file: r.file, diagnostics: r.diagnostics, ...(r.error ? { error: r.error } : {}), ...(r.skipped ? { skipped: r.skipped } : {}) })), null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'note',
  [Severity.Hint]: 'note',
};

export function formatSarif(reports: readonly FileReport[], version: string, cwd: string): string {
  const rules = [
    ...RULES.map((r) => ({ id: r.id, summary: r.summary, level: r.defaultSeverity })),
    { id: INVALID_JSON, summary: 'A role file is not valid JSON.', level: 'error' as const },
    { id: UNUSED_SUPPRESSION, summary: 'A suppression comment silences nothing.', level: 'hint' as const },
    { id: NESTED_TOO_DEEPLY, summary: 'A file nests too deeply to read; it is not checked.', level: 'information' as const },
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      results.push({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: artifactLocation(r.file),
            region: {
              startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
            },
          },
        }],
      });
    }
  }
  const notifications = reports.filter((r) => r.error || r.skipped).map((r) => ({
    level: r.error ? 'error' : 'note',
    message: { text: `${r.file}: ${r.error ?? r.skipped}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(r.file) } }],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'azure-backup-rbac',
          version,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
            shortDescription: { text: r.summary },
            defaultConfiguration: { level: SARIF_LEVEL[SEVERITY_BY_NAME[r.level]] },
          })),
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A relative path as a URI reference below %SRCROOT%; an absolute one as a file URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
