// Scopes as far as a template tells them: where an assignment lands (its `scope`, or the scope
// the template deploys at), what a custom role's assignableScopes reach, and whether one contains
// the other — true, false, or "cannot tell" when the answer depends on the deployment.
import type { Value } from '../model/arm/expression';
import type { TemplateResource } from '../model/arm/template';
import type { RoleAssignment } from '../model/assignment';
import type { RoleDocument } from '../model/role-document';
import { evaluateItem } from '../model/workspace';

export type ScopeLevel = 'tenant' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

const RANK: Record<ScopeLevel, number> = { tenant: 0, managementGroup: 1, subscription: 2, resourceGroup: 3, resource: 4 };

export function coarser(a: ScopeLevel, b: ScopeLevel): boolean {
  return RANK[a] < RANK[b];
}

export interface ScopeInfo {
  readonly level: ScopeLevel;
  /** the literal path, lower-cased, when the scope is written out */
  readonly path?: string;
  /** for resource scopes: the lower-cased resource type */
  readonly resourceType?: string;
  /** the deployment's own subscription or resource group (subscription(), resourceGroup(), no scope) */
  readonly current?: true;
}

export const LEVEL_WORDS: Record<ScopeLevel, string> = {
  tenant: 'the tenant root', managementGroup: 'a management group', subscription: 'a subscription', resourceGroup: 'a resource group', resource: 'a single resource',
};

/** The scope a literal path names. */
export function parsePath(path: string): ScopeInfo | undefined {
  const p = path.trim().replace(/\/+$/, '').toLowerCase();
  if (p === '' ) return { level: 'tenant', path: '/' };
  if (/^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(p)) return { level: 'managementGroup', path: p };
  const m = /^\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+(\/providers\/(.+))?)?$/.exec(p);
  if (!m) return undefined;
  if (!m[1]) return { level: 'subscription', path: p };
  if (!m[2]) return { level: 'resourceGroup', path: p };
  const segments = m[3].split('/');
  // provider/type/name[/type/name…]: the type is the namespace and every other segment after it
  const type = [segments[0], ...segments.slice(1).filter((_, i) => i % 2 === 0)].join('/');
  return { level: 'resource', path: p, resourceType: type };
}

const RESOURCE_GROUPS = 'microsoft.resources/resourcegroups';
const SUBSCRIPTIONS = 'microsoft.resources/subscriptions';
const MANAGEMENT_GROUPS = 'microsoft.management/managementgroups';

/** The scope an evaluated value names, when it can be told. */
export function scopeOfValue(v: Value): ScopeInfo | undefined {
  if (v.kind === 'string') return v.value.startsWith('/') ? parsePath(v.value) : undefined;
  if (v.kind === 'resourceId') {
    const type = v.type.toLowerCase();
    if (type === RESOURCE_GROUPS) return { level: 'resourceGroup' };
    if (type === SUBSCRIPTIONS) return { level: 'subscription' };
    if (type === MANAGEMENT_GROUPS) return { level: 'managementGroup' };
    return { level: 'resource', resourceType: type };
  }
  if (v.kind === 'symbolic') {
    const t = v.text.toLowerCase();
    if (t === 'subscription().id') return { level: 'subscription', current: true };
    if (t === 'resourcegroup().id') return { level: 'resourceGroup', current: true };
    if (t === 'managementgroup().id') return { level: 'managementGroup', current: true };
    if (t === 'tenant().id' || t === "'/'") return { level: 'tenant' };
  }
  return undefined;
}

/** The scope of a canonical assignable-scope text (as the workspace index keeps them). */
export function scopeOfText(text: string): ScopeInfo | undefined {
  if (text.startsWith('/')) return parsePath(text);
  return scopeOfValue({ kind: 'symbolic', text });
}

/** The resource of the file a languageVersion 2.0 symbolic name (`"scope": "vault"`) names. */
export function symbolicResource(document: RoleDocument, name: string): TemplateResource | undefined {
  const resources = document.root && document.resources;
  return resources?.find((r) => r.template.parent === undefined && r.node.parent?.type === 'property' && String(r.node.parent.children?.[0]?.value) === name);
}

/** Where an assignment takes effect, as far as the file tells. */
export function assignmentScope(a: RoleAssignment, document: RoleDocument): ScopeInfo | undefined {
  if (a.scope) {
    const raw = String(a.scope.node.value);
    // languageVersion 2.0: "scope": "<symbolic name of a resource>"
    if (!raw.startsWith('[') && !raw.startsWith('/')) {
      const target = symbolicResource(document, raw);
      return target ? { level: 'resource', resourceType: target.type } : undefined;
    }
    return scopeOfValue(evaluateItem(a.scope, a.template?.env));
  }
  if (a.resource) {
    const type = a.resource.type;
    if (type.endsWith('/providers/roleassignments')) {
      const parent = type.slice(0, -'/providers/roleassignments'.length);
      return parent === RESOURCE_GROUPS ? { level: 'resourceGroup' } : { level: 'resource', resourceType: parent };
    }
    return { level: a.resource.template.scope, current: true };
  }
  return undefined;
}

/** Whether an assignable scope reaches a target scope: true, false, or undefined when it cannot be told. */
export function reaches(assignable: ScopeInfo, target: ScopeInfo): boolean | undefined {
  if (coarser(target.level, assignable.level)) return false;
  if (assignable.path && target.path) {
    if (target.path === assignable.path || target.path.startsWith(assignable.path + '/') || assignable.path === '/') return true;
    // management groups nest in ways a file does not tell
    if (assignable.level === 'managementGroup') return undefined;
    return false;
  }
  if (assignable.current && target.current) return true;
  if (assignable.level === 'tenant') return true;
  return undefined;
}
