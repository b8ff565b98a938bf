// `check --format sarif`: SARIF 2.1.0 for code scanning. Paths are relative to the repository's root
// (or, outside any repository, to the working directory) below `%SRCROOT%`; every result carries a
// partial fingerprint that survives lines moving above it; every rule carries its documentation.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CODES, BICEP_NOT_READ, FILE_TOO_LARGE, INVALID_JSON, NESTED_TOO_DEEPLY, RULES, SEVERITY_BY_NAME, Severity, UNUSED_SUPPRESSION } from '../core';
import { FINGERPRINT_KEY, partialFingerprints } from './fingerprint';
import { type FileReport, summarize } from './report';
import { type RuleHelp, ruleDocsRef, ruleHelpUri } from './rule-help';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'note',
  [Severity.Hint]: 'note',
};

/** The codes the checker reports besides the rules', with what SARIF says of them. */
const NOTES: Readonly<Record<string, { summary: string; level: keyof typeof SEVERITY_BY_NAME }>> = {
  [INVALID_JSON]: { summary: 'A role file is not valid JSON.', level: 'error' },
  [UNUSED_SUPPRESSION]: { summary: 'A suppression comment silences nothing.', level: 'hint' },
  [FILE_TOO_LARGE]: { summary: 'A file is over the size limit; it is not checked.', level: 'information' },
  [NESTED_TOO_DEEPLY]: { summary: 'A file nests too deeply to read; it is not checked.', level: 'information' },
  [BICEP_NOT_READ]: { summary: 'A Bicep statement could not be read; it is not checked.', level: 'warning' },
};

/** What SARIF says of the tool and its rules. */
export interface SarifTool {
  readonly version: string;
  /** package.json's homepage: rules get a `helpUri` below it only when the publisher set one */
  readonly homepage?: string;
  /** each rule's section of docs/rules.md, by id */
  readonly help: ReadonlyMap<string, RuleHelp>;
}

/** Where the check ran, and how it ended. */
export interface SarifRun {
  /** the working directory: report paths relative to it are resolved from it */
  readonly cwd: string;
  /** the repository's root (`findRepoRoot`), when the check ran in one */
  readonly repoRoot?: string;
  /** the exit code of the check, at its fail level */
  readonly exitCode: number;
}

export function formatSarif(reports: readonly FileReport[], tool: SarifTool, run: SarifRun): string {
  const rules = ALL_CODES.map((id) => {
    const rule = RULES.find((r) => r.id === id);
    const note = NOTES[id];
    if (rule) return { id, summary: rule.summary, level: rule.defaultSeverity };
    if (note) return { id, ...note };
    throw new Error(`no SARIF rule for the code ${id}`);
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const base = run.repoRoot ?? run.cwd;
  const locate = (file: string) => artifactLocation(resolve(run.cwd, file), base);
  const results = [];
  for (const r of reports) {
    const artifact = locate(r.file);
    // the key names the file as the report does, below the root: the same from any folder of the repository
    const fingerprints = r.text !== undefined && r.diagnostics.length ? partialFingerprints(decodeURIComponent(artifact.uri), r.text, r.diagnostics) : [];
    for (const [i, d] of r.diagnostics.entries()) {
      results.push({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: artifact,
            region: {
              startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
            },
          },
        }],
        ...(fingerprints[i] ? { partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] } } : {}),
      });
    }
  }
  const notifications = reports.filter((r) => r.error || r.notChecked).map((r) => ({
    level: r.error ? 'error' : 'warning',
    message: { text: r.error ? `${r.file} could not be read: ${r.error}.` : `${r.file} was not checked: ${r.notChecked}.` },
    locations: [{ physicalLocation: { artifactLocation: locate(r.file) } }],
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
      // where %SRCROOT% is on the machine that ran the check means nothing to a reader of the
      // report, so it is described, not given (code scanning takes the checkout's root)
      originalUriBaseIds: {
        '%SRCROOT%': { description: { text: run.repoRoot ? 'The root of the git repository the check ran in.' : 'The working directory of the check.' } },
      },
      // the columns are counted as the editor counts them
      columnKind: 'utf16CodeUnits',
      invocations: [{
        // false when the run did not check what it was asked to (its notifications say what)
        executionSuccessful: summary.unreadable === 0 && !summary.incomplete,
        exitCode: run.exitCode,
        toolExecutionNotifications: notifications,
      }],
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A path below `base` as a URI reference below %SRCROOT%; any other as a file URI. */
function artifactLocation(path: string, base: string): { uri: string; uriBaseId?: string } {
  const rel = relative(base, path);
  if (!rel || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return { uri: pathToFileURL(path).href };
  return { uri: rel.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
