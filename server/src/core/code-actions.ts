// Quick fixes, chosen by diagnostic code and built from diagnostic data (never the message), and
// checked against the document as it is now: a stale diagnostic yields no edit.
import type { Catalog } from '../catalog/catalog';
import { type AnalyzeOptions, analyze } from './analyze';
import { type OffsetEdit, insertIntoList, insertPropertyAfter, removeFromArray } from './edits';
import { type PrincipalTypeData, id as PRINCIPAL_TYPE } from './rules/missing-principal-type';
import { type UnknownRoleData, id as UNKNOWN_ROLE } from './rules/unknown-role-definition';
import type { ListKey, PermissionBlockModel, RoleDefinition, RoleDocument } from './role-document';
import { type BlockerData, type MissingData, id as MISSING, targetList } from './rules/missing-operation-permissions';
import type { Diagnostic } from './types';

export const FIX_ALL_KIND = 'source.fixAll.azureBackupRbac';
export const QUICK_FIX_KIND = 'quickfix';

export interface CodeActionResult {
  readonly title: string;
  readonly kind: string;
  readonly diagnostics?: readonly Diagnostic[];
  readonly isPreferred?: boolean;
  readonly edits: readonly OffsetEdit[];
}

function roleAt(document: RoleDocument, offset: number): RoleDefinition | undefined {
  // the innermost role whose object holds the offset
  let found: RoleDefinition | undefined;
  for (const role of document.roles) {
    const n = role.resource ?? role.node;
    if (offset >= n.offset && offset <= n.offset + n.length && (!found || n.offset >= (found.resource ?? found.node).offset)) found = role;
  }
  return found;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Insertions of permission names into a role's allow lists, merged per list. */
function additions(document: RoleDocument, wanted: readonly { role: RoleDefinition; names: readonly { name: string; data?: boolean }[] }[]): { edits: OffsetEdit[]; added: number } {
  const perList = new Map<PermissionBlockModel, Map<ListKey, Set<string>>>();
  for (const { role, names } of wanted) {
    for (const n of names) {
      const target = targetList(role, !!n.data);
      if (!target) continue;
      const lists = perList.get(target.block) ?? new Map<ListKey, Set<string>>();
      const set = lists.get(target.key) ?? new Set<string>();
      set.add(n.name);
      lists.set(target.key, set);
      perList.set(target.block, lists);
    }
  }
  const edits: OffsetEdit[] = [];
  let added = 0;
  for (const [block, lists] of perList) {
    for (const [key, names] of lists) {
      const present = new Set(block.lists[key].items.map((i) => i.value.toLowerCase()));
      const e = insertIntoList(document, block, key, [...names]);
      if (!e) continue;
      edits.push(...e);
      added += [...names].filter((n) => !present.has(n.toLowerCase())).length;
    }
  }
  return { edits, added };
}

export function codeActions(
  document: RoleDocument,
  catalog: Catalog,
  diagnostics: readonly Diagnostic[],
  options: { only?: readonly string[]; analyze?: AnalyzeOptions } = {},
): CodeActionResult[] {
  const wants = (kind: string) => !options.only?.length || options.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeActionResult[] = [];
  if (wants(QUICK_FIX_KIND)) {
    for (const d of diagnostics) {
      if (d.code === UNKNOWN_ROLE) actions.push(...unknownRoleFixes(document, d));
      if (d.code === PRINCIPAL_TYPE) actions.push(...principalTypeFixes(document, d));
      if (d.code !== MISSING || !d.data) continue;
      const offset = document.lines.offsetAt(d.range.start);
      const role = roleAt(document, offset);
      if (!role) continue;
      const data = d.data as MissingData | BlockerData;
      if (data.kind === 'missing') {
        const { edits, added } = additions(document, [{ role, names: data.addable }]);
        if (added === 0) continue;
        actions.push({
          title: `Add the ${added === 1 ? 'missing permission' : `${added} missing permissions`} for ${data.title}`,
          kind: QUICK_FIX_KIND, diagnostics: [d], isPreferred: true, edits,
        });
      } else if (data.kind === 'blocker') {
        for (const block of role.blocks) {
          for (const key of ['notActions', 'notDataActions'] as const) {
            const list = block.lists[key];
            const item = list.items.find((i) => i.node.offset === offset && i.value === data.blocker);
            if (!item || !list.array) continue;
            actions.push({
              title: `Remove ${JSON.stringify(data.blocker)} from ${key}`,
              kind: QUICK_FIX_KIND, diagnostics: [d], edits: [removeFromArray(list.array, item.node)],
            });
          }
        }
      }
    }
  }
  if (wants(FIX_ALL_KIND) || (options.only ?? []).includes('source.fixAll')) {
    const fixAll = fixAllMissing(document, catalog, options.analyze);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** Put the GUID of the built-in role one or two characters away in place of the unknown one. */
function unknownRoleFixes(document: RoleDocument, d: Diagnostic): CodeActionResult[] {
  const data = d.data as UnknownRoleData | undefined;
  if (!data?.replacement || !data.at) return [];
  if (document.text.slice(data.at.offset, data.at.offset + data.at.length).toLowerCase() !== data.guid) return []; // stale
  return [{
    title: `Use ${data.replacement.name} (${data.replacement.id})`,
    kind: QUICK_FIX_KIND, diagnostics: [d], isPreferred: true,
    edits: [{ offset: data.at.offset, length: data.at.length, text: data.replacement.id }],
  }];
}

/** Insert principalType after principalId: ServicePrincipal when evident, else each choice. */
function principalTypeFixes(document: RoleDocument, d: Diagnostic): CodeActionResult[] {
  const data = d.data as PrincipalTypeData | undefined;
  const offset = document.lines.offsetAt(d.range.start);
  const assignment = document.assignments.find((a) => a.principalId && a.principalId.node.parent && a.principalId.node.parent.offset === offset);
  const property = assignment?.principalId?.node.parent;
  if (!assignment || !property || assignment.principalType) return [];
  const choices = data?.suggested ? [data.suggested] : ['ServicePrincipal', 'Group', 'User'];
  return choices.map((type) => ({
    title: `Add "principalType": "${type}"`,
    kind: QUICK_FIX_KIND, diagnostics: [d], isPreferred: data?.suggested === type,
    edits: [insertPropertyAfter(document, property, 'principalType', JSON.stringify(type))],
  }));
}

/** Every "add the missing permissions" fix of the file at once. */
export function fixAllMissing(document: RoleDocument, catalog: Catalog, analyzeOptions: AnalyzeOptions = {}): CodeActionResult | undefined {
  const found = analyze(document, catalog, { ...analyzeOptions, rules: { ...analyzeOptions.rules, [MISSING]: 'warning' } })
    .filter((d) => d.code === MISSING && (d.data as MissingData | undefined)?.kind === 'missing');
  const wanted = [];
  for (const d of found) {
    const role = roleAt(document, document.lines.offsetAt(d.range.start));
    if (role) wanted.push({ role, names: (d.data as MissingData).addable });
  }
  const { edits, added } = additions(document, wanted);
  if (added === 0) return undefined;
  return { title: `Add all ${plural(added, 'missing permission')} for Azure Backup operations`, kind: FIX_ALL_KIND, diagnostics: found, edits };
}
