#!/usr/bin/env node
// Generates server/data/catalog.json, the compact offline catalog the extension ships, from the
// reference data in ../shared/azure-data (provider-operations.json, builtin-roles.json, SOURCES.md).
//
//   node scripts/build-catalog.mjs            regenerate (needs ../shared/azure-data)
//   node scripts/build-catalog.mjs --check    exit 1 if the committed file differs from a fresh run
//
// The output is committed: nothing at build, run or test time reads ../shared. The file carries an
// integrity hash over its content so a test can tell a hand edit from a generated file.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.env.AZURE_DATA_DIR ?? join(root, '..', 'shared', 'azure-data'));
const output = join(root, 'server', 'data', 'catalog.json');

// Source ids of provider-operations.json, oldest first, with the date each one speaks for.
// `authoritativePlane`: the source says whether a name is a dataAction (a full operation dump or
// the docs tables, which list dataActions apart); the others give names only.
const SOURCES = [
  { id: 'azureservices-2023-08-12', date: '2023-08-12', authoritativePlane: true,
    title: 'Get-AzProviderOperation dump (awsles/AzureServices)' },
  { id: 'azureservices-history-2024-11-22', date: '2024-11-22', authoritativePlane: true,
    title: 'new operations of 2024-11-22, providers from Microsoft.S onwards (awsles/AzureServices)' },
  { id: 'docs-2026-02-23', date: '2026-02-23', authoritativePlane: true,
    title: 'Microsoft Learn "Azure permissions" pages, ms.date 2026-02-23' },
  { id: 'iam-dataset-map-2026-06-14', date: '2026-06-14', authoritativePlane: false,
    title: 'REST-path map of `az provider operation list` names (iann0036/iam-dataset), names only' },
  { id: 'builtin-roles-2026-08-22', date: '2026-08-22', authoritativePlane: false,
    title: 'names used by the built-in roles of 2026-08-22, names only' },
];

// Providers whose whole operation list was checked against the Feb-2026 docs (SOURCES.md,
// "Freshness by provider"). Every other provider is as of 2023-08-12, or 2024-11-22 for the ones
// the 2024 history section covers; both plus names seen in the 2026 map and built-in roles.
const COMPLETE_2026 = new Set(['microsoft.recoveryservices', 'microsoft.resources', 'microsoft.authorization',
  'microsoft.compute', 'microsoft.storage']);
// The 2024 history section is sorted the way the file sorts (ordinal, case-sensitive) and was cut
// before its end; it holds the providers from "Microsoft.S" on.
const HISTORY_FROM = 'Microsoft.S';

const ROLES_DATE = '2026-08-22';

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

function mostCommon(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

function planeOf(op, usage) {
  const authoritative = op.sources.some((s) => SOURCES.find((x) => x.id === s)?.authoritativePlane);
  let action = false;
  let data = false;
  if (authoritative) {
    action = !op.isDataAction || !!op.registeredAsActionAndDataAction;
    data = !!op.isDataAction || !!op.registeredAsActionAndDataAction;
  } else if (op.isDataAction) {
    data = true; // the 2026 map flags a few names as dataActions; absence of the flag says nothing
  }
  if (usage) {
    action ||= usage.action;
    data ||= usage.data;
  }
  if (!action && !data) return '?';
  return (action ? 'a' : '') + (data ? 'd' : '');
}

export function buildCatalog(opsFile, rolesFile) {
  const ops = opsFile.operations;
  // Planes in which the built-in roles use each explicit name: Azure accepted them there.
  const usage = new Map();
  for (const role of rolesFile) {
    for (const block of role.permissions) {
      for (const [key, data] of [['actions', false], ['notActions', false], ['dataActions', true], ['notDataActions', true]]) {
        for (const name of block[key] ?? []) {
          if (name.includes('*')) continue;
          const k = name.toLowerCase();
          const u = usage.get(k) ?? { action: false, data: false };
          if (data) u.data = true; else u.action = true;
          usage.set(k, u);
        }
      }
    }
  }

  // Providers, in the order of their operations (sorted by lower-case name, so each provider's
  // operations are one contiguous run and `Namespace/` prefixes can be found by binary search).
  const byLower = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const sortedOps = [...ops].sort((a, b) => byLower(a.name.toLowerCase(), b.name.toLowerCase()));
  const providers = [];
  const seenProviders = new Set();
  for (const op of sortedOps) {
    const k = op.provider.toLowerCase();
    if (seenProviders.has(k)) continue;
    seenProviders.add(k);
    const spelling = mostCommon(ops.filter((o) => o.provider.toLowerCase() === k).map((o) => o.provider));
    const display = ops.find((o) => o.provider.toLowerCase() === k && o.providerDisplayName)?.providerDisplayName ?? null;
    let completeAsOf = '2023-08-12';
    let coverage = 'partial';
    if (COMPLETE_2026.has(k)) {
      completeAsOf = '2026-02-23';
      coverage = 'complete';
    } else if (spelling >= HISTORY_FROM) {
      completeAsOf = '2024-11-22';
    }
    providers.push([spelling, display, completeAsOf, coverage]);
  }
  // Namespaces that only built-in roles name (in wildcards, or retired providers): Azure accepts
  // them, so they are known providers with no operations on record.
  const roleNamespaces = new Map();
  for (const role of rolesFile) {
    for (const block of role.permissions) {
      for (const name of [...block.actions, ...block.notActions, ...(block.dataActions ?? []), ...(block.notDataActions ?? [])]) {
        const ns = name.split('/')[0];
        if (!ns || ns.includes('*') || !name.includes('/')) continue;
        if (!seenProviders.has(ns.toLowerCase()) && !roleNamespaces.has(ns.toLowerCase())) roleNamespaces.set(ns.toLowerCase(), ns);
      }
    }
  }
  for (const ns of [...roleNamespaces.values()].sort((a, b) => byLower(a.toLowerCase(), b.toLowerCase()))) {
    providers.push([ns, null, ROLES_DATE, 'roles-only']);
  }

  // Operations as columns of one string each: quick to parse, no per-row objects at load.
  const sourceBit = new Map(SOURCES.map((s, i) => [s.id, 1 << i]));
  const resourceNames = [];
  const resourceIndex = new Map();
  const names = [];
  let planes = '';
  let sources = '';
  const descriptions = [];
  const resources = [];
  let inLatestDocs = '';
  for (const op of sortedOps) {
    if (/[\n\r]/.test(op.name)) throw new Error(`operation name with a line break: ${JSON.stringify(op.name)}`);
    names.push(op.name);
    const plane = planeOf(op, usage.get(op.name.toLowerCase()));
    planes += plane === 'ad' ? 'b' : plane;
    let bits = 0;
    for (const s of op.sources) {
      const bit = sourceBit.get(s);
      if (bit === undefined) throw new Error(`unknown source id ${s} on ${op.name}`);
      bits |= bit;
    }
    sources += bits.toString(32);
    descriptions.push((op.description ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim());
    let r = '';
    if (op.resourceDisplayName) {
      let idx = resourceIndex.get(op.resourceDisplayName);
      if (idx === undefined) {
        idx = resourceNames.length;
        resourceIndex.set(op.resourceDisplayName, idx);
        resourceNames.push(op.resourceDisplayName);
      }
      r = idx.toString(36);
    }
    resources.push(r);
    inLatestDocs += op.inLatestDocs === undefined ? '-' : op.inLatestDocs ? '1' : '0';
  }
  const operations = {
    count: sortedOps.length,
    names: names.join('\n'),
    planes,
    sources,
    descriptions: descriptions.join('\n'),
    resources: resources.join(','),
    inLatestDocs,
  };

  const roles = rolesFile.map((r) => [
    r.id, r.roleName, r.description ?? '',
    r.permissions.map((p) => {
      const block = [p.actions ?? [], p.notActions ?? [], p.dataActions ?? [], p.notDataActions ?? []];
      if (p.condition) block.push(p.condition);
      return block;
    }),
  ]);

  const content = {
    format: 1,
    generatedBy: 'scripts/build-catalog.mjs (generated: do not edit by hand)',
    inputs: {
      'provider-operations.json': sha256(JSON.stringify(opsFile)),
      'builtin-roles.json': sha256(JSON.stringify(rolesFile)),
    },
    sources: SOURCES.map((s) => [s.id, s.date, s.title]),
    rolesDate: ROLES_DATE,
    operationColumns: {
      names: 'one per line, sorted by lower-case name',
      planes: "one letter per operation: a action, d dataAction, b both, ? not recorded (names-only sources)",
      sources: 'one base-32 digit per operation: bit i set when sources[i] lists it',
      descriptions: "one per line, '' when none",
      resources: "resource display name index per operation (base 36, comma-separated, '' when none)",
      inLatestDocs: "one character per operation: 1 listed in the Feb-2026 docs, 0 not listed (possibly removed), - not checked",
    },
    providerColumns: ['namespace', 'display name', 'complete as of', 'complete | partial | roles-only (named by built-in roles, no operations on record)'],
    roleColumns: ['id', 'roleName', 'description', 'permissions: [actions, notActions, dataActions, notDataActions, condition?]'],
    providers,
    resourceNames,
    operations,
    roles,
  };
  return { ...content, integrity: sha256(JSON.stringify(content)) };
}

// One line per provider, operation and role, so a regeneration reads well as a diff.
export function serialize(catalog) {
  const lines = ['{'];
  const keys = Object.keys(catalog);
  keys.forEach((key, i) => {
    const value = catalog[key];
    const comma = i < keys.length - 1 ? ',' : '';
    if (key === 'operations') {
      lines.push(`${JSON.stringify(key)}: {`);
      const cols = Object.keys(value);
      cols.forEach((col, j) => lines.push(`${JSON.stringify(col)}: ${JSON.stringify(value[col])}${j < cols.length - 1 ? ',' : ''}`));
      lines.push(`}${comma}`);
    } else if (Array.isArray(value) && value.length > 0 && Array.isArray(value[0])) {
      lines.push(`${JSON.stringify(key)}: [`);
      value.forEach((row, j) => lines.push(JSON.stringify(row) + (j < value.length - 1 ? ',' : '')));
      lines.push(`]${comma}`);
    } else {
      lines.push(`${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

function main() {
  const check = process.argv.includes('--check');
  if (!existsSync(join(input, 'provider-operations.json'))) {
    console.error(`build-catalog: ${input} has no provider-operations.json (set AZURE_DATA_DIR)`);
    process.exit(2);
  }
  const opsFile = JSON.parse(readFileSync(join(input, 'provider-operations.json'), 'utf8'));
  const rolesFile = JSON.parse(readFileSync(join(input, 'builtin-roles.json'), 'utf8'));
  const text = serialize(buildCatalog(opsFile, rolesFile));
  if (check) {
    const current = existsSync(output) ? readFileSync(output, 'utf8') : '';
    if (current !== text) {
      console.error('build-catalog: server/data/catalog.json is stale; run `npm run catalog` and commit it');
      process.exit(1);
    }
    console.log('build-catalog: server/data/catalog.json is up to date');
    return;
  }
  writeFileSync(output, text);
  console.log(`build-catalog: wrote ${output} (${(text.length / 1e6).toFixed(2)} MB)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
