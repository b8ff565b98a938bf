import { LEVEL_WORDS, reaches, scopeOfText } from '../analysis/scope';
import type { Rule } from './rule';
import { lead, orList, quote, whole } from './rule';

export const id = 'assignment-scope-outside-assignable-scopes';

/** Room for where the assignment lands, second at the head of the message after the role's name. */
const WHERE_ROOM = 40;

export const rule: Rule = {
  id,
  summary: "A custom role is assigned where its assignableScopes do not reach.",
  defaultSeverity: 'error',
  appliesToBuiltInRoles: true,
  checkAssignment({ assignment, role, scope, report }) {
    if (role.kind !== 'custom' || !scope || role.entry.assignableScopes.length === 0) return;
    const verdicts = role.entry.assignableScopes.map((s) => {
      const info = scopeOfText(s);
      return info ? reaches(info, scope) : undefined;
    });
    if (!verdicts.every((v) => v === false)) return;
    const where = scope.path ? `${lead(scope.path, WHERE_ROOM)}${whole(scope.path, WHERE_ROOM)}` : LEVEL_WORDS[scope.level];
    report({
      at: assignment.scope?.node ?? assignment.roleDefinitionId?.node ?? assignment.node,
      message: `${quote(role.entry.name ?? 'The role')} cannot be assigned at ${where}, outside its assignableScopes ${orList(role.entry.assignableScopes.map(quote))}; `
        + 'widen them, or assign the role within them.',
    });
  },
};
