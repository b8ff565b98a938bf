// Where a resource, a resource group or an assignment's scope lives, as far as a template tells,
// and whether one place holds another: true, false, or undefined when only the deployment can tell.
//
// A place is the path of Azure's resource ids, one segment a step (subscriptions, <id>,
// resourcegroups, <name>, providers, <namespace>, <type>, <name>, …), each segment a literal
// (lower-cased), the deployment's own subscription or resource group (CURRENT), or an expression
// kept as its canonical text (`=parameters('diskId')`). A resource group named explicitly (a
// literal, a parameter) is taken to be another than the deployment's own, since a template names a
// resource group only to reach another; a subscription named explicitly may still be the
// deployment's, so that comparison cannot be told.
import { type Value, canonical, evaluateString } from '../model/arm/expression';
import type { TemplateResource, Template } from '../model/arm/template';
import type { RoleAssignment } from '../model/assignment';
import { prop } from '../model/json';
import type { RoleDocument } from '../model/role-document';
import { evaluateItem } from '../model/workspace';
import { symbolicResource } from './scope';

export type Place = readonly string[];

/** The deployment's own subscription or resource group, in the outermost template. */
const CURRENT = '@';
/** The same in a nested deployment, which may deploy elsewhere: never compared. */
const NESTED = '@nested';

const RESOURCE_GROUPS = 'microsoft.resources/resourcegroups';
const SUBSCRIPTIONS = 'microsoft.resources/subscriptions';

function currentOf(template: Template | undefined): string {
  return template?.parent ? NESTED : CURRENT;
}

function segment(v: Value): string {
  if (v.kind === 'string') return v.value.toLowerCase();
  const text = canonical(v).toLowerCase();
  if (text === 'resourcegroup().name' || text === 'subscription().subscriptionid') return CURRENT;
  return `=${text}`;
}

/** provider/type/child… with the names: providers, namespace, type, name, child, name… */
function resourceSegments(type: string, names: readonly string[]): string[] | undefined {
  const [namespace, ...types] = type.toLowerCase().split('/');
  if (!namespace || types.length === 0) return undefined;
  // one name a type, or one name holding the parents' ('vault/instance')
  const flat = names.length === 1 && types.length > 1 ? names[0].split('/') : names;
  if (flat.length !== types.length) return undefined;
  return ['providers', namespace, ...types.flatMap((t, i) => [t, flat[i]])];
}

/** The place a literal path names. */
export function placeOfPath(path: string): Place | undefined {
  const segments = path.trim().toLowerCase().split('/').filter((s) => s !== '');
  if (segments.length === 0) return [];
  return segments[0] === 'subscriptions' || segments[0] === 'providers' ? segments : undefined;
}

/**
 * The place an evaluated value names. `template` is the one the value is written in (whose
 * deployment `resourceGroup()` means); `document` lets a Bicep `existing` resource's own `scope`
 * tell where `sym.id` lives.
 */
export function placeOfValue(v: Value, template: Template | undefined, document?: RoleDocument): Place | undefined {
  const current = currentOf(template);
  if (v.kind === 'string') return v.value.startsWith('/') ? placeOfPath(v.value) : undefined;
  if (v.kind === 'symbolic') {
    const t = v.text.toLowerCase();
    if (t === 'resourcegroup().id') return ['subscriptions', current, 'resourcegroups', current];
    if (t === 'subscription().id') return ['subscriptions', current];
    if (t === 'tenant().id' || t === "'/'") return [];
    return undefined;
  }
  if (v.kind !== 'resourceId' || v.level === 'extension' || v.level === 'tenant') return undefined;
  const type = v.type.toLowerCase();
  const prefix = (v.prefix ?? []).map(segment);
  const names = v.names.map(segment);
  if (v.level === 'subscription') {
    const sub = prefix.length === 1 ? prefix[0] : current;
    if (type === RESOURCE_GROUPS && names.length === 1) return ['subscriptions', sub, 'resourcegroups', names[0]];
    if (type === SUBSCRIPTIONS && names.length === 1) return ['subscriptions', names[0]];
    const rest = resourceSegments(type, names);
    return rest && ['subscriptions', sub, ...rest];
  }
  // resourceId([subscriptionId,] [resourceGroupName,] type, names…)
  const sub = prefix.length === 2 ? prefix[0] : current;
  if (type === RESOURCE_GROUPS && names.length === 1) return ['subscriptions', sub, 'resourcegroups', names[0]];
  if (type === SUBSCRIPTIONS && names.length === 1) return ['subscriptions', names[0]];
  let group: Place = ['subscriptions', sub, 'resourcegroups', prefix.length >= 1 ? prefix[prefix.length - 1] : current];
  if (prefix.length === 0 && document) group = declaredGroup(document, type, names) ?? group;
  const rest = resourceSegments(type, names);
  return rest && [...group, ...rest];
}

/** Where a resource of the file with this type and name says it lives (a Bicep `existing` resource's `scope`, ARM's `resourceGroup`). */
function declaredGroup(document: RoleDocument, type: string, names: readonly string[]): Place | undefined {
  if (!document.root || names.length !== 1) return undefined;
  for (const r of document.resources) {
    if (r.type !== type || r.parent) continue;
    const name = prop(r.node, 'name');
    if (typeof name?.value !== 'string' || segment(evaluateString(name.value, r.template.env)) !== names[0]) continue;
    return groupOfResource(r);
  }
  return undefined;
}

/** The resource group a resource of the file is deployed in or read from. */
function groupOfResource(r: TemplateResource): Place | undefined {
  const current = currentOf(r.template);
  const scope = prop(r.node, 'scope');
  if (typeof scope?.value === 'string') {
    const place = placeOfValue(evaluateString(scope.value, r.template.env), r.template);
    return place && place.length === 4 && place[2] === 'resourcegroups' ? place : undefined;
  }
  const group = prop(r.node, 'resourceGroup');
  if (typeof group?.value === 'string') {
    const sub = prop(r.node, 'subscriptionId');
    return ['subscriptions', typeof sub?.value === 'string' ? segment(evaluateString(sub.value, r.template.env)) : current,
      'resourcegroups', segment(evaluateString(group.value, r.template.env))];
  }
  return r.template.scope === 'resourceGroup' ? ['subscriptions', current, 'resourcegroups', current] : undefined;
}

/** The place of a resource of the file (languageVersion 2.0's `"scope": "<symbolic name>"`). */
export function placeOfResource(r: TemplateResource): Place | undefined {
  const group = groupOfResource(r);
  const name = prop(r.node, 'name');
  if (!group || typeof name?.value !== 'string') return undefined;
  const rest = resourceSegments(r.type, [segment(evaluateString(name.value, r.template.env))]);
  return rest && [...group, ...rest];
}

/** Where an assignment lands: its `scope`, else the scope its template deploys at. */
export function placeOfAssignment(a: RoleAssignment, document: RoleDocument): Place | undefined {
  if (a.scope) {
    const raw = String(a.scope.node.value);
    if (!raw.startsWith('[') && !raw.startsWith('/')) {
      const target = symbolicResource(document, raw);
      return target && placeOfResource(target);
    }
    return placeOfValue(evaluateItem(a.scope, a.template?.env), a.template, document);
  }
  if (!a.resource || a.resource.type.endsWith('/providers/roleassignments')) return undefined;
  const current = currentOf(a.resource.template);
  if (a.resource.template.scope === 'resourceGroup') return ['subscriptions', current, 'resourcegroups', current];
  if (a.resource.template.scope === 'subscription') return ['subscriptions', current];
  return undefined;
}

/** Whether two segments name the same: true, false, or undefined. `position` is the segment's index in the path. */
function sameSegment(a: string, b: string, position: number): boolean | undefined {
  if (a === b) return a === NESTED ? undefined : true;
  if (a === NESTED || b === NESTED) return undefined;
  const resourceGroup = position === 3;
  if (a === CURRENT || b === CURRENT) return resourceGroup ? false : undefined;
  if (a.startsWith('=') || b.startsWith('=')) return undefined;
  return false;
}

/** Whether `scope` holds `target` (is it, or a scope above it): true, false, or undefined. */
export function holds(scope: Place, target: Place): boolean | undefined {
  if (scope.length === 0) return true; // the tenant root
  if (scope[0] === 'providers') return scope.length >= 2 && scope[1] === 'microsoft.management' ? undefined : false; // a management group
  if (scope.length > target.length) return false; // a resource never holds its resource group, nor a group its subscription
  let unknown = false;
  for (let i = 0; i < scope.length; i++) {
    const same = sameSegment(scope[i], target[i], i);
    if (same === false) return false;
    if (same === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

/** The resource group part of a resource's place. */
export function groupOf(place: Place): Place | undefined {
  return place.length >= 4 && place[0] === 'subscriptions' && place[2] === 'resourcegroups' ? place.slice(0, 4) : undefined;
}

/** A resource group in a message: 'disks-rg', parameters('rg'), or the deployment's own. */
export function groupName(place: Place): string | undefined {
  const g = groupOf(place);
  if (!g) return undefined;
  if (g[3] === CURRENT) return "the deployment's resource group";
  if (g[3] === NESTED) return undefined;
  return g[3].startsWith('=') ? g[3].slice(1) : `'${g[3]}'`;
}
