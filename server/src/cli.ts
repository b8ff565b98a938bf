// The command-line face: `azure-backup-rbac check` for CI and code review (text, JSON, SARIF),
// `azure-backup-rbac explain` for what the hover shows, `generate --from-activity-log` for a role
// of what a principal did (cli/from-activity-log.ts), `diff` for how two roles differ
// (cli/diff.ts) and `diff --git` for what a change grants (cli/git-diff.ts). Exit codes (EXIT
// below): 0 no errors; 1 errors, files that could not be read or were not checked (see
// Summary.incomplete), nothing to explain, no succeeded call in a log, two roles that differ, or a
// change that grants or takes away; 2 usage errors (and git's, for diff --git), with the usage; 3
// an internal error, which no input should reach.
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type ParseError, parse as parseJsonc } from 'jsonc-parser';
import { pathToFileURL } from 'node:url';
import { type Catalog, DEFAULT_SETTINGS, GENERATED_SHAPES, type GeneratedShape, megabytes, type FileContext, GlobMatcher, type RoleDocument, RULE_IDS, type Settings, WorkspaceSession, createLanguageService, settingsFromFile, toText } from './core';
import { displayPath, type FileReport, formatJson, formatText, summarize } from './cli/report';
import { formatSarif, type SarifTool } from './cli/sarif';
import { DEFAULT_FAIL_LEVEL, exitCodeAt, FAIL_LEVELS, isFailLevel } from './cli/fail-level';
import { findRepoRoot } from './cli/repo-root';
import { notCheckedReason } from './cli/file-types';
import { ruleDocsRef, ruleHelpSections } from './cli/rule-help';
import { generateFromActivityLog } from './cli/from-activity-log';
import { diff } from './cli/diff';
import { gitDiff } from './cli/git-diff';
import { type ReadResult, findRoleFiles, isBicepFile, readTextFile } from './node/files';
import { BicepLoader } from './node/load-bicep';
import { bundledCatalog, expandPath, loadCatalog, packageHomepage, readRulesDoc } from './node/load-catalog';

const VERSION = '0.1.0';
/** The exit codes, as the usage text, the README and ARCHITECTURE.md tell them. */
const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;
/** Set to 1, an internal error prints its stack trace too. */
const DEBUG_ENV = 'AZURE_BACKUP_RBAC_DEBUG';
/** files read at once */
const READ_BATCH = 32;

const USAGE = `Usage:
  azure-backup-rbac check <files or folders...> [--format text|json|sarif] [--settings <settings.json>]
                           [--operations <az provider operation list output>] [--roles <az role definition list output>]
                           [--fail-level error|warning|note|none]
  azure-backup-rbac explain <action | wildcard | role GUID | role name> [--format text|json] [--operations <file>] [--roles <file>]
  azure-backup-rbac generate --operations <id,id...> [--format cli|arm|bicep] [--compact] [--subscription <id>]
  azure-backup-rbac generate --from-activity-log <log file> [--caller <upn | object id>] [--format cli|arm|bicep] [--name <role name>]
  azure-backup-rbac diff <role A> <role B> [--format text|json] [--roles <file>]
  azure-backup-rbac diff --git <base>[..<head> | ...<head>] [paths...] [--format markdown|json]
  azure-backup-rbac --help | --version

check    checks role files (CLI/PowerShell role JSON, REST role JSON, ARM templates, Bicep) with the
         extension .json, .jsonc or .bicep; folders are searched for them. Other files are never
         counted as checked: a file named here of another type (.bicepparam, .yaml, ...) is
         reported as not checked.
         --settings reads the azureBackupRbac.* settings of a VS Code settings file (rule severities,
         backupOperations by glob, relative to the working directory), e.g. .vscode/settings.json.
         --operations/--roles lay your own "az provider operation list" / "az role definition list"
         output over the bundled catalog (fresher operations; your custom roles).
         --fail-level: the least severe finding that makes check exit 1 (default error; note counts
         information and hints; none: never). SARIF paths are relative to the git repository's root.
generate prints least-privilege custom roles for Azure Backup operations (ids as in
         docs/backup-operations.md), one role per scope the operations need, each naming in its
         description the operations and scope it is for: cli (default), the JSON array of role
         objects "az role definition create --role-definition" reads one at a time; arm, an ARM
         template, and bicep, a Bicep file, each with the role assignments, deployed at the
         subscription. --compact folds a list into a wildcard only where the wildcard matches
         nothing more in the catalog (and the description says so); --subscription fills the cli
         roles' AssignableScopes (else the all-zero GUID, to be replaced).
explain  prints what the catalog knows about an operation, a wildcard, or a built-in role (by GUID
         or by name, in any case; with --roles, your custom roles too).
generate --from-activity-log  makes a role of what one caller did: the operations of its succeeded
         calls in the output of "az monitor activity-log list" or a Log Analytics AzureActivity
         export (JSON or CSV), with the reads their Azure Backup requirements name. The role goes to
         stdout (--format cli, the default: for "az role definition create"), notes to stderr.
diff     what each of two roles grants that the other does not, after wildcards and notActions. A
         role is a file (file.json; file.json#<role name> or file.json#<n> when it holds several)
         or a built-in role's name or GUID.
diff --git  what a change grants: the role definitions and assignments (JSON, ARM, Bicep) that
         differ between two commits (<base>..<head>), between <head> and where it left <base>
         (<base>...<head>, as a pull request shows it), or between a commit and the working tree
         (<base>), by operation after wildcards and notActions, counted by provider; the Azure
         Backup operations and escalation paths each opens or closes. paths limit the files, as
         git's pathspecs. markdown (default) is for a pull-request comment or a job summary.

Exit codes:
  0  check: no errors found; explain: explained; generate: printed
  1  check: errors found (at --fail-level or above), a file could not be read, a file named on the
     command line was not checked, or no file was checked though some were found (at every
     --fail-level but none); explain: not in the catalog; generate: the log holds no succeeded
     call; diff: the roles differ; diff --git: the change grants or takes something away, or some
     of it is computed at deployment (symbolic)
  2  usage error (this text follows the message); diff --git: not a git repository, an unknown
     revision, or another error of git
  3  internal error: a fault of azure-backup-rbac itself, never of its input; please report it
     (${DEBUG_ENV}=1 prints where it happened)

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
  /** generate --from-activity-log: the log, the caller, the role's name */
  fromActivityLog?: string;
  caller?: string;
  name?: string;
  compact?: true;
  subscription?: string;
  /** diff --git: `<base>`, `<base>..<head>` or `<base>...<head>` */
  git?: string;
  /** check --fail-level */
  failLevel?: string;
}

function parseArgs(argv: string[]): Args {
  const operands: string[] = [];
  let format: string | undefined;
  let command = '';
  let settings: string | undefined;
  const activity: { fromActivityLog?: string; caller?: string; name?: string } = {};
  const ACTIVITY_OPTIONS: Record<string, 'fromActivityLog' | 'caller' | 'name'> = { '--from-activity-log': 'fromActivityLog', '--caller': 'caller', '--name': 'name' };
  const files: { operations?: string; roles?: string; compact?: true; subscription?: string; git?: string; failLevel?: string } = {};
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
    } else if (a.split('=')[0] in ACTIVITY_OPTIONS) {
      const [key, inline] = a.split(/=(.*)/s);
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${key} needs a value`);
      activity[ACTIVITY_OPTIONS[key]] = v;
    } else if (a === '--settings') {
      settings = argv[++i];
      if (settings === undefined) throw new UsageError('--settings needs a file');
    } else if (a.startsWith('--settings=')) {
      settings = a.slice('--settings='.length);
    } else if (a === '--fail-level' || a.startsWith('--fail-level=')) {
      files.failLevel = a.includes('=') ? a.slice('--fail-level='.length) : argv[++i];
      if (files.failLevel === undefined) throw new UsageError(`--fail-level needs one of ${FAIL_LEVELS.join(', ')}`);
    } else if (a === '--compact') {
      files.compact = true;
    } else if (a === '--subscription') {
      files.subscription = argv[++i];
      if (files.subscription === undefined) throw new UsageError('--subscription needs a subscription id');
    } else if (a.startsWith('--subscription=')) {
      files.subscription = a.slice('--subscription='.length);
    } else if (a === '--git') {
      files.git = argv[++i];
      if (files.git === undefined) throw new UsageError('--git needs a revision: <base>, <base>..<head> or <base>...<head>');
    } else if (a.startsWith('--git=')) {
      files.git = a.slice('--git='.length);
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
  return { command, operands, format: format ?? (command === 'generate' ? 'cli' : files.git !== undefined ? 'markdown' : 'text'), ...(settings !== undefined ? { settings } : {}), ...files, ...activity };
}

async function check(args: Args, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  onlyForGenerate(args);
  if (!['text', 'json', 'sarif'].includes(args.format)) throw new UsageError(`--format must be text, json or sarif, not '${args.format}'`);
  if (args.operands.length === 0) throw new UsageError('check needs at least one file or folder');
  const failLevel = args.failLevel ?? DEFAULT_FAIL_LEVEL;
  if (!isFailLevel(failLevel)) throw new UsageError(`--fail-level must be ${FAIL_LEVELS.join(', ')}, not '${failLevel}'`);
  const cwd = process.cwd();
  const settings = loadSettings(args.settings);
  const globs = new GlobMatcher();
  // every file once, in the order given; named on the command line if it was named at all
  const files = new Map<string, { named: boolean }>();
  for (const operand of args.operands) {
    const path = resolve(cwd, operand);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${operand}`);
    }
    if (!isDir) {
      files.set(path, { named: true });
      continue;
    }
    for (const found of await findRoleFiles(path)) {
      if (globs.inScope(relative(cwd, found), settings.include, settings.exclude) && !files.has(found)) files.set(found, { named: false });
    }
  }
  // the rules' help and the homepage go in SARIF only: read then, not for every check
  const tool = (): SarifTool => ({ version: VERSION, help: ruleHelpSections(readRulesDoc() ?? ''), homepage: packageHomepage() });
  if (!settings.enable) {
    out(args.format === 'text' ? 'azureBackupRbac.enable is false in the settings: nothing checked.\n' : args.format === 'json' ? '[]\n' : formatSarif([], tool(), { cwd, exitCode: EXIT.ok }));
    return EXIT.ok;
  }
  // the link a reader of the report can follow on any machine: docs/rules.md#<rule-id> of the package
  const session = new WorkspaceSession({ catalog: catalogFor(args, settings, err), ruleDocs: ruleDocsRef, reportSyntaxErrors: true });
  // first read everything into the session, so an assignment resolves a custom role of any file
  type Entry = { path: string; uri: string; file: string; named: boolean; notChecked?: string; result?: ReadResult; document?: RoleDocument };
  const entries: Entry[] = [...files].map(([path, { named }]) => ({ path, uri: pathToFileURL(path).href, file: displayPath(path, cwd), named, notChecked: notCheckedReason(path) }));
  const contextOf = (path: string): FileContext => ({ settings, path: relative(cwd, path), ...(isBicepFile(path) ? { language: 'bicep' as const } : {}) });
  const toRead = entries.filter((e) => !e.notChecked);
  // the Bicep parser is loaded only when there is a Bicep file to read
  if (toRead.some((e) => isBicepFile(e.path))) session.useBicep(await new BicepLoader().load());
  // a few files read at a time, so the reads overlap
  for (let i = 0; i < toRead.length; i += READ_BATCH) {
    const batch = toRead.slice(i, i + READ_BATCH);
    const results = await Promise.all(batch.map((e) => readTextFile(e.path, settings.maxFileSize)));
    for (const [k, entry] of batch.entries()) {
      const result = results[k];
      entry.result = result;
      // JSON that is no role file has nothing to report: its tree is not kept
      if (result.kind === 'text') entry.document = session.readText(entry.uri, result.text, isBicepFile(entry.path) ? 'bicep' : 'json');
    }
  }
  const reports: FileReport[] = [];
  for (const { path, uri, file, named, notChecked, result, document } of entries) {
    const base = { file, diagnostics: [], named };
    if (notChecked) reports.push({ ...base, notChecked });
    else if (!result) throw new Error(`${file} was neither read nor passed over`);
    else if (result.kind === 'error') reports.push({ ...base, error: result.message });
    else if (result.kind === 'binary') reports.push({ ...base, error: 'binary file, not JSON' });
    else if (result.kind === 'too-large') reports.push({ ...base, notChecked: `${megabytes(result.size)} is over the ${megabytes(settings.maxFileSize)} limit (azureBackupRbac.maxFileSize)` });
    else if (!document) reports.push(base);
    else reports.push({ ...base, diagnostics: session.checkFile(uri, document, contextOf(path)), text: result.text });
  }
  const exitCode = exitCodeAt(summarize(reports), failLevel);
  if (args.format === 'json') out(formatJson(reports));
  else if (args.format === 'sarif') out(formatSarif(reports, tool(), { cwd, repoRoot: findRepoRoot(cwd), exitCode }));
  else out(formatText(reports, !!process.stdout.isTTY && !process.env.NO_COLOR));
  return exitCode;
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
  onlyForGenerate(args);
  if (!['text', 'json'].includes(args.format)) throw new UsageError(`--format must be text or json, not '${args.format}'`);
  if (args.operands.length !== 1) throw new UsageError('explain takes one action, wildcard, role GUID or role name (quote a name with spaces)');
  const service = createLanguageService(catalogFor(args, DEFAULT_SETTINGS, err));
  const explanation = service.explain(args.operands[0]);
  out(args.format === 'json' ? JSON.stringify(explanation, null, 2) + '\n' : toText(explanation) + '\n');
  return explanation.kind === 'unknown' ? EXIT.findings : EXIT.ok;
}

/** --compact and --subscription belong to generate. */
function onlyForGenerate(args: Args): void {
  if (args.compact) throw new UsageError(`--compact is an option of generate, not of ${args.command}`);
  if (args.subscription !== undefined) throw new UsageError(`--subscription is an option of generate, not of ${args.command}`);
}

/**
 * `generate`: the operations' roles in the shape asked, on stdout. --operations names operation
 * ids here, not a catalog file (generate reads the bundled catalog; --roles is not taken).
 */
function generate(args: Args, out: (s: string) => void): number {
  if (!(GENERATED_SHAPES as readonly string[]).includes(args.format)) throw new UsageError(`--format must be ${GENERATED_SHAPES.join(', ')}, not '${args.format}'`);
  if (args.operands.length) throw new UsageError(`generate takes no operands ('${args.operands[0]}'); name operations with --operations <id,id...>`);
  if (args.roles !== undefined) throw new UsageError('generate takes no --roles');
  if (args.operations === undefined) throw new UsageError('generate needs --operations <id,id...> (ids as in docs/backup-operations.md), or --from-activity-log <file>');
  if (args.subscription !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(args.subscription)) {
    throw new UsageError(`--subscription takes a subscription id (a GUID), not '${args.subscription}'`);
  }
  const service = createLanguageService(bundledCatalog());
  const result = service.generate({
    operations: args.operations.split(','), shape: args.format as GeneratedShape,
    ...(args.compact ? { compact: true } : {}), ...(args.subscription ? { subscriptionId: args.subscription } : {}),
  });
  if (result.kind === 'empty') throw new UsageError('--operations names no operation');
  if (result.kind === 'unknown') {
    throw new UsageError(result.unknown.map((u) => `'${u.id}' is not a backup operation id${u.near.length ? `; close ones: ${u.near.join(', ')}` : ''}`).join('\n')
      + '\n(all ids: docs/backup-operations.md)');
  }
  out(result.text);
  return EXIT.ok;
}

/** One line for a fault of our own (its stack too with AZURE_BACKUP_RBAC_DEBUG=1). */
function internalError(e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  const stack = process.env[DEBUG_ENV] === '1' && e instanceof Error && e.stack ? `${e.stack}\n` : '';
  return `azure-backup-rbac: internal error: ${message}; please report it (${DEBUG_ENV}=1 shows where it happened).\n${stack}`;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  try {
    if (argv.length === 0) throw new UsageError('no command given');
    if (argv.includes('--help') || argv.includes('-h')) {
      out(USAGE);
      return EXIT.ok;
    }
    if (argv.includes('--version')) {
      out(`${VERSION}\n`);
      return EXIT.ok;
    }
    const args = parseArgs(argv);
    const activityOption = argv.find((a) => ['--from-activity-log', '--caller', '--name'].includes(a.split('=')[0]));
    if (activityOption && args.command !== 'generate') throw new UsageError(`${activityOption.split('=')[0]} is an option of generate --from-activity-log`);
    if (args.git !== undefined && args.command !== 'diff') throw new UsageError('--git is an option of diff');
    if (args.failLevel !== undefined && args.command !== 'check') throw new UsageError(`--fail-level is an option of check, not of ${args.command}`);
    if (args.command === 'check') return await check(args, out, err);
    if (args.command === 'explain') return explain(args, out, err);
    if (args.command === 'generate' && args.fromActivityLog !== undefined) {
      if (args.operands.length) throw new UsageError(`generate --from-activity-log takes no other operand ('${args.operands[0]}')`);
      if (args.operations !== undefined) throw new UsageError('generate takes --operations or --from-activity-log, not both');
      return await generateFromActivityLog({ file: args.fromActivityLog, format: args.format, ...(args.caller !== undefined ? { caller: args.caller } : {}), ...(args.name !== undefined ? { name: args.name } : {}) },
        catalogFor(args, DEFAULT_SETTINGS, err), out, err, (m) => new UsageError(m));
    }
    if (args.command === 'generate') return generate(args, out);
    if (args.command === 'diff' && args.git !== undefined) {
      return await gitDiff({ spec: args.git, paths: args.operands, format: args.format, catalog: catalogFor(args, DEFAULT_SETTINGS, err) }, out, (m) => new UsageError(m));
    }
    if (args.command === 'diff') return await diff(args.operands, args.format, catalogFor(args, DEFAULT_SETTINGS, err), out, (m) => new UsageError(m));
    throw new UsageError(`unknown command '${args.command}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`azure-backup-rbac: ${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    err(internalError(e));
    return EXIT.internal;
  }
}

if (require.main === module) {
  // whatever escapes main: one line and exit 3, a stack trace only when asked for
  process.on('uncaughtException', (e) => {
    process.stderr.write(internalError(e));
    process.exit(EXIT.internal);
  });
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(internalError(e)); process.exitCode = EXIT.internal; },
  );
}
