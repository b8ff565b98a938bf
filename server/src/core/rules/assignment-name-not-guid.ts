import { canonical, evaluateString } from '../arm/expression';
import { isGuid } from '../arm-expression';
import type { Rule } from './rule';
import { quote } from './rule';

export const id = 'assignment-name-not-guid';

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
      const v = evaluateString(raw, assignment.template?.env);
      const text = v.kind === 'string' ? '' : canonical(v);
      const unstable = ['newGuid', 'utcNow'].filter((f) => text.includes(`${f.toLowerCase()}(`));
      if (unstable.length) {
        report({
          at: name.node,
          severity: 'warning',
          message: `${quote(raw)} gives the assignment a new name at every deployment (${unstable.map((f) => `${f}()`).join(', ')}), so redeploying fails with RoleAssignmentExists; derive it with guid() from the scope, principal and role instead.`,
        });
        return;
      }
      if (v.kind !== 'string') return; // guid(...), or known only at deployment
      if (isGuid(lastSegment(v.value))) return;
      report({ at: name.node, message: `${quote(raw)} evaluates to ${quote(v.value)}, which is not a GUID; Azure names role assignments by GUID: use guid() over the scope, principal and role.` });
      return;
    }
    if (isGuid(lastSegment(raw))) return;
    report({ at: name.node, message: `${quote(raw)} is not a GUID; Azure names role assignments by GUID: use [guid(...)] over the scope, principal and role.` });
  },
};

/** `vault/Microsoft.Authorization/<guid>` names the assignment by its last segment. */
function lastSegment(name: string): string {
  return name.split('/').pop() ?? name;
}
