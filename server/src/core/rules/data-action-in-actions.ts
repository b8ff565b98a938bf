import { type WrongPlaneData, checkPlane, planeFixes } from './plane';
import type { Rule } from './rule';

export const id = 'data-action-in-actions';

export const rule: Rule<WrongPlaneData> = {
  id,
  summary: 'A data action (or a wildcard matching only data actions) stands in actions or notActions.',
  defaultSeverity: 'error',
  appliesToBuiltInRoles: true,
  check(context) {
    checkPlane(context, 'action');
  },
  ...planeFixes,
};
