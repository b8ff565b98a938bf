// The command-line face: `azure-backup-rbac check` for CI and code review (text, JSON, SARIF) and
// `azure-backup-rbac explain` for what the hover shows. Exit codes: 0 no errors, 1 errors (or
// files that could not be read), 2 usage errors.
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type ParseError, parse as parseJsonc } from 'jsonc-parser';
import { pathToFileURL } from 'node:url';
import { createLanguageService } from './core/language-service';
import { toText } from './core/render';
import { countBySeverity, displayPath, type FileReport, formatJson, formatSarif, formatText } from './cli/report';
import { type ReadResult, findJsonFiles, readTextFile } from './node/files';
import type { RoleDocument } from './core/role-document';
import { WorkspaceIndex, customRolesOf } from './core/workspace';
import { bundledCatalog, expandPath, loadCatalog, ruleDocsLink } from './node/load-catalog';
import type { Catalog } from './catalog/catalog';
import { RULE_IDS } from './core/rules';
import { DEFAULT_SETTINGS, type Settings, settingsFromFile } from './core/settings';
import { declaredFor, inScope } from './node/glob';

const VERSION = '0.1.0';
/** files read at once */
const READ_BATCH = 32;

const USAGE = `Usage:
  azure-backup-rbac check <files or folders...> [--format text|json|sarif] [--settings <settings.json>]
                           [--operations <az provider operation list output>] [--roles <az role definition list output>]
  azure-backup-rbac explain <action | role GUID> [--format text|json] [--operations <file>] [--roles <file>]
  azure-backup-rbac --help | --version

check    checks role files (CLI/PowerShell role JSON, REST role JSON, ARM templates); folders are
         searched for .json and .jsonc files. Exit code 0 without errors, 1 with errors, 2 on usage errors.
         --settings reads the azureBackupRbac.* settings of a VS Code settings file (rule severities,
         backupOperations by glob, relative to the working directory), e.g. .vscode/settings.json.
         --operations/--roles lay your own "az provider operation list" / "az role definition list"
         output over the bundled catalog (fresher operations; your custom roles).
explain  prints what the catalog knows about an operation, a wildcard or a built-in role GUID.

Rules: ${RULE_IDS.join(', ')}
`;

class UsageError extends Error {}

interface Args {
  command: string;
  operands: string[];
  format: string;
  settings?: string;
  operations?: string;
  roles?: string;
}

function parseArgs(argv: string[]): Args {
  const operands: string[] = [];
  let format = 'text';
  let command = '';
  let settings: string | undefined;
  const files: { operations?: string; roles?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' || a === '-f') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError('--format needs a value');
      format = v;
    } else if (a.startsWith('--format=')) {
      format = a.slice('--format='.length);
    } else if (a === '--operations' || a === '--roles') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a file`);
      files[a.slice(2) as 'operations' | 'roles'] = v;
    } else if (a.startsWith('--operations=') || a.startsWith('--roles=')) {
      const [key, v] = a.slice(2).split(/=(.*)/s);
      files[key as 'operations' | 'roles'] = v;
    } else if (a === '--settings') {
      settings = argv[++i];
      if (settings === undefined) throw new UsageError('--settings needs a file');
    } else if (a.startsWith('--settings=')) {
      settings = a.slice('--settings='.length);
    } else if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}`);
    } else if (!command) {
      command = a;
    } else {
      operands.push(a);
    }
  }
  return { command, operands, format, ...(settings !== undefined ? { settings } : {}), ...files };
}

async function check(args: Args, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (!['text', 'json', 'sarif'].includes(args.format)) throw new UsageError(`--format must be text, json or sarif, not '${args.format}'`);
  if (args.operands.length === 0) throw new UsageError('check needs at least one file or folder');
  const cwd = process.cwd();
  const settings = loadSettings(args.settings);
  const files: string[] = [];
  for (const operand of args.operands) {
    const path = resolve(cwd, operand);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${operand}`);
    }
    if (isDir) files.push(...(await findJsonFiles(path)).filter((f) => inScope(relative(cwd, f), settings.include, settings.exclude)));
    else files.push(path);
  }
  if (!settings.enable) {
    out(args.format === 'text' ? 'azureBackupRbac.enable is false in the settings: nothing checked.\n' : args.format === 'json' ? '[]\n' : formatSarif([], VERSION, cwd));
    return 0;
  }
  const service = createLanguageService(catalogFor(args, settings, err));
  const ruleDocs = ruleDocsLink();
  // first read everything and index the custom roles, so an assignment resolves a role of any file
  const index = new WorkspaceIndex();
  const read: { path: string; uri: string; file: string; result: ReadResult; document?: RoleDocument }[] = [];
  const unique = [...new Set(files)];
  // a few files read at a time, so the reads overlap
  for (let i = 0; i < unique.length; i += READ_BATCH) {
    const batch = unique.slice(i, i + READ_BATCH);
    const results = await Promise.all(batch.map((path) => readTextFile(path, settings.maxFileSize)));
    for (const [k, path] of batch.entries()) {
      const result = results[k];
      const entry: { path: string; uri: string; file: string; result: ReadResult; document?: RoleDocument } = { path, uri: pathToFileURL(path).href, file: displayPath(path, cwd), result };
      if (result.kind === 'text') {
        const document = service.parse(result.text);
        index.set(entry.uri, customRolesOf(entry.uri, document));
        // JSON that is no role file has nothing to report: its tree is not kept
        if (document.kind !== 'other' || document.tooDeep) entry.document = document;
      }
      read.push(entry);
    }
  }
  const reports: FileReport[] = [];
  for (const { path, uri, file, result, document } of read) {
    if (result.kind === 'error') reports.push({ file, diagnostics: [], error: result.message });
    else if (result.kind === 'binary') reports.push({ file, diagnostics: [], error: 'binary file, not JSON' });
    else if (result.kind === 'too-large') reports.push({ file, diagnostics: [], skipped: `${(result.size / 1048576).toFixed(1)} MB is over the ${(settings.maxFileSize / 1048576).toFixed(1)} MB limit (azureBackupRbac.maxFileSize)` });
    else if (!document) reports.push({ file, diagnostics: [] });
    else {
      const declaredOperations = declaredFor(relative(cwd, path), settings.backupOperations);
      reports.push({
        file,
        diagnostics: service.diagnostics(document, {
          reportSyntaxErrors: true, ruleDocs, rules: settings.rules, declaredOperations, workspace: index, uri,
        }),
      });
    }
  }
  if (args.format === 'json') out(formatJson(reports));
  else if (args.format === 'sarif') out(formatSarif(reports, VERSION, cwd));
  else out(formatText(reports, !!process.stdout.isTTY && !process.env.NO_COLOR));
  const c = countBySeverity(reports);
  return c.errors > 0 || c.unreadable > 0 ? 1 : 0;
}

/** The bundled catalog, with the files of --operations/--roles (or of the settings) laid over it. */
function catalogFor(args: Args, settings: Settings, err: (s: string) => void): Catalog {
  const operationsFile = args.operations ?? settings.catalog.operationsFile;
  const rolesFile = args.roles ?? settings.catalog.rolesFile;
  if (!operationsFile && !rolesFile) return bundledCatalog();
  const loaded = loadCatalog({
    ...(operationsFile ? { operationsFile: expandPath(operationsFile) } : {}),
    ...(rolesFile ? { rolesFile: expandPath(rolesFile) } : {}),
  });
  for (const e of loaded.errors) err(`azure-backup-rbac: ${e}\n`);
  return loaded.catalog;
}

/** The `azureBackupRbac.*` settings of a VS Code settings file (JSONC), or the defaults. */
function loadSettings(path: string | undefined): Settings {
  if (path === undefined) return DEFAULT_SETTINGS;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the settings file ${path}`);
  }
  const errors: ParseError[] = [];
  const content: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof content !== 'object' || content === null) throw new UsageError(`${path} is not a JSON settings file`);
  return settingsFromFile(content);
}

function explain(args: Args, out: (s: string) => void, err: (s: string) => void): number {
  if (!['text', 'json'].includes(args.format)) throw new UsageError(`--format must be text or json, not '${args.format}'`);
  if (args.operands.length !== 1) throw new UsageError('explain takes one action, wildcard or role GUID');
  const service = createLanguageService(catalogFor(args, DEFAULT_SETTINGS, err));
  const explanation = service.explain(args.operands[0]);
  out(args.format === 'json' ? JSON.stringify(explanation, null, 2) + '\n' : toText(explanation) + '\n');
  return explanation.kind === 'unknown' ? 1 : 0;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  try {
    if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
      (argv.length === 0 ? err : out)(USAGE);
      return argv.length === 0 ? 2 : 0;
    }
    if (argv.includes('--version')) {
      out(`${VERSION}\n`);
      return 0;
    }
    const args = parseArgs(argv);
    if (args.command === 'check') return await check(args, out, err);
    if (args.command === 'explain') return explain(args, out, err);
    throw new UsageError(`unknown command '${args.command}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`azure-backup-rbac: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    err(`azure-backup-rbac: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  // whatever escapes: one line and exit 2, never a stack trace
  process.on('uncaughtException', (e) => {
    process.stderr.write(`azure-backup-rbac: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  });
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`azure-backup-rbac: ${String(e)}\n`); process.exitCode = 2; },
  );
}
