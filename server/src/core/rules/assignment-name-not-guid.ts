import { type Ast, canonical, parseExpression } from '../model/arm/expression';
import type { Template } from '../model/arm/template';
import { isGuid } from '../model/arm-expression';
import { prop, stringValue } from '../model/json';
import { placeholderIn } from '../model/placeholders';
import { evaluateItem } from '../model/workspace';
import type { Rule } from './rule';
import { andList, quote } from './rule';

export const id = 'assignment-name-not-guid';

/** Functions whose value changes at every deployment. */
const UNSTABLE = ['newGuid', 'utcNow'];

const BY_GUID = 'Azure names role assignments by GUID';
const DERIVE = 'guid() over the scope, principal and role';
const ONLY_LAST = 'only it: the rest names the resource';

export const rule: Rule = {
  id,
  summary: "A role assignment's name is not a GUID, or is a new one at every deployment (newGuid(), utcNow()).",
  defaultSeverity: 'error',
  appliesToBuiltInRoles: true,
  checkAssignment({ assignment, report }) {
    const name = assignment.name;
    if (!name) return;
    const raw = String(name.node.value);
    if (name.expression) {
      // (evaluated once per string and environment, as the other checks of the assignment read it)
      const v = evaluateItem(name, assignment.template?.env);
      const text = v.kind === 'string' ? '' : canonical(v);
      const unstable = UNSTABLE.filter((f) => calls(text, f));
      if (unstable.length) {
        report({
          at: name.node,
          severity: 'warning',
          message: `${quote(raw)} ${howItGets(raw, assignment.template, unstable)} ${andList(unstable.map((f) => `${f}()`))}, a new name at every deployment, `
            + `so redeploying fails with RoleAssignmentExists; derive it with ${DERIVE} instead.`,
        });
        return;
      }
      if (v.kind !== 'string') return; // guid(...), or known only at deployment
      const last = lastSegment(v.value);
      if (isGuid(last)) return;
      report({
        at: name.node,
        message: last !== v.value
          ? `${quote(last)} is not a GUID, and the last segment of ${quote(v.value)}, the value of ${quote(raw)}, must be one (${ONLY_LAST}); make that segment ${DERIVE}.`
          : `${quote(raw)} is not a GUID but ${quote(v.value)}; ${BY_GUID}: use ${DERIVE}.`,
      });
      return;
    }
    const last = lastSegment(raw);
    if (isGuid(last) || placeholderIn(raw)) return; // a placeholder: filled in by a template engine (template-placeholder says so)
    if (last !== raw) {
      // the older form of a resource's child assignment: `<resource>/Microsoft.Authorization/<guid>`
      const prefix = raw.slice(0, raw.length - last.length);
      report({
        at: name.node,
        message: `${quote(last)} is not a GUID, and the last segment of ${quote(raw)} must be one (${ONLY_LAST}); `
          + `write [concat(${quote(prefix)}, guid(...))] with ${DERIVE}.`,
      });
      return;
    }
    report({ at: name.node, message: `${quote(raw)} is not a GUID; ${BY_GUID}: use [guid(...)] over the scope, principal and role.` });
  },
};

/** `vault/Microsoft.Authorization/<guid>` names the assignment by its last segment. */
function lastSegment(name: string): string {
  return name.split('/').pop() ?? name;
}

function calls(text: string, fn: string): boolean {
  return text.toLowerCase().includes(`${fn.toLowerCase()}(`);
}

/**
 * How a name comes by a function that changes at every deployment: it calls it, it is a
 * parameter whose defaultValue calls it, or it uses such a parameter (else through variables or
 * a value a deployment passes).
 */
function howItGets(raw: string, template: Template | undefined, fns: readonly string[]): string {
  if (fns.some((f) => calls(raw, f))) return 'calls';
  const ast = raw.startsWith('[') && !raw.startsWith('[[') ? parseExpression(raw.trim().slice(1, -1)) : undefined;
  const defaulting = (ast ? parametersIn(ast) : []).find((p) => {
    const fallback = stringValue(prop(prop(prop(template?.node, 'parameters'), p), 'defaultValue'));
    return fallback !== undefined && fns.some((f) => calls(fallback, f));
  });
  if (defaulting === undefined) return 'depends on';
  const whole = ast?.kind === 'call' && ast.name === 'parameters' && ast.args.length === 1;
  return whole ? 'defaults to' : `uses the parameter ${quote(defaulting)}, which defaults to`;
}

/** The names of the parameters an expression reads (`parameters('x')` with a literal name). */
function parametersIn(ast: Ast): string[] {
  switch (ast.kind) {
    case 'call': {
      const own = ast.name === 'parameters' && ast.args[0]?.kind === 'string' ? [ast.args[0].value] : [];
      return [...own, ...ast.args.flatMap(parametersIn)];
    }
    case 'member': return parametersIn(ast.target);
    case 'index': return [...parametersIn(ast.target), ...parametersIn(ast.index)];
    default: return [];
  }
}
