import { canonical, evaluateString } from '../model/arm/expression';
import type { RoleAssignment } from '../model/assignment';
import { prop } from '../model/json';
import { type RoleDocument, textSlice } from '../model/role-document';
import type { StringItem } from '../model/string-item';
import { type Replacement, isReplacement, replacing } from './fix';
import { type Rule, quote } from './rule';

export const id = 'assignment-name-fixed-in-loop';

export const rule: Rule<Replacement> = {
  id,
  summary: 'Role assignments made in a loop (an ARM `copy`, a Bicep `for`) all get the same name, so the loop makes one assignment and the others collide with it.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkAssignment({ document, assignment, report }) {
    const copy = assignment.resource && prop(assignment.resource.node, 'copy');
    const name = assignment.name;
    if (!copy || copy.type !== 'object' || !name) return;
    const env = assignment.template?.env;
    // a loop of one (or none) cannot collide with itself
    const count = prop(copy, 'count');
    const n = count?.type === 'number' ? Number(count.value) : count?.type === 'string' ? evaluateString(String(count.value), env) : undefined;
    if (typeof n === 'number' ? n <= 1 : n?.kind === 'number' && n.value <= 1) return;
    // the name varies when it reads the iteration: copyIndex(), or (Bicep) the loop's item or index, compiled to it
    const varies = (item: StringItem) => canonical(evaluateString(String(item.node.value), env)).toLowerCase().includes('copyindex(');
    if (varies(name)) return;
    const loop = prop(copy, 'name');
    // as written: Bicep's own text, not the ARM expression it compiles to
    const written = document.language === 'bicep' ? textSlice(document, name.node.offset, name.node.offset + name.node.length) : String(name.node.value);
    report({
      at: name.node,
      message: `Every assignment of the loop${loop?.type === 'string' ? ` ${quote(String(loop.value))}` : ''} gets the same name, so they collide and at most one is made: `
        + `put what varies into ${quote(written)}, as guid() over the scope, principal and role of the loop's item.`,
      ...withFix(document, assignment, varies),
    });
  },
  isData: isReplacement,
  fixes: ({ document, data, offset }) => replacing(document.text, offset, data, 'Add what varies in the loop to the guid()'),
};

/**
 * The fix for a name made with guid(…): the principal and role of the assignment that vary with
 * the iteration, added to its arguments, as written (ARM: their expressions; Bicep: their text).
 */
function withFix(document: RoleDocument, assignment: RoleAssignment, varies: (item: StringItem) => boolean): { data?: Replacement } {
  const name = assignment.name!;
  const bicep = document.language === 'bicep';
  const written = textSlice(document, name.node.offset, name.node.offset + name.node.length);
  const call = bicep ? /^guid\s*\(.*\)$/s : /^"\[\s*guid\s*\(.*\)\s*\]"$/s;
  if (!call.test(written)) return {};
  const extra = [assignment.principalId, assignment.roleDefinitionId].filter((i): i is StringItem => i !== undefined && i.expression && varies(i))
    .map((i) => (bicep ? textSlice(document, i.node.offset, i.node.offset + i.node.length) : JSON.stringify(String(i.node.value).trim().slice(1, -1).trim()).slice(1, -1)));
  if (extra.length === 0) return {};
  const close = written.lastIndexOf(')');
  return { data: { written, replacement: `${written.slice(0, close)}, ${extra.join(', ')}${written.slice(close)}` } };
}
