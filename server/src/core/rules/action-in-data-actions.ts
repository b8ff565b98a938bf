import { type WrongPlaneData, checkPlane, planeFixes } from './plane';
import type { Rule } from './rule';

export const id = 'action-in-data-actions';

export const rule: Rule<WrongPlaneData> = {
  id,
  summary: 'A control-plane action (or a wildcard matching only those) stands in dataActions or notDataActions.',
  defaultSeverity: 'error',
  appliesToBuiltInRoles: true,
  check(context) {
    checkPlane(context, 'data');
  },
  ...planeFixes,
};
