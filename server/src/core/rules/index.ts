// The rule registry. Rule ids are a contract: they never change once released.
import { rule as assignmentNameFixedInLoop } from './assignment-name-fixed-in-loop';
import { rule as assignmentNameNotGuid } from './assignment-name-not-guid';
import { rule as assignmentScopeInsufficient } from './assignment-scope-insufficient';
import { rule as assignmentScopeOutsideAssignableScopes } from './assignment-scope-outside-assignable-scopes';
import { rule as broadRoleForBackup } from './broad-role-for-backup';
import { rule as missingPrincipalType } from './missing-principal-type';
import { rule as preferGroupAssignment } from './prefer-group-assignment';
import { rule as unknownRoleDefinition } from './unknown-role-definition';
import { rule as vaultIdentityMissingRole } from './vault-identity-missing-role';
import { rule as actionInDataActions } from './action-in-data-actions';
import { rule as dataActionInActions } from './data-action-in-actions';
import { rule as duplicateAction } from './duplicate-action';
import { rule as invalidAssignableScope } from './invalid-assignable-scope';
import { rule as invalidRoleShape } from './invalid-role-shape';
import { rule as missingOperationPermissions } from './missing-operation-permissions';
import { rule as multipleWildcards } from './multiple-wildcards';
import { rule as overlyBroadWildcard } from './overly-broad-wildcard';
import { rule as privilegeEscalation } from './privilege-escalation';
import { rule as readerRoleGrantsWrites } from './reader-role-grants-writes';
import { rule as roleDefinitionNameNotGuid } from './role-definition-name-not-guid';
import type { Rule } from './rule';
import { rule as templatePlaceholder } from './template-placeholder';
import { rule as unknownAction } from './unknown-action';
import { rule as wildcardMatchesNothing } from './wildcard-matches-nothing';

export const RULES: readonly Rule[] = [
  invalidRoleShape,
  unknownAction,
  multipleWildcards,
  wildcardMatchesNothing,
  dataActionInActions,
  actionInDataActions,
  duplicateAction,
  invalidAssignableScope,
  roleDefinitionNameNotGuid,
  overlyBroadWildcard,
  privilegeEscalation,
  readerRoleGrantsWrites,
  missingOperationPermissions,
  unknownRoleDefinition,
  assignmentNameNotGuid,
  assignmentNameFixedInLoop,
  missingPrincipalType,
  assignmentScopeOutsideAssignableScopes,
  assignmentScopeInsufficient,
  vaultIdentityMissingRole,
  preferGroupAssignment,
  broadRoleForBackup,
  templatePlaceholder,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

