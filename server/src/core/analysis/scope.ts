// Scopes as far as a template tells them: where an assignment lands (its `scope`, or the scope
// the template deploys at), what a custom role's assignableScopes reach, and whether one contains
// the other — true, false, or "cannot tell" when the answer depends on the deployment.
import type { Value } from '../model/arm/expression';
import type { TemplateResource } from '../model/arm/template';
import type { RoleAssignment } from '../model/assignment';
import type { RoleDocument } from '../model/role-document';
import { placeholderIn } from '../model/placeholders';
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

/** The scope a literal path names; a path with a template engine's placeholder in it (`{subscriptionId}`) is told by its level alone. */
export function parsePath(path: string): ScopeInfo | undefined {
  const found = parseLiteralPath(path);
  if (!found?.path || !placeholderIn(path)) return found;
  return { level: found.level, ...(found.resourceType ? { resourceType: found.resourceType } : {}) };
}

function parseLiteralPath(path: string): ScopeInfo | undefined {
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

/**
 * The scope a path names whose unknown pieces are holes (HOLE, one segment each): its level and
 * resource type, never a path. A resource after the last `/providers/` is one whatever comes
 * before it (`format('{0}/providers/Microsoft.RecoveryServices/vaults/{1}', parameters('rg'), …)`).
 */
function scopeOfShape(shape: string): ScopeInfo | undefined {
  const known = parsePath(shape);
  if (known) return { level: known.level, ...(known.resourceType ? { resourceType: known.resourceType } : {}) };
  const providers = shape.toLowerCase().lastIndexOf('/providers/');
  if (providers < 0) return undefined;
  const resource = relativeResource(shape.slice(providers + '/providers/'.length));
  if (resource?.resourceType === MANAGEMENT_GROUPS) return providers === 0 ? { level: 'managementGroup' } : undefined;
  return resource;
}

/** `Microsoft.RecoveryServices/vaults/<name>[/<type>/<name>…]`: a resource named relative to the deployment's scope, as a template's `scope` may name it. */
function relativeResource(name: string): ScopeInfo | undefined {
  const segments = name.replace(/\/+$/, '').split('/');
  if (segments.length < 3 || segments.length % 2 === 0 || !/^[a-z0-9]+(\.[a-z0-9]+)+$/i.test(segments[0]) || segments.some((s) => s === '')) return undefined;
  const types = segments.filter((_, i) => i % 2 === 1);
  if (types.some((t) => t.includes(HOLE))) return undefined;
  return { level: 'resource', resourceType: [segments[0], ...types].join('/').toLowerCase() };
}

/** Where a piece known only at deployment stands in a path's shape. */
const HOLE = '\u0000';

/** The text of a value as a path's shape: what is known as written, the deployment's own scopes as their ids' shapes, anything else a hole. */
function shapeOf(v: Value): string {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return String(v.value);
  if (v.kind !== 'symbolic') return HOLE;
  if (v.parts) return v.parts.map(shapeOf).join('');
  switch (v.text.toLowerCase()) {
    case 'subscription().id': return `/subscriptions/${HOLE}`;
    case 'resourcegroup().id': return `/subscriptions/${HOLE}/resourceGroups/${HOLE}`;
    case 'managementgroup().id': return `/providers/Microsoft.Management/managementGroups/${HOLE}`;
    default: return HOLE;
  }
}

/** The scope an evaluated value names, when it can be told. */
export function scopeOfValue(v: Value): ScopeInfo | undefined {
  if (v.kind === 'string') return v.value.startsWith('/') ? parsePath(v.value) : undefined;
  if (v.kind === 'symbolic' && v.parts) {
    const shape = shapeOf(v);
    return shape.startsWith('/') || shape.startsWith(HOLE) ? scopeOfShape(shape) : undefined;
  }
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

function symbolicResource(document: RoleDocument, name: string): TemplateResource | undefined {
  const resources = document.root && document.resources;
  return resources?.find((r) => r.template.parent === undefined && r.node.parent?.type === 'property' && String(r.node.parent.children?.[0]?.value) === name);
}

/** Where an assignment takes effect, as far as the file tells. */
export function assignmentScope(a: RoleAssignment, document: RoleDocument): ScopeInfo | undefined {
  if (a.scope) {
    const raw = String(a.scope.node.value);
    // languageVersion 2.0: "scope": "<symbolic name of a resource>"
    if (!raw.startsWith('[') && !raw.includes('/')) {
      const target = symbolicResource(document, raw);
      return target ? { level: 'resource', resourceType: target.type } : undefined;
    }
    const v = evaluateItem(a.scope, a.template?.env);
    // a resource of the deployment's scope by its relative name, as Bicep compiles `scope: vault`:
    // `[format('Microsoft.RecoveryServices/vaults/{0}', parameters('vaultName'))]`
    const shape = shapeOf(v);
    if (!shape.startsWith('/') && !shape.startsWith(HOLE)) return relativeResource(shape);
    return scopeOfValue(v);
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
