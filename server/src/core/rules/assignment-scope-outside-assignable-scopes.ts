import { LEVEL_WORDS, reaches, scopeOfText } from '../scope';
import type { Rule } from './rule';
import { orList, quote } from './rule';

export const id = 'assignment-scope-outside-assignable-scopes';

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
    const where = scope.path ? quote(scope.path) : LEVEL_WORDS[scope.level];
    report({
      at: assignment.scope?.node ?? assignment.roleDefinitionId?.node ?? assignment.node,
      message: `${quote(role.entry.name ?? 'The role')} is assignable only at ${orList(role.entry.assignableScopes.map(quote))}, which does not reach this assignment at ${where}; widen the role's assignableScopes or assign it within them.`,
    });
  },
};
