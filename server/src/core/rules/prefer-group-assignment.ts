import type { Rule } from './rule';

export const id = 'prefer-group-assignment';

export const rule: Rule = {
  id,
  summary: 'A role is assigned to a single user where a group for the job would do.',
  defaultSeverity: 'information',
  appliesToBuiltInRoles: true,
  checkAssignment({ assignment, report }) {
    const t = assignment.principalType;
    if (!t || t.expression || t.value.toLowerCase() !== 'user') return;
    report({
      at: t.node,
      message: 'Assigned to a single user: assign roles to a group that stands for the job (say, backup operators), so access follows membership and reviews stay short.',
    });
  },
};
