import { canonical } from '../model/arm/expression';
import type { RoleAssignment } from '../model/assignment';
import { evaluateItem } from '../model/workspace';
import { insertPropertyAfter } from '../model/edits';
import { isObject } from './fix';
import { hasKey } from '../model/json';
import type { Rule } from './rule';

export const id = 'missing-principal-type';

/** Payload for the quick fix that inserts principalType. */
export interface PrincipalTypeData {
  /** the type to insert when it is evident (a managed identity of the same template), else undefined: offer a choice */
  readonly suggested: 'ServicePrincipal' | undefined;
}

/** Whether the principal is a managed identity the template itself creates or references. */
export function isManagedIdentityPrincipal(assignment: RoleAssignment): boolean {
  if (!assignment.principalId?.expression) return false;
  const text = canonical(evaluateItem(assignment.principalId, assignment.template?.env)).toLowerCase();
  return text.includes('.identity.principalid') || text.includes('microsoft.managedidentity/userassignedidentities') || /reference\([^)]*\)\.principalid/.test(text);
}

export const rule: Rule<PrincipalTypeData> = {
  id,
  summary: 'A role assignment has no principalType, so a principal created moments before fails with PrincipalNotFound.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkAssignment({ assignment, report }) {
    // `...common` (Bicep) that is not known may hold the principalType
    if (assignment.principalType || !assignment.principalId || hasKey(assignment.node, '...')) return;
    const at = assignment.principalId.node.parent?.children?.[0] ?? assignment.principalId.node;
    const managed = isManagedIdentityPrincipal(assignment);
    report({
      at,
      message: managed
        ? 'The assignment has no principalType: add "principalType": "ServicePrincipal", or Azure may not find a managed identity created in the same deployment yet (PrincipalNotFound).'
        : 'The assignment has no principalType: add it (User, Group or ServicePrincipal), or Azure looks the principal up, which fails for one created moments before (PrincipalNotFound).',
      data: { suggested: managed ? 'ServicePrincipal' : undefined },
    });
  },
  isData: (data): data is PrincipalTypeData => isObject(data) && (data.suggested === undefined || data.suggested === 'ServicePrincipal'),
  fixes({ document, data, offset }) {
    const assignment = document.assignments.find((a) => a.principalId?.node.parent?.offset === offset);
    const property = assignment?.principalId?.node.parent;
    if (!assignment || !property || assignment.principalType) return [];
    const choices = data.suggested ? [data.suggested] : ['ServicePrincipal', 'Group', 'User'];
    return choices.map((type) => ({ title: `Add "principalType": "${type}"`, edits: [insertPropertyAfter(document, property, 'principalType', type)], isPreferred: data.suggested === type }));
  },
};
