// A least-privilege role from what a principal actually did: the activity log as
// `az monitor activity-log list` writes it (JSON events), or the Log Analytics `AzureActivity`
// table exported as JSON (rows by column name, or a query's tables) or CSV. The distinct
// `authorization.action` of one caller's succeeded calls become the role's actions; its
// assignable scopes are the narrowest scopes that hold those calls (per subscription, no narrower
// than a resource group, which is as far as a custom role's scopes go), and each action's own
// narrowest scope is told as where to assign. The activity log records no reads (GET), so reads
// are added only where an Azure Backup requirement that names a written operation names them, and
// the result says which and why. Operations the catalog does not know are kept (Azure authorized
// them) and listed. Malformed input is a problem naming its line, never an exception.
import { type Node, type ParseError, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Catalog } from '../../catalog/catalog';
import { backupCatalogFor, WORKLOAD_SHORT } from '../../catalog/backup/backup-catalog';
import type { Workload } from '../../catalog/backup/backup-operations';
import { LineIndex } from '../model/line-index';
import { count } from '../messages';
import { type RoleFormat, type RoleSpec, writeRole } from './role-writer';

/** One event of the log, as far as a role needs it. */
export interface LogEvent {
  /** the line of the text it starts on (1-based) */
  readonly line: number;
  /** the operation Azure authorized (`authorization.action`, else the operation's name) */
  readonly action: string | undefined;
  /** the resource or scope it acted on */
  readonly scope: string | undefined;
  /** the caller as the log names it (a UPN, or an object or application id) */
  readonly caller: string | undefined;
  /** every id the caller goes by in the event, lower-cased: the caller, its object id, its application id, its UPN */
  readonly callerIds: readonly string[];
  readonly status: 'succeeded' | 'failed' | 'other';
  /** lower-cased category (administrative, policy, …), when given */
  readonly category: string | undefined;
  readonly time: string | undefined;
}

export interface LoggedOperation {
  /** the catalog's spelling when it knows the operation, else the log's */
  readonly name: string;
  readonly calls: number;
  /** the narrowest scope that holds all its calls, no narrower than a top-level resource (a vault, a storage account) */
  readonly scope: string | undefined;
  readonly known: boolean;
}

/** A read the log cannot show, added because a Backup requirement of a written operation names it. */
export interface AddedRead {
  readonly name: string;
  readonly data: boolean;
  /** the written operations of the log whose requirements name it */
  readonly because: readonly string[];
  /** the Backup operations ("On-demand backup (Azure VM)") those requirements belong to */
  readonly for: readonly string[];
  /** where the requirements need it ("the Recovery Services vault") */
  readonly where: readonly string[];
}

export interface ActivityLogRole {
  readonly kind: 'role';
  readonly role: RoleSpec;
  readonly caller: string | undefined;
  /** the succeeded calls the role is made from */
  readonly calls: number;
  readonly operations: readonly LoggedOperation[];
  /** operations of the log the catalog does not know (kept in the role) */
  readonly unknown: readonly string[];
  readonly readsAdded: readonly AddedRead[];
  /** operations the caller tried and that never succeeded (left out) */
  readonly failedOnly: readonly { readonly name: string; readonly calls: number }[];
  /** events passed over, by why */
  readonly skipped: { readonly failed: number; readonly unfinished: number; readonly otherCallers: number; readonly otherCategories: number; readonly noOperation: number };
  /** where to assign the role: each scope (no narrower than a top-level resource) with the operations that need it there */
  readonly assignAt: readonly { readonly scope: string; readonly operations: readonly string[] }[];
}

/** The log cannot be read: `line` is where (1-based). */
export interface ActivityLogInvalid {
  readonly kind: 'invalid';
  readonly message: string;
  readonly line?: number;
}

/** The log holds calls by several callers and none was chosen; or the chosen one made no call. */
export interface ActivityLogCallers {
  readonly kind: 'choose-caller';
  readonly message: string;
  /** each caller with its succeeded calls, most first */
  readonly callers: readonly { readonly caller: string; readonly calls: number }[];
}

/** Nothing to make a role from (no succeeded call). */
export interface ActivityLogEmpty {
  readonly kind: 'empty';
  readonly message: string;
}

export type ActivityLogResult = ActivityLogRole | ActivityLogInvalid | ActivityLogCallers | ActivityLogEmpty;

export interface ActivityLogOptions {
  /** the caller whose calls make the role: a UPN, an object id or an application id (any case) */
  readonly caller?: string;
  /** the role's name (default: "Activity of <caller>") */
  readonly name?: string;
}

// ---- reading the text ----

const OID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const UPN_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';

type Json = unknown;

/** A property of an object by any of its names, in any case. */
function field(object: Json, ...names: string[]): Json {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  const record = object as Record<string, Json>;
  for (const name of names) {
    if (name in record) return record[name];
    const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return record[key];
  }
  return undefined;
}

/** A string, or the `value` of a `{ value, localizedValue }` pair, which the log writes for names and states. */
function text(value: Json): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  const inner = field(value, 'value');
  return typeof inner === 'string' ? inner.trim() || undefined : undefined;
}

/** An object, or the JSON text of one (Log Analytics keeps Authorization and Claims as strings). */
function objectOf(value: Json): Json {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    return undefined;
  }
}

function statusOf(value: string | undefined): LogEvent['status'] {
  const lower = value?.toLowerCase();
  if (lower === 'succeeded' || lower === 'success') return 'succeeded';
  if (lower === 'failed' || lower === 'failure') return 'failed';
  return 'other';
}

/** An event of either schema (the activity log's camelCase, AzureActivity's columns) read into a LogEvent. */
function eventOf(record: Json, line: number): LogEvent {
  const authorization = objectOf(field(record, 'authorization_d', 'authorization'));
  const claims = objectOf(field(record, 'claims_d', 'claims'));
  const caller = text(field(record, 'caller'));
  const ids = [caller, text(field(claims, OID_CLAIM)), text(field(claims, 'appid')), text(field(claims, UPN_CLAIM))]
    .filter((x): x is string => x !== undefined).map((x) => x.toLowerCase());
  return {
    line,
    action: text(field(authorization, 'action')) ?? text(field(record, 'operationNameValue', 'operationName')),
    scope: text(field(authorization, 'scope')) ?? text(field(record, 'resourceId', '_ResourceId')),
    caller,
    callerIds: [...new Set(ids)],
    status: statusOf(text(field(record, 'activityStatusValue', 'status', 'activityStatus'))),
    category: text(field(record, 'categoryValue', 'category'))?.toLowerCase(),
    time: text(field(record, 'eventTimestamp', 'TimeGenerated', 'submissionTimestamp')),
  };
}

/** The rows of a Log Analytics query answer ({ tables: [{ columns, rows }] }) as objects by column name. */
function rowsOfTables(tables: Json): Json[] | undefined {
  if (!Array.isArray(tables)) return undefined;
  const rows: Json[] = [];
  for (const table of tables) {
    const columns = field(table, 'columns');
    const values = field(table, 'rows');
    if (!Array.isArray(columns) || !Array.isArray(values)) return undefined;
    const names = columns.map((c) => text(field(c, 'name')) ?? '');
    for (const row of values) if (Array.isArray(row)) rows.push(Object.fromEntries(names.map((n, i) => [n, row[i] as Json])));
  }
  return rows;
}

function readJson(source: string): LogEvent[] | ActivityLogInvalid {
  const lines = new LineIndex(source);
  const lineAt = (offset: number) => lines.positionAt(offset).line + 1;
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: true });
  } catch {
    return { kind: 'invalid', message: 'the log is nested too deeply to read', line: 1 };
  }
  if (errors.length > 0 || !root) {
    const first = errors[0];
    return { kind: 'invalid', message: `not valid JSON: ${first ? printParseErrorCode(first.error) : 'empty'}`, line: first ? lineAt(first.offset) : 1 };
  }
  // an array of events, a REST page of them ({ value: [...] }), or a Log Analytics answer ({ tables })
  let elements: Node[] | undefined;
  if (root.type === 'array') elements = root.children ?? [];
  else if (root.type === 'object') {
    const value = root.children?.find((p) => p.children?.[0].value === 'value')?.children?.[1];
    if (value?.type === 'array') elements = value.children ?? [];
    const tables = root.children?.find((p) => p.children?.[0].value === 'tables')?.children?.[1];
    if (tables) {
      const rows = rowsOfTables(getNodeValue(tables));
      if (!rows) return { kind: 'invalid', message: "'tables' is not a Log Analytics answer (tables of columns and rows)", line: lineAt(tables.offset) };
      return rows.map((r) => eventOf(r, lineAt(tables.offset)));
    }
  }
  if (!elements) return { kind: 'invalid', message: 'not an activity log: expected an array of events (az monitor activity-log list) or of AzureActivity rows', line: lineAt(root.offset) };
  const events: LogEvent[] = [];
  for (const element of elements) {
    if (element.type !== 'object') return { kind: 'invalid', message: `an event is an object, not ${element.type === 'array' ? 'an array' : `a ${element.type}`}`, line: lineAt(element.offset) };
    events.push(eventOf(getNodeValue(element), lineAt(element.offset)));
  }
  return events;
}

/** CSV as RFC 4180 writes it (quoted fields may hold commas, doubled quotes and line breaks): the header, then rows with their lines. */
function readCsvRows(source: string): { header: string[]; rows: { line: number; cells: string[] }[] } | ActivityLogInvalid {
  const rows: { line: number; cells: string[] }[] = [];
  let line = 1;
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < source.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (source[i] === '"') {
        i++;
        for (;;) {
          if (i >= source.length) return { kind: 'invalid', message: 'a quoted CSV field is never closed', line: start };
          const c = source[i];
          if (c === '"') {
            if (source[i + 1] === '"') { cell += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        if (i < source.length && source[i] !== ',' && source[i] !== '\n' && source[i] !== '\r') {
          return { kind: 'invalid', message: 'text after the closing quote of a CSV field', line };
        }
      } else {
        while (i < source.length && source[i] !== ',' && source[i] !== '\n' && source[i] !== '\r') {
          if (source[i] === '"') return { kind: 'invalid', message: 'a quote inside an unquoted CSV field', line };
          cell += source[i++];
        }
      }
      cells.push(cell);
      if (source[i] === ',') { i++; continue; }
      break;
    }
    if (source[i] === '\r') i++;
    if (source[i] === '\n') i++;
    // a blank line (the end of the file, mostly) is no row
    if (!(cells.length === 1 && cells[0].trim() === '')) rows.push({ line: start, cells });
    line++;
  }
  if (rows.length === 0) return { kind: 'invalid', message: 'the CSV file is empty', line: 1 };
  const [header, ...body] = rows;
  for (const row of body) {
    if (row.cells.length !== header.cells.length) {
      return { kind: 'invalid', message: `a CSV row of ${count(row.cells.length, 'field')} under a header of ${header.cells.length}`, line: row.line };
    }
  }
  // the portal's export writes a column's unit after its name: "TimeGenerated [UTC]"
  return { header: header.cells.map((c) => c.trim().replace(/\s*\[[^\]]*\]$/, '')), rows: body };
}

function readCsv(source: string): LogEvent[] | ActivityLogInvalid {
  const table = readCsvRows(source);
  if ('kind' in table) return table;
  const known = table.header.map((h) => h.toLowerCase());
  if (!known.some((h) => ['operationnamevalue', 'operationname', 'authorization', 'authorization_d'].includes(h))) {
    return { kind: 'invalid', message: 'not an AzureActivity export: the CSV header has no OperationNameValue or Authorization column', line: 1 };
  }
  return table.rows.map((row) => eventOf(Object.fromEntries(table.header.map((h, i) => [h, row.cells[i]])), row.line));
}

/** The events of a log, JSON or CSV (told by its first character); or why it cannot be read. */
export function readActivityLog(source: string): LogEvent[] | ActivityLogInvalid {
  const first = /\S/.exec(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source)?.[0];
  if (first === undefined) return { kind: 'invalid', message: 'the log is empty', line: 1 };
  return first === '[' || first === '{' ? readJson(source) : readCsv(source);
}

// ---- scopes ----

function segmentsOf(scope: string): string[] {
  return scope.split('/').filter((s) => s.length > 0);
}

/**
 * The longest scope Azure can assign at within the segments: pairs of key and name
 * (subscriptions/…, resourceGroups/…, providers/<namespace>, <type>/<name>…), never ending at
 * `providers/<namespace>` alone.
 */
function scopeBoundary(segments: readonly string[]): string[] {
  let n = segments.length - (segments.length % 2);
  if (n >= 2 && segments[n - 2].toLowerCase() === 'providers') n -= 2;
  return segments.slice(0, n);
}

/** The narrowest scope holding every one of the scopes (segments compared without regard to case), '/' when none is shared. */
export function commonScope(scopes: readonly string[]): string {
  if (scopes.length === 0) return '/';
  let shared = segmentsOf(scopes[0]);
  for (const scope of scopes.slice(1)) {
    const other = segmentsOf(scope);
    let k = 0;
    while (k < shared.length && k < other.length && shared[k].toLowerCase() === other[k].toLowerCase()) k++;
    shared = shared.slice(0, k);
  }
  return '/' + scopeBoundary(shared).join('/');
}

/** A scope as a custom role's assignable scope: a management group, a subscription or a resource group. */
function assignable(scope: string): string {
  const segments = segmentsOf(scope);
  if (segments[0]?.toLowerCase() !== 'subscriptions') return '/' + segments.slice(0, 4).join('/');
  return '/' + segments.slice(0, segments[2]?.toLowerCase() === 'resourcegroups' ? 4 : 2).join('/');
}

/** A scope no narrower than the top-level resource it lies in (a vault, not its protected item or recovery point). */
function topLevel(scope: string): string {
  const segments = segmentsOf(scope);
  const providers = segments.findIndex((s) => s.toLowerCase() === 'providers');
  return providers < 0 || segments.length <= providers + 4 ? scope : '/' + segments.slice(0, providers + 4).join('/');
}

/** The subscription (or management group) a scope lies in, lower-cased, for grouping. */
function rootOf(scope: string): string {
  const segments = segmentsOf(scope);
  return (segments[0]?.toLowerCase() === 'subscriptions' ? segments.slice(0, 2) : segments.slice(0, 4)).join('/').toLowerCase();
}

// ---- the role ----

function callerLabel(event: LogEvent): string | undefined {
  return event.caller ?? event.callerIds[0];
}

/** Each caller of the events with its succeeded calls, most first. */
function callersOf(events: readonly LogEvent[]): { caller: string; calls: number }[] {
  const calls = new Map<string, { caller: string; calls: number }>();
  for (const e of events) {
    const label = callerLabel(e);
    if (label === undefined) continue;
    const entry = calls.get(label.toLowerCase()) ?? { caller: label, calls: 0 };
    if (e.status === 'succeeded') entry.calls++;
    calls.set(label.toLowerCase(), entry);
  }
  return [...calls.values()].sort((a, b) => b.calls - a.calls || a.caller.localeCompare(b.caller));
}

function isRead(name: string): boolean {
  return /\/read$/i.test(name);
}

/**
 * The Backup workload a scope's protected item or container belongs to, by the names Azure Backup
 * gives them (`VM;iaasvmcontainerv2;…`, `AzureFileShare;…`, `SQLDataBase;…`); undefined when the
 * scope does not tell.
 */
function workloadOf(scope: string): Workload | undefined {
  const lower = scope.toLowerCase();
  const name = (kind: string) => new RegExp(`/${kind}/([^/]+)`).exec(lower)?.[1];
  const item = name('protecteditems');
  const container = name('protectioncontainers');
  if (item?.startsWith('vm;') || container?.startsWith('iaasvmcontainer')) return 'vm';
  if (item?.startsWith('azurefileshare;') || container?.startsWith('storagecontainer;')) return 'file-share';
  if (item?.startsWith('sqldatabase;') || item?.startsWith('saphanadatabase;') || container?.startsWith('vmappcontainer;')) return 'sql-hana';
  return undefined;
}

/**
 * The reads Backup requirements name for the written operations. A requirement counts when it
 * names a written operation, the log holds every other write it needs too (the operation was
 * done), and, where the calls' scopes tell the workload (a VM's protected item), it is of that
 * workload. Each read comes with why.
 */
function readsFor(catalog: Catalog, written: ReadonlyMap<string, ReadonlySet<Workload> | undefined>, held: ReadonlySet<string>): AddedRead[] {
  const backup = backupCatalogFor(catalog);
  const added = new Map<string, { name: string; data: boolean; because: Set<string>; for: Set<string>; where: Set<string> }>();
  for (const [name, workloads] of written) {
    const done = backup.needing(name).filter((info) => {
      const needed = info.requirement.permissions.filter((p) => !p.optional);
      return needed.some((p) => backup.lower(p) === name) && needed.every((p) => isRead(p.name) || written.has(backup.lower(p)))
        && (!workloads || workloads.has(info.operation.workload));
    });
    for (const info of done) {
      for (const p of info.requirement.permissions) {
        const lower = backup.lower(p);
        if (p.optional || !isRead(p.name) || held.has(lower)) continue;
        const entry = added.get(lower) ?? { name: catalog.operation(p.name)?.name ?? p.name, data: !!p.data, because: new Set(), for: new Set(), where: new Set() };
        entry.because.add(catalog.operation(name)?.name ?? name);
        entry.for.add(`${info.operation.title} (${WORKLOAD_SHORT[info.operation.workload]})`);
        entry.where.add(info.requirement.where);
        added.set(lower, entry);
      }
    }
  }
  return [...added.values()].sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => ({ name: r.name, data: r.data, because: [...r.because], for: [...r.for], where: [...r.where] }));
}

/** The role made from a log's text. */
export function roleFromActivityLog(catalog: Catalog, source: string, options: ActivityLogOptions = {}): ActivityLogResult {
  const read = readActivityLog(source);
  if (!Array.isArray(read)) return read;
  const skipped = { failed: 0, unfinished: 0, otherCallers: 0, otherCategories: 0, noOperation: 0 };
  // the Administrative category records what principals do; Policy, Security, ServiceHealth… do not
  const events = read.filter((e) => {
    if (!e.action) skipped.noOperation++;
    else if (e.category !== undefined && e.category !== 'administrative') skipped.otherCategories++;
    else return true;
    return false;
  });
  const callers = callersOf(events);
  let mine = events;
  if (options.caller !== undefined) {
    const wanted = options.caller.trim().toLowerCase();
    mine = events.filter((e) => e.callerIds.includes(wanted));
    skipped.otherCallers = events.length - mine.length;
    if (!mine.some((e) => e.status === 'succeeded')) {
      return { kind: 'choose-caller', callers, message: `no succeeded call by '${options.caller}' in the log${callers.length ? `; its callers: ${callers.map((c) => `${c.caller} (${count(c.calls, 'succeeded call')})`).join(', ')}` : ''}` };
    }
  } else if (callers.filter((c) => c.calls > 0).length > 1) {
    // callers whose every call failed leave nothing to choose
    const active = callers.filter((c) => c.calls > 0);
    return { kind: 'choose-caller', callers: active, message: `the log holds calls by ${active.length} callers (${active.map((c) => `${c.caller}: ${count(c.calls, 'succeeded call')}`).join(', ')}); name one with --caller` };
  }
  const succeeded = mine.filter((e) => e.status === 'succeeded');
  if (succeeded.length === 0) {
    return { kind: 'empty', message: `no succeeded call in the log (of ${count(read.length, 'event')}, ${count(mine.filter((e) => e.status === 'failed').length, 'failed call')})` };
  }
  // the caller as the log names it (its UPN, where the option gave its object id)
  const caller = succeeded.map(callerLabel).find((c) => c !== undefined) ?? options.caller;

  // the operations, by lower-cased name, with their calls' scopes
  const byName = new Map<string, { name: string; calls: number; scopes: string[]; known: boolean; data: boolean }>();
  for (const e of succeeded) {
    const lower = e.action!.toLowerCase();
    const op = catalog.operationLower(lower);
    const entry = byName.get(lower) ?? { name: op?.name ?? e.action!, calls: 0, scopes: [], known: !!op, data: op?.planes === 'd' };
    entry.calls++;
    if (e.scope) entry.scopes.push(e.scope);
    byName.set(lower, entry);
  }
  const failedNames = new Map<string, { name: string; calls: number }>();
  for (const e of mine) {
    if (e.status === 'failed') skipped.failed++;
    else if (e.status === 'other') skipped.unfinished++;
    const lower = e.action!.toLowerCase();
    if (e.status !== 'failed' || byName.has(lower)) continue;
    const entry = failedNames.get(lower) ?? { name: catalog.operationLower(lower)?.name ?? e.action!, calls: 0 };
    entry.calls++;
    failedNames.set(lower, entry);
  }

  const entries = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  // each written operation with the Backup workloads its calls' scopes tell (undefined: some call does not tell)
  const written = new Map<string, ReadonlySet<Workload> | undefined>();
  for (const [lower, entry] of byName) {
    if (isRead(lower)) continue;
    const workloads = entry.scopes.map(workloadOf);
    written.set(lower, entry.scopes.length && workloads.every((w) => w !== undefined) ? new Set(workloads as Workload[]) : undefined);
  }
  const readsAdded = readsFor(catalog, written, new Set(byName.keys()));
  const actions = [...entries.filter((e) => !e.data).map((e) => e.name), ...readsAdded.filter((r) => !r.data).map((r) => r.name)].sort((a, b) => a.localeCompare(b));
  const dataActions = [...entries.filter((e) => e.data).map((e) => e.name), ...readsAdded.filter((r) => r.data).map((r) => r.name)].sort((a, b) => a.localeCompare(b));

  // assignable scopes: per subscription, the narrowest scope holding its calls, no narrower than a resource group
  const scopes = succeeded.map((e) => e.scope).filter((s): s is string => s !== undefined);
  const byRoot = new Map<string, string[]>();
  for (const s of scopes) byRoot.set(rootOf(s), [...(byRoot.get(rootOf(s)) ?? []), s]);
  const assignableScopes = [...byRoot.values()].map((list) => assignable(commonScope(list))).filter((s) => s !== '/');

  const operations: LoggedOperation[] = entries.map((e) => ({ name: e.name, calls: e.calls, scope: e.scopes.length ? topLevel(commonScope(e.scopes)) : undefined, known: e.known }));
  const assignAt = new Map<string, { scope: string; operations: string[] }>();
  for (const o of operations) {
    if (!o.scope) continue;
    const group = assignAt.get(o.scope.toLowerCase()) ?? { scope: o.scope, operations: [] };
    group.operations.push(o.name);
    assignAt.set(o.scope.toLowerCase(), group);
  }

  const times = succeeded.map((e) => e.time).filter((t): t is string => t !== undefined).sort();
  const [first, last] = [times[0]?.slice(0, 10), times[times.length - 1]?.slice(0, 10)];
  const period = first ? (first === last ? `, ${first}` : `, ${first} to ${last}`) : '';
  const who = caller ?? 'the caller';
  return {
    kind: 'role',
    role: {
      name: options.name ?? `Activity of ${who}`,
      description: `What ${who} did, from the activity log (${count(succeeded.length, 'succeeded call')}${period})`
        + (readsAdded.length ? `, with the reads its Azure Backup operations need` : ''),
      actions, notActions: [], dataActions, notDataActions: [],
      assignableScopes: assignableScopes.length ? assignableScopes : ['/subscriptions/{subscriptionId}'],
    },
    caller, calls: succeeded.length, operations,
    unknown: entries.filter((e) => !e.known).map((e) => e.name),
    readsAdded,
    failedOnly: [...failedNames.values()].sort((a, b) => a.name.localeCompare(b.name)),
    skipped,
    assignAt: [...assignAt.values()].sort((a, b) => a.scope.localeCompare(b.scope)),
  };
}

/** What the role leaves to the reader, one line each: the CLI prints them beside the role, the editor shows them. */
export function activityLogNotes(result: ActivityLogRole, catalog: Catalog): string[] {
  const notes: string[] = [];
  notes.push(`${count(result.operations.length, 'operation')} from ${count(result.calls, 'succeeded call')} by ${result.caller ?? 'the caller'}.`);
  for (const name of result.unknown) notes.push(`not in the catalog of ${catalog.date}, kept as the log writes it: ${name}`);
  for (const r of result.readsAdded) {
    notes.push(`read added (the activity log records no reads): ${r.name}, which ${r.for.join(', ')} needs${r.where.length ? ` at ${r.where.join(' / ')}` : ''}, for ${r.because.join(', ')}`);
  }
  if (result.readsAdded.length === 0) notes.push('no read added: no Azure Backup requirement of these operations names one (the activity log records no reads; add those the principal needs)');
  for (const f of result.failedOnly) notes.push(`left out, it never succeeded: ${f.name} (${count(f.calls, 'failed call')})`);
  for (const a of result.assignAt) notes.push(`assign at ${a.scope}: ${a.operations.join(', ')}`);
  if (result.role.assignableScopes.some((s) => s.includes('{'))) notes.push('the log names no scope: set AssignableScopes before creating the role');
  const { failed, unfinished, otherCallers, otherCategories, noOperation } = result.skipped;
  const passed = [
    failed && count(failed, 'failed call'), unfinished && count(unfinished, 'unfinished event') + ' (started, accepted)',
    otherCallers && count(otherCallers, 'event') + ' of other callers', otherCategories && count(otherCategories, 'event') + ' not administrative',
    noOperation && count(noOperation, 'event') + ' naming no operation',
  ].filter((x): x is string => !!x);
  if (passed.length) notes.push(`passed over: ${passed.join(', ')}`);
  return notes;
}

/** What the editor's "New Least-Privilege Role from Activity Log…" shows: the role's text with its notes, or why there is none. */
export type ActivityLogAnswer =
  | { readonly kind: 'role'; readonly text: string; readonly language: 'json' | 'bicep'; readonly name: string; readonly notes: readonly string[] }
  | ActivityLogCallers
  | { readonly kind: 'problem'; readonly message: string };

/** The role from a log's text, written in the format, for the editor. */
export function activityLogAnswer(catalog: Catalog, source: string, options: ActivityLogOptions & { readonly format: RoleFormat }): ActivityLogAnswer {
  const result = roleFromActivityLog(catalog, source, options);
  switch (result.kind) {
    case 'role': return { kind: 'role', text: writeRole(result.role, options.format), language: options.format === 'bicep' ? 'bicep' : 'json', name: result.role.name, notes: activityLogNotes(result, catalog) };
    case 'choose-caller': return result;
    case 'invalid': return { kind: 'problem', message: result.line === undefined ? result.message : `line ${result.line}: ${result.message}` };
    case 'empty': return { kind: 'problem', message: result.message };
  }
}
