import { isGuid } from '../model/arm-expression';
import { placeholderIn } from '../model/placeholders';
import { type Rule, again, lead, quote, whole } from './rule';

export const id = 'invalid-assignable-scope';

const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i;
const SUBSCRIPTION = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+)(\/providers\/.+)?)?$/i;
const FORMS = "'/subscriptions/<subscription id>', '/subscriptions/<subscription id>/resourceGroups/<name>' or '/providers/Microsoft.Management/managementGroups/<id>'";

export type ScopeKind = 'management-group' | 'subscription' | 'resource-group' | 'resource';

/**
 * The kind of a well-formed scope string, or the message for one that is not: what is wrong
 * first, with the value, then what to write.
 */
export function classifyScope(scope: string): { kind: ScopeKind } | { problem: string } {
  if (scope === '/') return { problem: `The root scope '/' is reserved for built-in roles; use ${FORMS}.` };
  if (scope.includes('*')) return { problem: `${lead(scope)} has a wildcard, which assignable scopes do not take; name each scope${whole(scope)}.` };
  if (scope !== scope.trim()) return { problem: `${lead(scope)} has white space around it; write ${quote(scope.trim())}.` };
  if (scope.endsWith('/')) return { problem: `${lead(scope)} ends with '/'; write ${quote(scope.replace(/\/+$/, ''))}.` };
  if (MANAGEMENT_GROUP.test(scope)) return { kind: 'management-group' };
  const m = SUBSCRIPTION.exec(scope);
  if (m) {
    if (!isGuid(m[1])) return { problem: `${lead(m[1])} is not a subscription id (a GUID): write the subscription's id in ${quote(scope)}.` };
    if (m[3]) return { kind: 'resource' };
    return { kind: m[2] ? 'resource-group' : 'subscription' };
  }
  return { problem: `${lead(scope)} is not a valid assignable scope${whole(scope)}; a scope reads ${FORMS}.` };
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
        message: 'The role has no assignableScopes; add at least one: a subscription, resource group or management group.',
      });
      return;
    }
    if (scopes.array && (scopes.array.children ?? []).length === 0) {
      report({ at: scopes.array, message: 'assignableScopes is empty; add at least one: a subscription, resource group or management group.' });
      return;
    }
    let groups = 0;
    for (const item of scopes.items) {
      // filled in by a template engine: not what Azure will see (one note says so: template-placeholder)
      if (item.expression || placeholderIn(item.value)) continue;
      const result = classifyScope(item.value);
      if ('problem' in result) {
        report({ at: item.node, message: result.problem });
      } else if (result.kind === 'resource') {
        report({
          at: item.node,
          severity: 'warning',
          message: `${lead(item.value)} is a single resource; make the role assignable at its resource group${resourceGroupOf(item.value)} or above: `
            + 'custom roles are made assignable at management groups, subscriptions and resource groups.',
        });
      } else if (result.kind === 'management-group' && ++groups > 1) {
        report({ at: item.node, message: `${lead(item.value)} is a second management group; remove ${again(item.value)}: a custom role may name only one in assignableScopes.` });
      }
    }
  },
};

/** ` '/subscriptions/<id>/resourceGroups/<name>'`: the resource group of a resource scope. */
function resourceGroupOf(scope: string): string {
  const m = SUBSCRIPTION.exec(scope);
  return m?.[2] ? ` ${quote(`/subscriptions/${m[1]}/resourceGroups/${m[2]}`)}` : '';
}
