import { typeName } from '../model/json';
import type { Rule } from './rule';

export const id = 'invalid-role-shape';

export const rule: Rule = {
  id,
  summary: 'A role property has the wrong JSON type (a list of strings, a permission block or a scope was expected).',
  defaultSeverity: 'error',
  appliesToBuiltInRoles: true,
  check({ role, report }) {
    for (const problem of role.shapeProblems) {
      const what = problem.what.charAt(0).toUpperCase() + problem.what.slice(1);
      report({ at: problem.node, message: `${what} is ${typeName(problem.node)}; write ${problem.expected} instead.` });
    }
  },
};
