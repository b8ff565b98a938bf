import { canonical, evaluateString } from '../model/arm/expression';
import { prop } from '../model/json';
import { type Rule, quote } from './rule';

export const id = 'assignment-name-fixed-in-loop';

export const rule: Rule = {
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
    const value = evaluateString(String(name.node.value), env);
    if (canonical(value).toLowerCase().includes('copyindex(')) return;
    const loop = prop(copy, 'name');
    // as written: Bicep's own text, not the ARM expression it compiles to
    const written = document.language === 'bicep' ? document.text.slice(name.node.offset, name.node.offset + name.node.length) : String(name.node.value);
    report({
      at: name.node,
      message: `Every assignment of the loop${loop?.type === 'string' ? ` ${quote(String(loop.value))}` : ''} gets the same name, so they collide and at most one is made: `
        + `put what varies into ${quote(written)}, as guid() over the scope, principal and role of the loop's item.`,
    });
  },
};
