// The result of checking files, and the three ways the CLI prints it.
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BICEP_NOT_READ, count, INVALID_JSON, NESTED_TOO_DEEPLY, RULES, UNUSED_SUPPRESSION, type Diagnostic, SEVERITY_BY_NAME, SEVERITY_NAME, Severity } from '../core';
import { type RuleHelp, ruleDocsRef, ruleHelpUri } from './rule-help';

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

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'note',
  [Severity.Hint]: 'note',
};

/** What SARIF says of the tool and its rules. */
export interface SarifTool {
  readonly version: string;
  /** package.json's homepage: rules get a `helpUri` below it only when the publisher set one */
  readonly homepage?: string;
  /** each rule's section of docs/rules.md, by id */
  readonly help: ReadonlyMap<string, RuleHelp>;
}

export function formatSarif(reports: readonly FileReport[], tool: SarifTool): string {
  const rules = [
    ...RULES.map((r) => ({ id: r.id, summary: r.summary, level: r.defaultSeverity })),
    { id: INVALID_JSON, summary: 'A role file is not valid JSON.', level: 'error' as const },
    { id: UNUSED_SUPPRESSION, summary: 'A suppression comment silences nothing.', level: 'hint' as const },
    { id: NESTED_TOO_DEEPLY, summary: 'A file nests too deeply to read; it is not checked.', level: 'information' as const },
    { id: BICEP_NOT_READ, summary: 'A Bicep statement could not be read; it is not checked.', level: 'warning' as const },
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
  const notifications = reports.filter((r) => r.error || r.notChecked).map((r) => ({
    level: r.error ? 'error' : 'warning',
    message: { text: r.error ? `${r.file} could not be read: ${r.error}.` : `${r.file} was not checked: ${r.notChecked}.` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(r.file) } }],
  }));
  const summary = summarize(reports);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'azure-backup-rbac',
          version: tool.version,
          rules: rules.map((r) => {
            const help = tool.help.get(r.id);
            const helpUri = ruleHelpUri(tool.homepage, r.id);
            return {
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              ...(help ? { help } : {}),
              ...(helpUri ? { helpUri } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[SEVERITY_BY_NAME[r.level]] },
              properties: { documentation: ruleDocsRef(r.id) },
            };
          }),
        },
      },
      // the paths are relative to the folder the check ran in; where that is on the machine that
      // ran it means nothing to a reader of the report (code scanning takes the checkout's root)
      originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory of the check.' } } },
      invocations: [{
        // false when the run did not check what it was asked to (its notifications say what)
        executionSuccessful: summary.unreadable === 0 && !summary.incomplete,
        exitCode: summary.exitCode,
        toolExecutionNotifications: notifications,
      }],
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
