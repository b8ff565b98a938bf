// The `azureBackupRbac.*` settings as the server and the CLI read them, with defaults and validation: a
// setting of the wrong type falls back to its default rather than breaking the server.
import type { RuleSetting } from './analyze';
import { ALL_CODES } from './codes';

export interface Settings {
  readonly enable: boolean;
  /** per-rule severity; rules not named keep their default */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** check role files of the workspace that are not open */
  readonly scanWorkspace: boolean;
  /** file glob → backup operation ids the roles of matching files are meant for */
  readonly backupOperations: Readonly<Record<string, readonly string[]>>;
  /** show the Azure Backup code lens over each role */
  readonly codeLens: boolean;
  /** globs of files to check (relative to the workspace folder); empty: every JSON file */
  readonly include: readonly string[];
  /** globs of files never to check */
  readonly exclude: readonly string[];
  /** files larger than this many bytes are not checked; one note says so */
  readonly maxFileSize: number;
  /** the user's own `az provider operation list` / `az role definition list` files, laid over the bundled catalog */
  readonly catalog: { readonly operationsFile?: string; readonly rolesFile?: string };
}

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

export const DEFAULT_SETTINGS: Settings = {
  enable: true, rules: {}, scanWorkspace: true, backupOperations: {}, codeLens: true, include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, catalog: {},
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']); // 'default' and anything else: the rule's own

export function readSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (ALL_CODES.includes(id) && typeof level === 'string' && LEVELS.has(level)) rules[id] = level as RuleSetting;
    }
  }
  const backupOperations: Record<string, string[]> = {};
  if (r.backupOperations && typeof r.backupOperations === 'object' && !Array.isArray(r.backupOperations)) {
    for (const [glob, ids] of Object.entries(r.backupOperations as Record<string, unknown>)) {
      const list = typeof ids === 'string' ? [ids] : Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
      if (list.length) backupOperations[glob] = list;
    }
  }
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    rules,
    scanWorkspace: typeof r.scanWorkspace === 'boolean' ? r.scanWorkspace : DEFAULT_SETTINGS.scanWorkspace,
    backupOperations,
    codeLens: typeof r.codeLens === 'boolean' ? r.codeLens : DEFAULT_SETTINGS.codeLens,
    include: strings((r.files as Record<string, unknown> | undefined)?.include ?? r['files.include']),
    exclude: strings((r.files as Record<string, unknown> | undefined)?.exclude ?? r['files.exclude']),
    maxFileSize: typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : DEFAULT_MAX_FILE_SIZE,
    catalog: catalogFiles(r),
  };
}

function catalogFiles(r: Record<string, unknown>): Settings['catalog'] {
  const c = (r.catalog && typeof r.catalog === 'object' ? r.catalog : {}) as Record<string, unknown>;
  const operationsFile = c.operationsFile ?? r['catalog.operationsFile'];
  const rolesFile = c.rolesFile ?? r['catalog.rolesFile'];
  return {
    ...(typeof operationsFile === 'string' && operationsFile.trim() ? { operationsFile: operationsFile.trim() } : {}),
    ...(typeof rolesFile === 'string' && rolesFile.trim() ? { rolesFile: rolesFile.trim() } : {}),
  };
}

/**
 * The `azureBackupRbac` section of a VS Code settings file (JSONC already parsed): dotted keys
 * ("azureBackupRbac.rules") or a nested object, as VS Code accepts both.
 */
export function settingsFromFile(content: unknown): Settings {
  if (!content || typeof content !== 'object') return DEFAULT_SETTINGS;
  const c = content as Record<string, unknown>;
  const section: Record<string, unknown> = { ...(typeof c.azureBackupRbac === 'object' && c.azureBackupRbac ? c.azureBackupRbac as Record<string, unknown> : {}) };
  for (const [key, value] of Object.entries(c)) if (key.startsWith('azureBackupRbac.')) section[key.slice('azureBackupRbac.'.length)] = value;
  return readSettings(section);
}
