import { isGuid } from '../arm-expression';
import { type Rule, quote } from './rule';

export const id = 'invalid-assignable-scope';

const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i;
const SUBSCRIPTION = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+)(\/providers\/.+)?)?$/i;
const FORMS = "'/subscriptions/<subscription id>', '/subscriptions/<subscription id>/resourceGroups/<name>' or '/providers/Microsoft.Management/managementGroups/<id>'";

export type ScopeKind = 'management-group' | 'subscription' | 'resource-group' | 'resource';

/** The kind of a well-formed scope string, or why it is not one. */
export function classifyScope(scope: string): { kind: ScopeKind } | { problem: string } {
  if (scope === '/') return { problem: `the root scope '/' is reserved for built-in roles; use ${FORMS}` };
  if (scope.includes('*')) return { problem: 'assignable scopes take no wildcards; name each scope' };
  if (scope !== scope.trim()) return { problem: 'the scope has white space around it' };
  if (scope.endsWith('/')) return { problem: "the scope ends with '/'" };
  if (MANAGEMENT_GROUP.test(scope)) return { kind: 'management-group' };
  const m = SUBSCRIPTION.exec(scope);
  if (m) {
    if (!isGuid(m[1])) return { problem: `${quote(m[1])} is not a subscription id (a GUID)` };
    if (m[3]) return { kind: 'resource' };
    return { kind: m[2] ? 'resource-group' : 'subscription' };
  }
  return { problem: `a scope reads ${FORMS}` };
}

export const rule: Rule = {
  id,
  summary: "A custom role's assignableScopes are missing, empty, malformed, use '/' or wildcards, or name more than one management group.",
  defaultSeverity: 'error',
  appliesToBuiltInRoles: false,
  check({ role, report }) {
    const scopes = role.assignableScopes;
    if (scopes.expression) return;
    if (!scopes.property) {
      report({
        at: role.name?.node ?? role.node,
        message: 'The role has no assignableScopes; a custom role needs at least one subscription, resource group or management group.',
      });
      return;
    }
    if (scopes.array && (scopes.array.children ?? []).length === 0) {
      report({ at: scopes.array, message: 'assignableScopes is empty; a custom role needs at least one subscription, resource group or management group.' });
      return;
    }
    let groups = 0;
    for (const item of scopes.items) {
      if (item.expression) continue;
      const result = classifyScope(item.value);
      if ('problem' in result) {
        report({ at: item.node, message: `${quote(item.value)} is not a valid assignable scope: ${result.problem}.` });
      } else if (result.kind === 'resource') {
        report({
          at: item.node,
          severity: 'warning',
          message: `${quote(item.value)} is a single resource; custom roles are made assignable at management groups, subscriptions and resource groups.`,
        });
      } else if (result.kind === 'management-group' && ++groups > 1) {
        report({ at: item.node, message: `${quote(item.value)} is a second management group; a custom role may name only one in assignableScopes.` });
      }
    }
  },
};
