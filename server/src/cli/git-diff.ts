// `azure-backup-rbac diff --git <base>[..<head>] [paths...] [--format markdown|json]`: what a change
// grants. Reads the repository through the `git` command only (argument lists, never a shell; a
// revision may not start with '-'): the files the change touches (`git diff --name-status -z -M`,
// and in working-tree mode the untracked files git does not ignore), their text on each side
// (`git cat-file --batch`: one process per side, the blob as committed, no filter or textconv), and,
// when an assignment names a role no changed file defines, the revision's other role files. The
// core compares them (core/features/change-report.ts). Exit 0 when the change grants and takes
// away nothing, 1 when it does (or when some of it cannot be told), 2 for a usage or git error.
import { spawn } from 'node:child_process';
import { promises as fs, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import {
  type Catalog, type ChangedFile, type FileStatus, type RoleDocument, type RoleFile, DEFAULT_MAX_FILE_SIZE, SKIPPED_FOLDERS, changeReport, changeReportMarkdown,
  createLanguageService, decodeText, isBicepFile, isCandidateFile, megabytes, needsOtherRoleFiles,
} from '../core';
import { BicepLoader } from '../node/load-bicep';

type Usage = (message: string) => Error;

/** What git printed and how it ended. */
interface GitRun {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * `git` on the PATH, looked up in its absolute folders only: never a `git` of the working directory
 * (Windows would look there first).
 */
function findGit(): string | undefined {
  const names = process.platform === 'win32' ? ['git.exe'] : ['git'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const name of names) {
      const path = join(dir, name);
      try {
        if (statSync(path).isFile()) return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * Settings that keep git from running anything the repository's configuration names while it
 * reads (a file-system monitor hook, an external diff), from taking locks, and from asking.
 */
const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'diff.relative=false'];
const GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', PAGER: 'cat' };

function runGit(exe: string, args: readonly string[], cwd: string, input?: string): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, [...SAFE, ...args], { cwd, env: { ...process.env, ...GIT_ENV }, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    // git may exit before reading all of it (an error): that is reported by its exit code, not here
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** git's own words, one line: its first `fatal:`/`error:` line, else its first line. */
function gitSays(run: GitRun): string {
  const lines = run.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? `exit ${run.code}`).replace(/^(fatal|error):\s*/, '');
}

const NUL = '\0';

/** The NUL-separated fields of `-z` output. */
function fields(run: GitRun): string[] {
  const text = run.stdout.toString('utf8');
  const parts = text.split(NUL);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** One entry of `git diff --name-status -z -M`: its status letter and the path on each side. */
interface Entry {
  readonly status: FileStatus;
  readonly base?: string;
  readonly head?: string;
}

function entries(tokens: readonly string[]): Entry[] {
  const found: Entry[] = [];
  for (let i = 0; i < tokens.length;) {
    const letter = tokens[i][0];
    if (letter === 'R' || letter === 'C') {
      const [from, to] = [tokens[i + 1], tokens[i + 2]];
      found.push(letter === 'R' ? { status: 'renamed', base: from, head: to } : { status: 'added', head: to });
      i += 3;
      continue;
    }
    const path = tokens[i + 1];
    if (letter === 'A') found.push({ status: 'added', head: path });
    else if (letter === 'D') found.push({ status: 'deleted', base: path });
    else found.push({ status: 'modified', base: path, head: path }); // M, T (type changed), U (unmerged)
    i += 2;
  }
  return found;
}

/** A file's bytes on a side, or why it has none to read. */
type Blob = { readonly kind: 'bytes'; readonly bytes: Buffer } | { readonly kind: 'absent' } | { readonly kind: 'too-large'; readonly size: number };

/**
 * Blobs `<commit>:<path>` through one `git cat-file --batch`: each answer is `<id> <type> <size>`
 * and the content, or `<object> missing`. Anything but a blob (a submodule's commit) is absent.
 */
async function catFiles(exe: string, top: string, commit: string, paths: readonly string[], maxSize: number): Promise<Map<string, Blob>> {
  const found = new Map<string, Blob>();
  // a name with a line break cannot be asked for on a line
  const asked = paths.filter((p) => !/[\r\n]/.test(p));
  for (const p of paths) if (!asked.includes(p)) found.set(p, { kind: 'absent' });
  if (!asked.length) return found;
  const run = await runGit(exe, ['cat-file', '--batch'], top, asked.map((p) => `${commit}:${p}\n`).join(''));
  if (run.code !== 0) throw new Error(`git cat-file failed: ${gitSays(run)}`);
  const out = run.stdout;
  let at = 0;
  for (const path of asked) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) throw new Error('git cat-file answered less than it was asked');
    const header = out.toString('utf8', at, eol);
    at = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      found.set(path, { kind: 'absent' });
      continue;
    }
    const size = Number(m[2]);
    const bytes = out.subarray(at, at + size);
    at += size + 1;
    found.set(path, m[1] !== 'blob' ? { kind: 'absent' } : size > maxSize ? { kind: 'too-large', size } : { kind: 'bytes', bytes });
  }
  return found;
}

/** Files of the working tree, by their path in the repository. */
async function readWorking(top: string, paths: readonly string[], maxSize: number): Promise<Map<string, Blob>> {
  const found = new Map<string, Blob>();
  await Promise.all(paths.map(async (path) => {
    try {
      const stat = await fs.lstat(join(top, path));
      if (!stat.isFile()) found.set(path, { kind: 'absent' });
      else if (stat.size > maxSize) found.set(path, { kind: 'too-large', size: stat.size });
      else found.set(path, { kind: 'bytes', bytes: await fs.readFile(join(top, path)) });
    } catch {
      found.set(path, { kind: 'absent' });
    }
  }));
  return found;
}

/** A side of the change: a commit, or the working tree. */
interface Side {
  readonly commit: string | undefined;
  read(paths: readonly string[]): Promise<Map<string, Blob>>;
  /** every file of the side, by its path in the repository */
  list(): Promise<string[]>;
}

/** Folders never read for other role files (dependencies, build output), as the workspace scan skips them. */
const SKIPPED = new Set(SKIPPED_FOLDERS);
/** Text that may hold a custom role (CLI, REST, ARM and Bicep spell these keys so). */
const MAY_DEFINE_ROLE = /assignableScopes|roleName|roleDefinitions/i;
/** Other files read at once. */
const OTHERS_BATCH = 256;

export interface GitDiffOptions {
  /** `<base>`, `<base>..<head>` or `<base>...<head>` (see revisionsOf) */
  readonly spec: string;
  /** pathspecs, relative to the working directory */
  readonly paths: readonly string[];
  readonly format: string;
  readonly catalog: Catalog;
  readonly maxFileSize?: number;
}

export async function gitDiff(options: GitDiffOptions, out: (s: string) => void, usage: Usage): Promise<number> {
  const { spec, paths, format, catalog } = options;
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (!['markdown', 'json'].includes(format)) throw usage(`--format must be markdown or json for diff --git, not '${format}'`);
  const { base, head, mergeBase } = revisionsOf(spec, usage);
  const exe = findGit();
  if (!exe) throw usage('git was not found on the PATH (diff --git reads the repository through it)');
  const cwd = process.cwd();

  const topRun = await runGit(exe, ['rev-parse', '--show-toplevel'], cwd);
  if (topRun.code !== 0) throw usage(`${cwd} is not in a git repository (git: ${gitSays(topRun)})`);
  const top = topRun.stdout.toString('utf8').trim();
  const commitOf = async (rev: string): Promise<string> => {
    const r = await runGit(exe, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
    if (r.code !== 0) throw usage(`unknown revision '${rev}': no commit of this repository has that name`);
    return r.stdout.toString('utf8').trim();
  };
  /** The commit where two histories parted: none when they share no commit. */
  const mergeBaseOf = async (a: string, b: string): Promise<string> => {
    const r = await runGit(exe, ['merge-base', a, b], cwd);
    if (r.code === 1 && r.stdout.length === 0) throw usage(`'${spec}' has no merge base: the two revisions share no commit`);
    if (r.code !== 0) throw usage(`git merge-base: ${gitSays(r)}`);
    return r.stdout.toString('utf8').trim();
  };
  const given = await commitOf(base);
  const headCommit = head === undefined ? undefined : await commitOf(head);
  // <base>...<head>: what <head> changed since it left <base>, as a pull request shows it (git diff A...B)
  const baseCommit = mergeBase && headCommit ? await mergeBaseOf(given, headCommit) : given;

  const diffRun = await runGit(exe, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-color', baseCommit, ...(headCommit ? [headCommit] : []), '--', ...paths], cwd);
  if (diffRun.code !== 0) throw usage(`git diff: ${gitSays(diffRun)}`);
  const changed = entries(fields(diffRun));
  if (!headCommit) {
    // the working tree: files git does not track yet, unless it ignores them, are new
    const untracked = await runGit(exe, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', ...paths], cwd);
    if (untracked.code !== 0) throw usage(`git ls-files: ${gitSays(untracked)}`);
    for (const path of fields(untracked)) changed.push({ status: 'added', head: path });
  }
  // only JSON, JSONC and Bicep files are read, on the sides where they are such files
  const wanted = changed.flatMap((e): Entry[] => {
    const b = e.base !== undefined && isCandidateFile(e.base) ? e.base : undefined;
    const h = e.head !== undefined && isCandidateFile(e.head) ? e.head : undefined;
    if (b === undefined && h === undefined) return [];
    const status: FileStatus = b === undefined ? 'added' : h === undefined ? 'deleted' : e.status;
    return [{ status, ...(b !== undefined ? { base: b } : {}), ...(h !== undefined ? { head: h } : {}) }];
  });

  const baseSide: Side = {
    commit: baseCommit,
    read: (p) => catFiles(exe, top, baseCommit, p, maxSize),
    list: async () => fields(await runGit(exe, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', baseCommit], top)),
  };
  const headSide: Side = headCommit ? {
    commit: headCommit,
    read: (p) => catFiles(exe, top, headCommit, p, maxSize),
    list: async () => fields(await runGit(exe, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', headCommit], top)),
  } : {
    commit: undefined,
    read: (p) => readWorking(top, p, maxSize),
    list: async () => fields(await runGit(exe, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name'], top)),
  };

  const [baseBlobs, headBlobs] = await Promise.all([
    baseSide.read(wanted.flatMap((e) => (e.base !== undefined ? [e.base] : []))),
    headSide.read(wanted.flatMap((e) => (e.head !== undefined ? [e.head] : []))),
  ]);
  const bicep = new BicepLoader();
  const anyBicep = wanted.some((e) => (e.base !== undefined && isBicepFile(e.base)) || (e.head !== undefined && isBicepFile(e.head)));
  const service = createLanguageService(catalog, anyBicep ? await bicep.load() : undefined);
  const parse = (path: string, blob: Blob | undefined): { document?: RoleDocument; unread?: string } => {
    if (!blob || blob.kind === 'absent') return {};
    if (blob.kind === 'too-large') return { unread: `${path} is ${megabytes(blob.size)}, over the ${megabytes(maxSize)} limit` };
    const text = decodeText(blob.bytes);
    // a binary file holds no role
    if (text.kind !== 'text') return {};
    return { document: service.parse(text.text, isBicepFile(path) ? 'bicep' : 'json') };
  };
  const holdsAny = (d: RoleDocument | undefined) => !!d && (d.roles.length > 0 || d.assignments.length > 0);
  const files: ChangedFile[] = [];
  for (const e of wanted) {
    const b = e.base !== undefined ? parse(e.base, baseBlobs.get(e.base)) : {};
    const h = e.head !== undefined ? parse(e.head, headBlobs.get(e.head)) : {};
    const unread = [b.unread, h.unread].filter(Boolean).join('; ');
    // a file that holds no role or assignment on either side is passed over
    if (!holdsAny(b.document) && !holdsAny(h.document) && !unread) continue;
    files.push({
      path: e.head ?? e.base!, ...(e.status === 'renamed' ? { previousPath: e.base } : {}), status: e.status,
      ...(b.document ? { base: b.document } : {}), ...(h.document ? { head: h.document } : {}), ...(unread ? { unread } : {}),
    });
  }

  // the roles assignments name may be defined in files the change does not touch
  const need = needsOtherRoleFiles(catalog, files);
  const others = async (side: Side, wantedHere: boolean): Promise<RoleFile[] | undefined> => {
    if (!wantedHere) return undefined;
    const touched = new Set(wanted.flatMap((e) => [e.base, e.head]));
    const candidates = (await side.list()).filter((p) => isCandidateFile(p) && !touched.has(p) && !p.split('/').some((s) => SKIPPED.has(s)));
    const reader = candidates.some(isBicepFile) && !service.bicep ? createLanguageService(catalog, await bicep.load()) : service;
    // a batch of files at a time: only the files that define roles are kept
    const found: RoleFile[] = [];
    for (let i = 0; i < candidates.length; i += OTHERS_BATCH) {
      const batch = candidates.slice(i, i + OTHERS_BATCH);
      found.push(...readOthers(reader, batch, await side.read(batch)));
    }
    return found;
  };
  const [baseOthers, headOthers] = await Promise.all([others(baseSide, need.base), others(headSide, need.head)]);
  const report = changeReport(catalog, {
    base: { label: mergeBase ? `merge-base ${base} ${head}` : base, commit: baseCommit, ...(baseOthers ? { others: baseOthers } : {}) },
    head: { label: head ?? 'the working tree', ...(headCommit ? { commit: headCommit } : {}), ...(headOthers ? { others: headOthers } : {}) },
    files,
  });
  out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : changeReportMarkdown(report));
  const { grants, takesAway, undetermined } = report.verdict;
  return grants || takesAway || undetermined ? 1 : 0;
}

/**
 * The revisions of `--git`: `<base>` (with the working tree), `<base>..<head>`, or `<base>...<head>`
 * (from the commit where `<head>` left `<base>`, their merge base); as in git, a side left out of a
 * range is HEAD.
 */
function revisionsOf(spec: string, usage: Usage): { base: string; head: string | undefined; mergeBase: boolean } {
  const threeDot = spec.indexOf('...');
  const sides = threeDot >= 0 ? [spec.slice(0, threeDot), spec.slice(threeDot + 3)] : spec.split('..');
  if (sides.length > 2 || sides.every((s) => s === '') || sides.some((s) => s.includes('..'))) {
    throw usage(`--git takes <base>, <base>..<head> or <base>...<head>, not '${spec}'`);
  }
  const base = sides[0] || 'HEAD';
  const head = sides.length === 2 ? sides[1] || 'HEAD' : undefined;
  for (const rev of [base, head]) if (rev?.startsWith('-')) throw usage(`a revision cannot start with '-': '${rev}'`);
  return { base, head, mergeBase: threeDot >= 0 };
}

/** The files of a side that define custom roles. */
function readOthers(service: ReturnType<typeof createLanguageService>, paths: readonly string[], blobs: ReadonlyMap<string, Blob>): RoleFile[] {
  const found: RoleFile[] = [];
  for (const path of paths) {
    const blob = blobs.get(path);
    if (blob?.kind !== 'bytes') continue;
    const text = decodeText(blob.bytes);
    if (text.kind !== 'text' || !MAY_DEFINE_ROLE.test(text.text)) continue;
    const document = service.parse(text.text, isBicepFile(path) ? 'bicep' : 'json');
    if (document.roles.length) found.push({ path, document });
  }
  return found;
}
