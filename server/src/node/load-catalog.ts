// Reads the bundled catalog from disk, and the user's own `az provider operation list` / `az role
// definition list` files to lay over it. The bundles live in server/out/, the data in
// server/data/; compiled sources (tests) live in out/server/src/node/, so both places are tried.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Catalog, type CatalogData, type LoadedCatalog, type Overlay, catalogSummary, decodeText, mergeCatalogData, readProviderOperations, readRoleDefinitions } from '../core';

export type { LoadedCatalog } from '../core';

let cached: Catalog | undefined;
let bundledData: CatalogData | undefined;

export function catalogPath(): string {
  const candidates = [
    resolve(__dirname, '..', 'data', 'catalog.json'),
    resolve(__dirname, '..', '..', '..', '..', 'server', 'data', 'catalog.json'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`catalog.json not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadCatalogData(path = catalogPath()): CatalogData {
  return JSON.parse(readFileSync(path, 'utf8')) as CatalogData;
}

/** The bundled catalog, loaded once per process. */
export function bundledCatalog(): Catalog {
  cached ??= Catalog.fromData(bundledData ??= loadCatalogData());
  return cached;
}

/**
 * A file of the package, found from the bundles (server/out/) or the compiled sources
 * (out/server/src/node/): docs/rules.md, package.json.
 */
function packagedFile(path: string): string | undefined {
  const candidates = [resolve(__dirname, '..', '..', path), resolve(__dirname, '..', '..', '..', '..', path)];
  return candidates.find((p) => existsSync(p));
}

/** Where the rule documentation ships, for codeDescription.href. */
export function rulesDocPath(): string | undefined {
  return packagedFile('docs/rules.md');
}

/**
 * The link to a rule's section of the documentation (the file's URL worked out once), if it ships.
 * A local file link: for the editor, which opens it on the machine that made it. Reports that
 * leave the machine (the CLI's) use the package-relative reference instead.
 */
export function ruleDocsLink(): ((ruleId: string) => string) | undefined {
  const path = rulesDocPath();
  if (!path) return undefined;
  const base = pathToFileURL(path).href;
  return (ruleId) => `${base}#${ruleId}`;
}

/** The text of the packaged docs/rules.md, if it ships. */
export function readRulesDoc(): string | undefined {
  const path = rulesDocPath();
  try {
    return path ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The package's `homepage`, as its publisher set it in package.json; none when unset. */
export function packageHomepage(): string | undefined {
  const path = packagedFile('package.json');
  try {
    const pkg = path ? (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; homepage?: unknown }) : undefined;
    return pkg?.name === 'azure-backup-rbac' && typeof pkg.homepage === 'string' && pkg.homepage ? pkg.homepage : undefined;
  } catch {
    return undefined;
  }
}

/** Imported files larger than this are refused (100 MB): `az provider operation list` prints about 15 MB. */
const MAX_IMPORT_SIZE = 100 * 1024 * 1024;

export interface CatalogFiles {
  readonly operationsFile?: string;
  readonly rolesFile?: string;
}

export function expandPath(path: string, base?: string): string {
  const home = path.startsWith('~') ? homedir() + path.slice(1) : path;
  return isAbsolute(home) ? home : resolve(base ?? process.cwd(), home);
}

function readJsonFile(path: string): { json: unknown; date: string } | { error: string } {
  let size: number;
  let mtime: Date;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { error: 'not a file' };
    size = st.size;
    mtime = st.mtime;
  } catch {
    return { error: 'no such file' };
  }
  if (size > MAX_IMPORT_SIZE) return { error: `${(size / 1048576).toFixed(0)} MB is too large for a catalog file` };
  try {
    // as written: UTF-8, or UTF-16 with a BOM (Windows PowerShell's `az … > file`)
    const read = decodeText(readFileSync(path));
    if (read.kind !== 'text') return { error: 'not JSON (a binary file)' };
    return { json: JSON.parse(read.text.replace(/^\ufeff/, '')), date: mtime.toISOString().slice(0, 10) };
  } catch (e) {
    // where it fails, but not what the file holds: the setting may name any file
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    return { error: at ? `not JSON (invalid at character ${at})` : 'not JSON' };
  }
}

/** The bundled catalog with the user's files laid over it; a bad file is reported and left out. */
export function loadCatalog(files: CatalogFiles): LoadedCatalog {
  const base = bundledCatalog();
  if (!files.operationsFile && !files.rolesFile) return { catalog: base, errors: [], summary: catalogSummary(base) };
  const overlay: { -readonly [K in keyof Overlay]: Overlay[K] } = {};
  const errors: string[] = [];
  const read = <T>(file: string | undefined, what: 'operations' | 'roles', parse: (json: unknown) => { ok: true; value: T } | { ok: false; error: string }) => {
    if (!file) return undefined;
    const got = readJsonFile(file);
    const parsed = 'json' in got ? parse(got.json) : undefined;
    if ('error' in got) errors.push(`${file}: ${got.error}; the bundled ${what} stay in use.`);
    else if (parsed && !parsed.ok) errors.push(`${file}: ${parsed.error}; the bundled ${what} stay in use.`);
    else if (parsed?.ok) return { data: parsed.value, file: basename(file), date: got.date };
    return undefined;
  };
  const operations = read(files.operationsFile, 'operations', readProviderOperations);
  const roles = read(files.rolesFile, 'roles', readRoleDefinitions);
  if (operations) overlay.operations = operations;
  if (roles) overlay.roles = roles;
  if (!overlay.operations && !overlay.roles) return { catalog: base, errors, summary: catalogSummary(base) };
  const catalog = Catalog.fromData(mergeCatalogData(bundledData ??= loadCatalogData(), overlay));
  return { catalog, errors, summary: catalogSummary(catalog) };
}
