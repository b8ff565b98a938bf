// The GitHub Action (action.yml) run as the runner runs a composite action, as far as it can run
// here: its inputs and steps read from the file, then each `run:` step started in order with bash
// as the runner starts it (`bash --noprofile --norc -eo pipefail <script>`), in a git repository
// of real role files, with GITHUB_ACTION_PATH (this checkout, already built), GITHUB_WORKSPACE,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set, and the `${{ … }}` expressions the file uses
// evaluated by the small evaluator below. The `uses:` steps (setup-node, upload-sarif) need
// GitHub: they are recorded with their evaluated inputs instead of run.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { REPO } from '../support/harness';
import { sarifValidator } from '../support/sarif';

interface Step { name?: string; id?: string; if?: string; uses?: string; with?: Record<string, unknown>; shell?: string; env?: Record<string, unknown>; run?: string }
interface ActionFile {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

// ---- the expressions action.yml uses: property paths, 'strings', ==, !=, &&, ||, !, (), always(), success(), failure()

type Value = string | number | boolean | null | Record<string, unknown>;
interface Context { inputs: Record<string, string>; github: Record<string, unknown>; steps: Record<string, { outputs: Record<string, string> }>; failed: boolean }

function evaluate(expression: string, context: Context): Value {
  const tokens = expression.match(/\s+|'(?:[^']|'')*'|==|!=|&&|\|\||[()!]|[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*|\S/g)?.filter((t) => t.trim()) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const t = tokens[i++];
    if (t === undefined || (expected !== undefined && t !== expected)) throw new Error(`expression '${expression}': expected ${expected ?? 'more'} at '${t ?? 'the end'}'`);
    return t;
  };
  const truthy = (v: Value) => v !== null && v !== false && v !== '' && v !== 0;
  // GitHub compares strings without regard to case
  const equal = (a: Value, b: Value) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);
  const primary = (): Value => {
    const t = take();
    if (t === '(') {
      const v = or();
      take(')');
      return v;
    }
    if (t === '!') return !truthy(primary());
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (peek() === '(') {
      take('(');
      take(')');
      if (t === 'always') return true;
      if (t === 'success') return !context.failed;
      if (t === 'failure') return context.failed;
      throw new Error(`expression '${expression}': no function ${t}() here`);
    }
    const [root, ...path] = t.split('.');
    if (!['inputs', 'github', 'steps'].includes(root)) throw new Error(`expression '${expression}': no context '${root}' here`);
    let v: unknown = context[root as 'inputs' | 'github' | 'steps'];
    for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    return (v ?? null) as Value;
  };
  const comparison = (): Value => {
    let v = primary();
    while (peek() === '==' || peek() === '!=') {
      const op = take();
      const w = primary();
      v = op === '==' ? equal(v, w) : !equal(v, w);
    }
    return v;
  };
  // `a && b` is b when a is truthy, else a; `a || b` is a when a is truthy, else b
  const chain = (next: () => Value, op: string, combine: (v: Value, w: Value) => Value) => (): Value => {
    let v = next();
    while (peek() === op) {
      take();
      v = combine(v, next());
    }
    return v;
  };
  const and = chain(comparison, '&&', (v, w) => (truthy(v) ? w : v));
  const or = chain(and, '||', (v, w) => (truthy(v) ? v : w));
  const v = or();
  if (i < tokens.length) throw new Error(`expression '${expression}': unexpected '${tokens[i]}'`);
  return v;
}

/** A string with `${{ … }}` in it, as the runner writes it: each expression's value, null as ''. */
function interpolate(text: string, context: Context): string {
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, e: string) => {
    const v = evaluate(e, context);
    return v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/** A step's `if:`, with or without `${{ }}`; no `if:` is `success()`. */
function condition(step: Step, context: Context): boolean {
  if (step.if === undefined) return !context.failed;
  const e = step.if.trim().replace(/^\$\{\{(.*)\}\}$/s, '$1');
  const v = evaluate(e, context);
  return v !== null && v !== false && v !== '' && v !== 0;
}

/** `name=value` lines and `name<<DELIMITER` blocks of a GITHUB_OUTPUT file. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

// ---- the action, run

const ACTION = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionFile;

interface StepRun { name: string; ran: boolean; exit?: number; stdout?: string; stderr?: string; with?: Record<string, string> }
interface ActionRun { workspace: string; inputs: Record<string, string>; steps: StepRun[]; summary: string; failed: boolean; exit: number | undefined; outputs: Record<string, string> }

function runAction(workspace: string, inputs: Record<string, string>, event: Record<string, unknown>): ActionRun {
  const temp = mkdtempSync(join(tmpdir(), 'abr-runner-'));
  try {
    const summaryFile = join(temp, 'step-summary.md');
    writeFileSync(summaryFile, '');
    const defaults = Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, v.default ?? '']));
    const context: Context = {
      inputs: { ...defaults, ...inputs },
      github: { action_path: REPO, workspace, event, event_name: event.pull_request ? 'pull_request' : 'push' },
      steps: {},
      failed: false,
    };
    const steps: StepRun[] = [];
    let exit: number | undefined;
    for (const [n, step] of ACTION.runs.steps.entries()) {
      const name = step.name ?? `step ${n}`;
      if (!condition(step, context)) {
        steps.push({ name, ran: false });
        continue;
      }
      if (step.uses) {
        steps.push({ name, ran: true, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), context)])) });
        continue;
      }
      const script = join(temp, `step-${n}.sh`);
      const outputFile = join(temp, `output-${n}`);
      // as the runner does, expressions in the script are replaced by their text before bash reads it
      writeFileSync(script, interpolate(step.run ?? '', context));
      const env: Record<string, string> = {
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: process.env.HOME ?? temp,
        GITHUB_ACTION_PATH: REPO,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: temp,
        NO_COLOR: '1',
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), context)])),
      };
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8', timeout: 120000 });
      exit = r.status ?? 1;
      steps.push({ name, ran: true, exit, stdout: r.stdout, stderr: r.stderr });
      if (step.id) context.steps[step.id] = { outputs: readOutputs(outputFile) };
      if (exit !== 0) context.failed = true;
    }
    const outputs = Object.fromEntries(Object.entries(ACTION.outputs).map(([k, v]) => [k, interpolate(v.value, context)]));
    return { workspace, inputs: context.inputs, steps, summary: readFileSync(summaryFile, 'utf8'), failed: context.failed, exit, outputs };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The summary's first part, the findings, as scripts/action-summary.mjs writes it from the run's report. */
function findingsSummary(run: ActionRun): string {
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'action-summary.mjs'), join(run.workspace, run.outputs['sarif-file']), run.outputs['exit-code'], run.inputs['fail-level']], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(run.summary.startsWith(r.stdout), 'the summary starts with the findings');
  return r.stdout;
}

const step = (run: ActionRun, prefix: string) => {
  const s = run.steps.find((x) => x.name.startsWith(prefix));
  assert.ok(s, `a step named ${prefix}…`);
  return s;
};

// ---- a repository of real role files: a base commit, and a pull request's head that grants more and adds errors

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(180000);
  let ws: string;
  let base: string;
  const pullRequest = () => ({ pull_request: { base: { sha: base }, head: { sha: git(ws, 'rev-parse', 'HEAD') } } });
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'abr-action-'));
    for (const file of ['roles/crr-operator.json', 'templates/assign-crr.json']) {
      mkdirSync(dirname(join(ws, file)), { recursive: true });
      copyFileSync(join(REPO, 'test', 'fixtures', 'workspace-roles', file), join(ws, file));
    }
    git(ws, 'init', '-q');
    git(ws, 'add', '.');
    git(ws, 'commit', '-q', '-m', 'base');
    base = git(ws, 'rev-parse', 'HEAD');
    // the pull request: the role grants one more operation, and a role with two errors comes in
    const role = join(ws, 'roles', 'crr-operator.json');
    writeFileSync(role, readFileSync(role, 'utf8').replace('"actions": [\n', '"actions": [\n          "Microsoft.RecoveryServices/Vaults/read",\n'));
    copyFileSync(join(REPO, 'examples', 'restore-staging-storage.rest.json'), join(ws, 'roles', 'restore-staging-storage.rest.json'));
    git(ws, 'add', '.');
    git(ws, 'commit', '-q', '-m', 'head');
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('is a composite action with the inputs, outputs and steps its docs name', () => {
    assert.equal(ACTION.runs.using, 'composite');
    assert.deepEqual(Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, v.default])), {
      paths: '.', settings: '', operations: '', roles: '', 'fail-level': 'error', 'sarif-file': 'azure-backup-rbac.sarif', 'upload-sarif': 'true', summary: 'true', base: '',
    });
    for (const [name, input] of Object.entries(ACTION.inputs)) assert.ok(input.description.length > 10, name);
    assert.deepEqual(Object.keys(ACTION.outputs), ['exit-code', 'sarif-file']);
    const steps = ACTION.runs.steps;
    assert.deepEqual(steps.map((s) => s.uses ?? 'run'), ['actions/setup-node@v4', 'run', 'run', 'github/codeql-action/upload-sarif@v3', 'run', 'run']);
    assert.equal(String(steps[0].with?.['node-version']), '20');
    const upload = steps[3];
    assert.match(upload.if ?? '', /^always\(\) && inputs\.upload-sarif == 'true'/);
    assert.equal(upload.with?.sarif_file, '${{ inputs.sarif-file }}');
    assert.equal(steps.at(-1)?.if, 'always()', 'the job fails last, after the upload and the summary');
    // inputs reach scripts through env: only, never written into a script (script injection)
    for (const s of steps.filter((x) => x.run !== undefined)) {
      assert.equal(s.shell, 'bash', s.name);
      assert.doesNotMatch(s.run!, /\$\{\{/, `${s.name}: no expression inside run:`);
    }
    // docs/github-action.md lists every input
    const docs = readFileSync(join(REPO, 'docs', 'github-action.md'), 'utf8');
    for (const name of Object.keys(ACTION.inputs)) assert.match(docs, new RegExp(`^\\| \`${name}\` \\|`, 'm'), `docs/github-action.md: ${name}`);
  });

  it('the evaluator reads the forms the file uses, and refuses others (so a new form is noticed)', () => {
    const context: Context = { inputs: { 'upload-sarif': 'true', base: '' }, github: { event: { pull_request: { base: { sha: 'abc' } } } }, steps: { check: { outputs: { 'sarif-written': 'true' } } }, failed: true };
    assert.equal(evaluate("always() && inputs.upload-sarif == 'TRUE' && steps.check.outputs.sarif-written == 'true'", context), true);
    assert.equal(evaluate('inputs.base || github.event.pull_request.base.sha', context), 'abc');
    assert.equal(evaluate('inputs.base || github.event.pull_request.nothing.sha', context), null);
    assert.equal(evaluate("success() || inputs.upload-sarif != 'true'", context), false);
    assert.throws(() => evaluate("contains(inputs.base, 'x')", context), /unexpected|expected/);
    assert.throws(() => evaluate('env.HOME', context), /no context 'env'/);
    for (const s of ACTION.runs.steps) {
      if (s.if) condition(s, context);
      for (const v of [...Object.values(s.env ?? {}), ...Object.values(s.with ?? {})]) interpolate(String(v), context);
    }
  });

  it('in a pull request: builds nothing when built, writes valid SARIF with the findings, uploads it, summarises, and fails the job on errors', () => {
    const run = runAction(ws, {}, pullRequest());
    assert.equal(step(run, 'Set up Node.js').ran, true);
    assert.match(step(run, 'Build').stdout ?? '', /already built/);
    const sarifFile = join(ws, 'azure-backup-rbac.sarif');
    assert.ok(existsSync(sarifFile), 'the SARIF file is written in the workspace');
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.deepEqual(sarifValidator()(sarif), []);
    const results = sarif.runs[0].results;
    assert.deepEqual([...new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))].sort(), ['roles/crr-operator.json', 'roles/restore-staging-storage.rest.json', 'templates/assign-crr.json']);
    assert.deepEqual(results.filter((r) => r.level === 'error').map((r) => r.ruleId), ['data-action-in-actions', 'action-in-data-actions']);
    // uploaded: the step ran with the file that exists
    const upload = step(run, 'Upload');
    assert.deepEqual([upload.ran, upload.with], [true, { sarif_file: 'azure-backup-rbac.sarif', category: 'azure-backup-rbac' }]);
    // the summary: failed at error, the counts, the errors first
    assert.match(run.summary, /^## Azure Backup RBAC\n\n\*\*Failed\*\* at fail level `error`: 2 errors, 1 warning, 1 note\.\n/);
    assert.match(run.summary, /\n\| error \| `roles\/restore-staging-storage\.rest\.json:14` \| '…\/containers\/blobs\/read' is a data action/);
    // the job fails, last, with the check's exit code
    assert.deepEqual([step(run, 'Check').exit, step(run, 'Job summary').exit, step(run, 'Fail').exit], [0, 0, 1]);
    assert.deepEqual(run.outputs, { 'exit-code': '1', 'sarif-file': 'azure-backup-rbac.sarif' });
  });

  it('honours fail-level: none passes despite errors; warning fails on warnings that error lets pass', () => {
    const none = runAction(ws, { 'fail-level': 'none' }, pullRequest());
    assert.deepEqual([step(none, 'Fail').exit, none.failed], [0, false]);
    assert.match(none.summary, /\*\*Passed\*\* at fail level `none`: 2 errors/);
    // the files of the base commit alone: warnings and notes, no error
    const paths = 'roles/crr-operator.json\n  templates\n';
    const atError = runAction(ws, { paths }, pullRequest());
    assert.deepEqual([step(atError, 'Fail').exit, atError.failed], [0, false]);
    assert.match(atError.summary, /\*\*Passed\*\* at fail level `error`: 0 errors, 1 warning, 1 note\./);
    const atWarning = runAction(ws, { paths, 'fail-level': 'warning' }, pullRequest());
    assert.deepEqual([step(atWarning, 'Fail').exit, atWarning.failed], [1, true]);
  });

  it('passes the settings file on: the warning of a rule turned off there no longer fails the job at warning', () => {
    const inputs = { paths: 'roles/crr-operator.json templates', 'fail-level': 'warning' };
    const ruleIds = () => (JSON.parse(readFileSync(join(ws, 'azure-backup-rbac.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] }).runs[0].results.map((r) => r.ruleId).sort();
    assert.equal(step(runAction(ws, inputs, pullRequest()), 'Fail').exit, 1);
    assert.deepEqual(ruleIds(), ['assignment-scope-insufficient', 'missing-operation-permissions']);
    writeFileSync(join(ws, 'settings.json'), '{ "azureBackupRbac.rules": { "assignment-scope-insufficient": "off" } }');
    try {
      const run = runAction(ws, { ...inputs, settings: 'settings.json' }, pullRequest());
      assert.deepEqual(ruleIds(), ['missing-operation-permissions']);
      assert.equal(step(run, 'Fail').exit, 0);
    } finally {
      rmSync(join(ws, 'settings.json'));
    }
  });

  it('runs no input as a command; a check that cannot run uploads nothing and fails the job with its code', () => {
    const run = runAction(ws, { paths: '$(touch pwned) `touch pwned2`', 'sarif-file': 'out; touch pwned3.sarif' }, pullRequest());
    for (const f of ['pwned', 'pwned2', 'pwned3.sarif']) assert.ok(!existsSync(join(ws, f)), `${f} was created: an input ran as a command`);
    assert.match(step(run, 'Check').stdout ?? '', /::error title=azure-backup-rbac::the check could not run \(exit 2\)/);
    assert.deepEqual([step(run, 'Upload').ran, step(run, 'Job summary').ran, step(run, 'Fail').exit], [false, false, 2]);
    rmSync(join(ws, 'out; touch pwned3.sarif'), { force: true });
  });

  it('skips the upload and the summary when asked, and compares with no base outside a pull request', () => {
    const quiet = runAction(ws, { 'upload-sarif': 'false', summary: 'false' }, pullRequest());
    assert.deepEqual([step(quiet, 'Upload').ran, step(quiet, 'Job summary').ran, quiet.summary], [false, false, '']);
    const push = runAction(ws, {}, { ref: 'refs/heads/main' });
    assert.match(push.summary, /^## Azure Backup RBAC\n/);
    assert.equal(push.summary, findingsSummary(push), 'the findings alone');
  });

  // `diff --git` comes with issue 15's other part: until it is merged, this assertion fails
  // (`diff` answers "unknown option --git", exit 2, and the summary says it could not compare)
  it('summarises what the pull request does to what is granted (diff --git <base>..HEAD --format markdown)', () => {
    const run = runAction(ws, {}, pullRequest());
    assert.equal(step(run, 'Job summary').exit, 0, 'the comparison never fails the step');
    // after the findings, the comparison's own report
    const comparison = run.summary.slice(findingsSummary(run).length);
    assert.ok(comparison.trim(), 'the summary has the comparison');
    assert.doesNotMatch(comparison, /could not compare/, comparison.trim());
    // the head grants one more operation than the base: the comparison names it
    assert.match(comparison, /Microsoft\.RecoveryServices\/Vaults\/read/i);
    // and a base given as an input is compared with outside a pull request too
    const explicit = runAction(ws, { base: 'HEAD~1' }, {});
    assert.match(explicit.summary.slice(findingsSummary(explicit).length), /Microsoft\.RecoveryServices\/Vaults\/read/i);
  });
});
