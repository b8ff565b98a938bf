// Reads a JSON/JSONC text into the role definitions it holds, in any of the shapes people keep
// them in, with the offsets of every string so diagnostics point at the exact text:
//   cli   Azure CLI / PowerShell role JSON: Name, IsCustom, Actions, ..., AssignableScopes
//         (also the PowerShell variant with Permissions[])
//   rest  REST role objects: { properties: { roleName, permissions[], assignableScopes } }, the
//         flat output of `az role definition list`, singly or in an array
//   arm   ARM templates with Microsoft.Authorization/roleDefinitions resources: top level, child
//         `resources`, and inner templates of Microsoft.Resources/deployments
import { Memo, memoKey } from '../../catalog/memo';
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Plane } from '../../catalog/permissions';
import { isExpression } from './arm-expression';
import { type PassedParameters, type Template, type TemplateResource, isArmTemplate, makeTemplate, resourcesOf, resourcesUnder } from './arm/template';
import { type RoleAssignment, isAssignmentType, readArmAssignment, readJsonAssignment } from './assignment';
import { type StringItem, stringItemOf } from './string-item';
import { hasKey, prop, property, stringValue } from './json';
import { LineIndex } from './line-index';
import type { PieceText } from './text';

export type RoleShape = 'cli' | 'rest' | 'arm';
export type ListKey = 'actions' | 'notActions' | 'dataActions' | 'notDataActions';
export const LIST_KEYS: readonly ListKey[] = ['actions', 'notActions', 'dataActions', 'notDataActions'];

export function planeOfList(key: ListKey): Plane {
  return key === 'actions' || key === 'notActions' ? 'action' : 'data';
}

export function isDenyList(key: ListKey): boolean {
  return key === 'notActions' || key === 'notDataActions';
}

export type { StringItem } from './string-item';

/** A value where the role expects something else (reported by invalid-role-shape). */
export interface ShapeProblem {
  readonly node: Node;
  readonly expected: string;
  readonly what: string;
}

export interface PermissionList {
  readonly key: ListKey;
  readonly plane: Plane;
  readonly deny: boolean;
  /** the property (key and value), when present */
  readonly property: Node | undefined;
  /** the array, when the value is one */
  readonly array: Node | undefined;
  /** the value is an ARM expression: its entries are not known statically */
  readonly expression: boolean;
  /** literal strings, in document order */
  readonly items: readonly StringItem[];
}

export interface PermissionBlockModel {
  /** the object holding the lists (the role itself in the flat CLI shape) */
  readonly node: Node;
  readonly lists: Readonly<Record<ListKey, PermissionList>>;
}

export interface ScopeList {
  readonly property: Node | undefined;
  readonly array: Node | undefined;
  readonly expression: boolean;
  readonly items: readonly StringItem[];
}

export interface RoleDefinition {
  readonly shape: RoleShape;
  /** the object holding roleName/permissions/assignableScopes */
  readonly node: Node;
  /** the ARM resource or REST wrapper around `node`, when there is one */
  readonly resource: Node | undefined;
  /** for a role in an ARM template: the template, for evaluating its expressions */
  readonly template: Template | undefined;
  readonly name: StringItem | undefined;
  /** the role's description, when written as a plain string (its words say what the role is for) */
  readonly description: string | undefined;
  /** the role's `name`/`Id`/`id` (a GUID or an ARM expression), when given */
  readonly id: StringItem | undefined;
  readonly builtIn: boolean;
  readonly blocks: readonly PermissionBlockModel[];
  readonly assignableScopes: ScopeList;
  readonly shapeProblems: readonly ShapeProblem[];
  /** facts worked out about the role, kept with it (rules/rule.ts permissionEntries) */
  readonly memo: Memo;
}

export interface SyntaxProblem {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /** the front end that found it (JSON unless said) */
  readonly language?: 'bicep';
  /** inside a role or assignment that was read otherwise (else a whole statement was left out) */
  readonly inside?: true;
}

export type DocumentKind = 'role-file' | 'arm-template' | 'other';

/** The syntax a document is written in: JSON (JSONC) unless said. */
export type DocumentLanguage = 'json' | 'bicep';

export interface RoleDocument {
  /** the whole text (after an edit, its pieces joined: read `source` for a part of it, see `textSlice`) */
  readonly text: string;
  /** the text in pieces, when an edit made it (analysis/incremental.ts) */
  readonly source?: PieceText;
  /** Bicep: the tree is the ARM template the file compiles to (core/bicep/), offsets into the Bicep text */
  readonly language?: 'bicep';
  readonly root: Node | undefined;
  readonly kind: DocumentKind;
  readonly roles: readonly RoleDefinition[];
  readonly assignments: readonly RoleAssignment[];
  /** every resource of an ARM template (empty for other files) */
  readonly resources: readonly TemplateResource[];
  readonly syntaxProblems: readonly SyntaxProblem[];
  readonly lines: LineIndex;
  /** nested too deeply to read: nothing of it is known */
  readonly tooDeep?: true;
  /** the parameter values the workspace's callers pass this file as a module, read with it (model/modules.ts) */
  readonly passed?: { readonly key: string; readonly values: PassedParameters };
  /**
   * facts worked out about this parse, kept with it (its comments of ours, its roles by position,
   * its custom-role entries); an incremental update carries over what still holds
   */
  readonly memo: Memo;
  /**
   * How a unit of the document is read again alone after an edit inside it (analysis/incremental.ts):
   * the Bicep front end gives one with what it knows of the file's symbols; JSON's is jsonc-parser.
   */
  readonly units?: UnitReader;
}

/**
 * The characters [start, end) of a document's text: from its pieces after an edit, which copies
 * nothing; reading `text` itself would make the engine copy the whole text once.
 */
export function textSlice(document: Pick<RoleDocument, 'text' | 'source'>, start: number, end: number): string {
  return (document.source ?? document.text).slice(start, end);
}

/** A unit of a document: a node of its tree, and the text it is read from (an edit strictly inside may re-read it alone). */
export interface DocumentUnit {
  readonly node: Node;
  readonly start: number;
  readonly end: number;
}

export interface UnitReader {
  /** the unit of a tree that strictly holds [start, end] (an edit there may re-read it alone); undefined when none does */
  unitAt(root: Node, start: number, end: number): DocumentUnit | undefined;
  /**
   * The node for a unit's new text, with offsets from the start of that text; undefined when it
   * cannot be read alone (it no longer reads cleanly, or the edit changed what the rest of the
   * document reads of it). `moved` maps the offset of text outside the unit, before the edit, to
   * where it sits after the edit, counted from the unit's start (for nodes copied from elsewhere).
   */
  read(text: string, unit: DocumentUnit, moved: (offset: number) => number): Node | undefined;
  /** its syntax problems belong to units: those outside the edited unit stand (JSON's may not) */
  readonly problemsPerUnit: boolean;
}

export const ROLE_DEFINITIONS = 'microsoft.authorization/roledefinitions';

const ROLES_BY_START = memoKey<RoleDefinition[]>('roles by start');

/** The innermost role whose object (its resource, in a template) holds the offset; found by halving, not by walking every role. */
export function roleAt(document: RoleDocument, offset: number): RoleDefinition | undefined {
  const holder = (r: RoleDefinition) => r.resource ?? r.node;
  const sorted = document.memo.get(ROLES_BY_START, () => [...document.roles].sort((a, b) => holder(a).offset - holder(b).offset));
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (holder(sorted[mid]).offset <= offset) low = mid + 1;
    else high = mid;
  }
  // the last role starting at or before the offset, else one that starts before it and holds it
  for (let i = low - 1; i >= 0; i--) {
    const n = holder(sorted[i]);
    if (offset <= n.offset + n.length) return sorted[i];
  }
  return undefined;
}

export function parseRoleDocument(text: string, passed?: { readonly key: string; readonly values: PassedParameters }): RoleDocument {
  const errors: ParseError[] = [];
  // a BOM is not JSON, but editors and PowerShell write one; skip it rather than fail the file
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = bom ? ' ' + text.slice(1) : text;
  let root: Node | undefined;
  try {
    root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // the parser descends one call per level: thousands of levels exhaust the stack
    if (!(e instanceof RangeError)) throw e;
    return { text, root: undefined, kind: 'other', roles: [], assignments: [], resources: [], syntaxProblems: [], lines: new LineIndex(text), tooDeep: true, memo: new Memo() };
  }
  return documentFromTree(text, root, errors.map(describeSyntax), 'json', passed);
}

/**
 * The model of a syntax tree in JSON's shape (`jsonc-parser` nodes, offsets into `text`): what the
 * JSON front end parses, or what another front end (Bicep, core/bicep/) builds from its own syntax.
 */
export function documentFromTree(text: string, root: Node | undefined, syntaxProblems: readonly SyntaxProblem[], language: DocumentLanguage = 'json',
  passed?: { readonly key: string; readonly values: PassedParameters }, units?: UnitReader, lines?: LineIndex): RoleDocument {
  const roles: RoleDefinition[] = [];
  const assignments: RoleAssignment[] = [];
  const resources: TemplateResource[] = [];
  let kind: DocumentKind = 'other';
  if (root?.type === 'object' && isArmTemplate(root)) {
    kind = 'arm-template';
    const template = makeTemplate(root, undefined, undefined, undefined, passed?.values);
    for (const node of resourcesOf(root)) modelUnit(node, template, { roles, assignments, resources });
  } else if (root?.type === 'object' || root?.type === 'array') {
    for (const el of root.type === 'array' ? root.children ?? [] : [root]) modelUnit(el, undefined, { roles, assignments, resources });
  }
  if (roles.length > 0 || assignments.length > 0) kind = 'role-file';
  return { text, ...(language === 'bicep' ? { language } : {}), ...(passed ? { passed } : {}), ...(units ? { units } : {}), root, kind, roles, assignments, resources, syntaxProblems, lines: lines ?? new LineIndex(text), memo: new Memo() };
}

/**
 * The model of one unit of a document: a top-level resource of a template (with its children
 * and inner templates; in a template of languageVersion 2.0, its symbolic name's property), or an
 * element of a role file. Appended to the given lists.
 */
export function modelUnit(unit: Node, template: Template | undefined,
  into: { roles: RoleDefinition[]; assignments: RoleAssignment[]; resources: TemplateResource[] }): void {
  const node = unit.type === 'property' && template ? unit.children?.[1] : unit;
  if (node?.type !== 'object') return;
  if (template) {
    for (const r of resourcesUnder(node, template)) {
      into.resources.push(r);
      if (r.type === ROLE_DEFINITIONS && r.properties) into.roles.push(readRoleProperties(r.properties, r.node, 'arm', r.template));
      else if (isAssignmentType(r.type)) {
        const a = readArmAssignment(r);
        if (a) into.assignments.push(a);
      }
    }
    return;
  }
  const role = readRole(node);
  if (role) into.roles.push(role);
  else {
    const a = readJsonAssignment(node);
    if (a) into.assignments.push(a);
  }
}

function describeSyntax(e: ParseError): SyntaxProblem {
  return { offset: e.offset, length: e.length, message: describeParseError(e) };
}

function describeParseError(e: ParseError): string {
  const names: Record<string, string> = {
    InvalidSymbol: 'unexpected character', InvalidNumberFormat: 'malformed number', PropertyNameExpected: 'a property name was expected',
    ValueExpected: 'a value was expected', ColonExpected: "':' was expected", CommaExpected: "',' was expected",
    CloseBraceExpected: "'}' was expected", CloseBracketExpected: "']' was expected", EndOfFileExpected: 'the document should end here',
    InvalidCommentToken: 'malformed comment', UnexpectedEndOfComment: 'unterminated comment', UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number', InvalidUnicode: 'malformed \\u escape', InvalidEscapeCharacter: 'malformed escape',
    InvalidCharacter: 'a control character must be escaped in a string',
  };
  const code = printParseErrorCode(e.error);
  return names[code] ?? code;
}

/** Recognises a role object in the CLI or REST shape; anything else is not a role. */
function readRole(obj: Node): RoleDefinition | undefined {
  const properties = prop(obj, 'properties');
  if (properties?.type === 'object' && (hasKey(properties, 'permissions') || hasKey(properties, 'roleName'))) {
    return readRoleProperties(properties, obj, 'rest');
  }
  const type = stringValue(prop(obj, 'type'))?.toLowerCase();
  if (type === ROLE_DEFINITIONS && properties) return undefined; // a role resource whose properties are an expression
  const roleKeys = hasKey(obj, 'roleName') || hasKey(obj, 'assignableScopes') || hasKey(obj, 'roleType') || hasKey(obj, 'isCustom');
  const permissions = prop(obj, 'permissions');
  if (permissions?.type === 'array' && (roleKeys || (hasKey(obj, 'name') && (permissions.children ?? []).some((b) => LIST_KEYS.some((k) => hasKey(b, k)))))) {
    return readRoleProperties(obj, undefined, isCliRole(obj) ? 'cli' : 'rest');
  }
  const lists = LIST_KEYS.map((k) => prop(obj, k)).filter((n): n is Node => n !== undefined);
  if (lists.length === 0) return undefined;
  // `name` alone is common in other JSON; with it the lists must hold permission-like strings
  if (roleKeys || (hasKey(obj, 'name') && lists.every(looksLikePermissionList))) return readRoleProperties(obj, undefined, 'cli');
  return undefined;
}

function looksLikePermissionList(node: Node): boolean {
  if (node.type !== 'array') return false;
  // an operation reads Namespace.Name/..., or starts with a wildcard
  return (node.children ?? []).every((el) => el.type === 'string' && /^(\*|[A-Za-z0-9]+\.[A-Za-z0-9.]+\/)/.test(String(el.value)));
}

/** PowerShell and az write `Name`/`IsCustom`; REST and `az role definition list` write `roleName`. */
function isCliRole(obj: Node): boolean {
  return hasKey(obj, 'isCustom') || (!hasKey(obj, 'roleName') && hasKey(obj, 'name'));
}

function readRoleProperties(node: Node, resource: Node | undefined, shape: RoleShape, template?: Template): RoleDefinition {
  const problems: ShapeProblem[] = [];
  const nameNode = prop(node, 'roleName') ?? (shape === 'cli' ? prop(node, 'name') : undefined);
  const name = nameNode ? stringItemOf(nameNode) : undefined;
  if (nameNode && !name) problems.push({ node: nameNode, expected: 'a string', what: 'the role name' });
  const description = plainString(prop(node, 'description'));
  // an ARM resource's name; REST's name (a GUID), else its id (the role definition's resource id); the CLI's Id
  const idNode = resource ? prop(resource, 'name') ?? (shape === 'rest' ? prop(resource, 'id') : undefined) : prop(node, 'id') ?? (shape === 'rest' ? prop(node, 'name') : undefined);
  const id = idNode ? stringItemOf(idNode) : undefined;
  const roleType = stringValue(prop(node, 'roleType')) ?? stringValue(prop(node, 'type'));
  const isCustom = prop(node, 'isCustom');
  const builtIn = roleType?.toLowerCase() === 'builtinrole' || isCustom?.type === 'boolean' && isCustom.value === false;

  const blocks: PermissionBlockModel[] = [];
  const permissions = prop(node, 'permissions');
  if (permissions) {
    if (permissions.type === 'array') {
      for (const el of permissions.children ?? []) {
        if (el.type === 'object') blocks.push(readBlock(el, problems));
        else if (!isExpressionNode(el)) problems.push({ node: el, expected: 'an object with actions and notActions', what: 'a permission block' });
      }
    } else if (!isExpressionNode(permissions)) {
      problems.push({ node: permissions, expected: 'an array of permission blocks', what: 'permissions' });
    }
  }
  // the flat CLI shape keeps the lists on the role itself
  if (!permissions || LIST_KEYS.some((k) => hasKey(node, k))) {
    if (LIST_KEYS.some((k) => hasKey(node, k))) blocks.push(readBlock(node, problems));
  }
  const assignableScopes = readScopes(node, problems);
  return { shape, node, resource, template, name, description, id, builtIn, blocks, assignableScopes, shapeProblems: problems, memo: new Memo() };
}

function readBlock(obj: Node, problems: ShapeProblem[]): PermissionBlockModel {
  const lists = {} as Record<ListKey, PermissionList>;
  for (const key of LIST_KEYS) {
    const list = readStringList(property(obj, key), problems, { what: key, list: 'an array of strings', entry: 'a string', nullAllowed: true });
    // (written out: a spread makes the object property by property)
    lists[key] = { key, plane: planeOfList(key), deny: isDenyList(key), property: list.property, array: list.array, expression: list.expression, items: list.items };
  }
  return { node: obj, lists };
}

function readScopes(node: Node, problems: ShapeProblem[]): ScopeList {
  return readStringList(property(node, 'assignableScopes'), problems, {
    what: 'assignableScopes', list: 'an array of scope strings', entry: 'a scope string such as "/subscriptions/<id>"', nullAllowed: false,
  });
}

/** A property whose value is a list of strings, an ARM expression standing for one, or a shape problem. */
function readStringList(p: Node | undefined, problems: ShapeProblem[], expect: { what: string; list: string; entry: string; nullAllowed: boolean }): ScopeList {
  const value = p?.children?.[1];
  const items: StringItem[] = [];
  let array: Node | undefined;
  let expression = false;
  if (value?.type === 'array') {
    array = value;
    for (const el of value.children ?? []) {
      const item = stringItemOf(el);
      if (item) items.push(item);
      else problems.push({ node: el, expected: expect.entry, what: expect.what === 'assignableScopes' ? 'an assignable scope' : `an entry of ${expect.what}` });
    }
  } else if (value && isExpressionNode(value)) {
    expression = true;
  } else if (value && !(expect.nullAllowed && value.type === 'null')) {
    problems.push({ node: value, expected: expect.list, what: expect.what });
  }
  return { property: p, array, expression, items };
}

/** A string value that is no ARM expression. */
function plainString(node: Node | undefined): string | undefined {
  const value = stringValue(node);
  return value !== undefined && !isExpression(value) ? value : undefined;
}

function isExpressionNode(node: Node): boolean {
  return node.type === 'string' && typeof node.value === 'string' && isExpression(node.value);
}
