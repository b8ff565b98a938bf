// Re-checking a large document after a small edit without parsing or checking all of it again.
//
// A document is made of units: the top-level resources of an ARM template, the elements of a
// role file that is a JSON array, or the top-level `resource` declarations of a Bicep file (read
// by the front end that read the file, `RoleDocument.units`). An edit strictly inside one unit re-parses that unit alone,
// splices it into the syntax tree (moving the nodes after it), rebuilds the model of that unit,
// and re-runs the rules for its roles and assignments, the assignments that used its roles, and
// the document-wide rules; every other diagnostic is kept and moved to where its text now is.
// Anything else (an edit across units, a unit that no longer parses, a change in the number of
// roles) answers undefined, and the caller analyses the document in full.
//
// Invariant: an update consumes the previous document (its tree is changed in place); keep only
// the new one.
import { type Node, type ParseError, parseTree } from 'jsonc-parser';
import { Memo } from '../../catalog/memo';
import { type Analysis, type Owner, checkOwners } from './analyze';
import type { TemplateResource } from '../model/arm/template';
import type { RoleAssignment } from '../model/assignment';
import { carryComments } from '../model/comments';
import { LineIndex } from '../model/line-index';
import { prop } from '../model/json';
import { type RoleDefinition, type RoleDocument, type UnitReader, modelUnit, textSlice } from '../model/role-document';
import { PieceText } from '../model/text';
import type { Diagnostic, Position, Range } from '../types';
import { carryOwnIndex, customRolesOf, entryOf, setCustomRolesOf } from '../model/workspace';

export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

interface Update {
  readonly document: RoleDocument;
  readonly start: number;
  /** end of the unit in the text before the edit */
  readonly oldEnd: number;
  readonly delta: number;
  /** the unit's new text */
  readonly unitText: string;
  readonly oldRoles: readonly RoleDefinition[];
  readonly newRoles: readonly RoleDefinition[];
  readonly oldAssignments: readonly RoleAssignment[];
  readonly newAssignments: readonly RoleAssignment[];
}

/** JSON's units: the resources of an ARM template, or the elements of a role file that is an array; read by jsonc-parser. */
const JSON_UNITS: UnitReader = {
  unitAt(root, start, end) {
    const resources = root.type === 'array' ? root : prop(root, 'resources');
    if (resources?.type !== 'array') return undefined;
    for (const node of resources.children ?? []) {
      if (node.offset < start && end < node.offset + node.length) return { node, start: node.offset, end: node.offset + node.length };
    }
    return undefined;
  },
  read(text, unit) {
    const errors: ParseError[] = [];
    const fresh = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    return fresh && errors.length === 0 && fresh.type === unit.node.type && fresh.offset === 0 && fresh.length === text.length ? fresh : undefined;
  },
  problemsPerUnit: false,
};

type Movable = { offset: number; colonOffset?: number; readonly children?: Movable[]; readonly type: Node['type'] };

/**
 * Moves a node and all under it by `delta`. One function per kind of node: each then meets the one
 * or two shapes of object its kind is made in, and the engine reads and writes their offsets
 * directly (a single function meeting every shape of node was twice as slow, and a large document
 * has a few hundred thousand nodes after an edit).
 */
function shift(node: Node, delta: number): void {
  shiftNode(node as unknown as Movable, delta);
}

function shiftNode(node: Movable, delta: number): void {
  const type = node.type;
  if (type === 'property') shiftProperty(node, delta);
  else if (type === 'object' || type === 'array') shiftContainer(node, delta);
  else shiftLeaf(node, delta);
}

function shiftProperty(node: Movable, delta: number): void {
  node.offset += delta;
  if (node.colonOffset !== undefined) node.colonOffset += delta;
  const children = node.children;
  if (children) for (let i = 0; i < children.length; i++) shiftNode(children[i], delta);
}

function shiftContainer(node: Movable, delta: number): void {
  node.offset += delta;
  const children = node.children;
  if (children) for (let i = 0; i < children.length; i++) shiftNode(children[i], delta);
}

function shiftLeaf(node: Movable, delta: number): void {
  // (a leaf has neither children nor a colon; a front end that gave it some is served all the same)
  if (node.children !== undefined || node.colonOffset !== undefined) shiftProperty(node, delta);
  else node.offset += delta;
}

/** Moves every node at or after `from` by `delta`, and stretches the nodes that span `from`. */
function moveAfter(node: Node, from: number, delta: number): void {
  if (node.offset >= from) {
    shift(node, delta);
    return;
  }
  if (node.offset + node.length < from) return;
  (node as { length: number }).length += delta;
  if (node.colonOffset !== undefined && node.colonOffset >= from) (node as { colonOffset: number }).colonOffset += delta;
  for (const child of node.children ?? []) moveAfter(child, from, delta);
}

const within = (n: Node, start: number, end: number) => n.offset >= start && n.offset < end;

/**
 * The document after an edit, or undefined when the edit is not inside one unit. `newText`, when
 * the caller has it (an editor does), saves building the text again.
 */
export function updateDocument(previous: RoleDocument, edit: TextEdit, newText?: PieceText): Update | undefined {
  const root = previous.root;
  const reader = previous.units ?? JSON_UNITS;
  if (!root || previous.kind === 'other' || (previous.syntaxProblems.length > 0 && !reader.problemsPerUnit)) return undefined;
  const editEnd = edit.offset + edit.length;
  const found = reader.unitAt(root, edit.offset, editEnd);
  if (!found) return undefined;
  const { node: unit, start, end: oldEnd } = found;
  const delta = edit.text.length - edit.length;
  // the syntax problems of the other units stand; the unit's own must be gone
  const inUnit = (p: { offset: number }) => p.offset >= start && p.offset < oldEnd;
  // the unit's new text from the pieces, without building (or flattening) the whole text
  const unitText = textSlice(previous, start, edit.offset) + edit.text + textSlice(previous, editEnd, oldEnd);
  const fresh = reader.read(unitText, found, (offset) => (offset >= oldEnd ? offset + delta : offset) - start);
  if (!fresh) return undefined;

  // the model of the unit before the edit, found by where it sits
  const oldRoles = previous.roles.filter((r) => within(r.resource ?? r.node, start, oldEnd));
  const oldAssignments = previous.assignments.filter((a) => within(a.resource?.node ?? a.node, start, oldEnd));
  const oldResources = previous.resources.filter((r) => within(r.node, start, oldEnd));

  // splice the new unit into the tree, and move everything after it
  const parent = unit.parent!;
  const at = parent.children!.indexOf(unit);
  moveAfter(root, oldEnd, delta);
  shift(fresh, start);
  (fresh as { parent?: Node }).parent = parent;
  parent.children![at] = fresh;

  // the model of the new unit, in the template of the old one
  const built = { roles: [] as RoleDefinition[], assignments: [] as RoleAssignment[], resources: [] as TemplateResource[] };
  const template = oldResources[0]?.template ?? previous.resources[0]?.template;
  if (previous.resources.length > 0 && !template) return undefined;
  modelUnit(fresh, root.type === 'array' ? undefined : template, built);
  // roles are indexed by position (the workspace index, resolved assignments): their number must hold
  if (built.roles.length !== oldRoles.length) return undefined;

  const replace = <T>(list: readonly T[], old: readonly T[], added: readonly T[], offsetOf: (t: T) => number): T[] => {
    const removed = new Set(old);
    const kept = list.filter((x) => !removed.has(x));
    const at = kept.findIndex((x) => offsetOf(x) >= start);
    return at < 0 ? [...kept, ...added] : [...kept.slice(0, at), ...added, ...kept.slice(at)];
  };
  const roles = replace(previous.roles, oldRoles, built.roles, (r) => (r.resource ?? r.node).offset);
  const assignments = replace(previous.assignments, oldAssignments, built.assignments, (a) => (a.resource?.node ?? a.node).offset);
  const resources = replace(previous.resources, oldResources, built.resources, (r) => r.node.offset);
  const source = newText ?? (previous.source ?? PieceText.of(previous.text)).edit(edit.offset, edit.length, edit.text);
  const text = source.toString();
  const syntaxProblems = previous.syntaxProblems.filter((p) => !inUnit(p)).map((p) => (p.offset >= oldEnd ? { ...p, offset: p.offset + delta } : p));
  const document: RoleDocument = {
    text, source, root, kind: previous.kind, roles, assignments, resources, syntaxProblems,
    ...(previous.language ? { language: previous.language } : {}),
    ...(previous.passed ? { passed: previous.passed } : {}),
    ...(previous.units ? { units: previous.units } : {}),
    lines: LineIndex.afterEdit(previous.lines, text, edit),
    memo: new Memo(),
  };
  return { document, start, oldEnd, delta, unitText, oldRoles, newRoles: built.roles, oldAssignments, newAssignments: built.assignments };
}

/** An edit within one line (no line break removed or inserted): the characters [from, to) of the line replaced, `delta` more after it. */
interface LineEdit {
  readonly line: number;
  readonly from: number;
  readonly to: number;
  readonly delta: number;
}

/** A position after an edit within one line: only the line's characters after the edit move. */
function movePosition(p: Position, e: LineEdit): Position {
  if (p.line !== e.line || p.character < e.from) return p;
  return { line: p.line, character: p.character >= e.to ? p.character + e.delta : e.from };
}

/**
 * A diagnostic of an owner the edit did not touch, moved to where its text now is: by offsets
 * through the line indexes before and after the edit, or, for an edit within one line, by the
 * characters of that line (the diagnostic itself when it does not move).
 */
function moveDiagnostic(d: Diagnostic, move: { before: LineIndex; after: LineIndex; offset: number; end: number; delta: number } | LineEdit): Diagnostic {
  if ('line' in move) {
    const start = movePosition(d.range.start, move);
    const end = movePosition(d.range.end, move);
    return start === d.range.start && end === d.range.end ? d : { ...d, range: { start, end } };
  }
  const { before, after, offset: editOffset, end: editEnd, delta } = move;
  const at = (offset: number) => (offset >= editEnd ? offset + delta : offset < editOffset ? offset : editOffset);
  const range: Range = {
    start: after.positionAt(at(before.offsetAt(d.range.start))),
    end: after.positionAt(at(before.offsetAt(d.range.end))),
  };
  return { ...d, range };
}

/** Every diagnostic of a list moved; the list itself when none moves. */
function moveAll(list: readonly Diagnostic[], move: Parameters<typeof moveDiagnostic>[1]): readonly Diagnostic[] {
  let out: Diagnostic[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const d = moveDiagnostic(list[i], move);
    if (d !== list[i]) out ??= list.slice(0, i);
    out?.push(d);
  }
  return out ?? list;
}

/**
 * The analysis after an edit, from the analysis before it; undefined when only a full analysis
 * will do. Consumes the previous analysis's document.
 */
export function reanalyze(previous: Analysis, edit: TextEdit, uri: string, newText?: PieceText): Analysis | undefined {
  const beforeLines = previous.document.lines;
  const oldEntries = customRolesOf(uri, previous.document);
  const editEnd = edit.offset + edit.length;
  // an edit within one line (no line starts in what it replaces, no break in what it inserts):
  // the update moves the line index in place (LineIndex.afterEdit), so what is needed of it is read now
  const at = beforeLines.positionAt(edit.offset);
  const withinLine = !/[\r\n]/.test(edit.text) && beforeLines.positionAt(editEnd).line === at.line;
  const update = updateDocument(previous.document, edit, newText);
  if (!update) return undefined;
  const { document, oldRoles, newRoles, oldAssignments, newAssignments } = update;
  const delta = update.delta;
  // the comments outside the unit stand: carry them over rather than search the whole text again
  carryComments(previous.document, document, update.start, update.oldEnd, update.unitText);

  // the workspace entries of this file: the unit's roles anew, the others moved
  const custom = (list: readonly RoleDefinition[]) => list.filter((r) => !r.builtIn).length;
  if (custom(oldRoles) !== custom(newRoles)) return undefined;
  const fresh = new Set(newRoles);
  const changedIndexes = new Set<number>();
  const entries = [];
  // with no line added or removed, the roles outside the unit keep their lines: their entries stand
  const sameLines = withinLine && document.lines.positionAt(update.start).line > 0;
  let k = 0;
  for (const [i, role] of document.roles.entries()) {
    if (role.builtIn) continue;
    const at = role.name?.node ?? role.resource ?? role.node;
    if (fresh.has(role)) {
      changedIndexes.add(i);
      entries.push(entryOf(uri, document, role, i));
    } else {
      const old = oldEntries[k];
      if (!old) return undefined;
      entries.push(sameLines && old.roleIndex === i ? old : { ...old, roleIndex: i, range: document.lines.range(at.offset, at.length) });
    }
    k++;
  }
  if (entries.length !== oldEntries.length) return undefined;
  setCustomRolesOf(document, uri, entries);
  carryOwnIndex(previous.document, document);

  // diagnostics of untouched owners, moved; the unit's owners and the assignments of its roles re-checked
  const removed = new Set<Owner>([...oldRoles, ...oldAssignments, 'document']);
  const byOwner = new Map<Owner, readonly Diagnostic[]>();
  const move = withinLine
    ? { line: at.line, from: at.character, to: at.character + edit.length, delta }
    : { before: beforeLines, after: document.lines, offset: edit.offset, end: editEnd, delta };
  for (const [owner, list] of previous.byOwner) {
    if (removed.has(owner)) continue;
    byOwner.set(owner, moveAll(list, move));
  }
  const recheck = new Set<RoleAssignment>(newAssignments);
  for (const a of document.assignments) {
    const r = previous.resolved.get(a);
    if (!r || r.kind === 'unknown' || r.kind === 'unresolved' || (r.kind === 'custom' && r.entry.uri === uri && changedIndexes.has(r.entry.roleIndex))) recheck.add(a);
  }
  return checkOwners(document, previous.catalog, { ...previous.options, uri }, {
    roles: newRoles,
    assignments: [...recheck],
    previous: { byOwner, resolved: previous.resolved },
  });
}
