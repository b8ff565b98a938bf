// ARM templates as the checks see them: the resources of a template (top level, child resources,
// symbolic-name maps of languageVersion 2.0, inner templates of Microsoft.Resources/deployments),
// each with the template it belongs to: its deployment scope and the variables and parameter
// defaults its expressions can be evaluated with.
import { type Node, getNodeValue } from 'jsonc-parser';
import { hasKey, prop, stringValue } from '../json';
import { type Environment, type Value, fromJson } from './expression';

export type DeploymentScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

export interface Template {
  readonly node: Node;
  readonly scope: DeploymentScope;
  readonly env: Environment;
  readonly parent: Template | undefined;
}

export interface TemplateResource {
  readonly node: Node;
  /** lower-cased type; '' when the type is an expression */
  readonly type: string;
  readonly properties: Node | undefined;
  readonly template: Template;
  /** the resource this one is a child of */
  readonly parent: TemplateResource | undefined;
}

const DEPLOYMENTS = 'microsoft.resources/deployments';
const MAX_DEPTH = 32;

export function isArmTemplate(obj: Node): boolean {
  const schema = stringValue(prop(obj, '$schema'));
  if (schema && /deploymentTemplate\.json/i.test(schema)) return true;
  const resources = prop(obj, 'resources');
  return (resources?.type === 'array' || resources?.type === 'object') && hasKey(obj, 'contentVersion');
}

function scopeOf(node: Node, fallback: DeploymentScope): DeploymentScope {
  const schema = stringValue(prop(node, '$schema'))?.toLowerCase() ?? '';
  if (schema.includes('subscriptiondeploymenttemplate')) return 'subscription';
  if (schema.includes('managementgroupdeploymenttemplate')) return 'managementGroup';
  if (schema.includes('tenantdeploymenttemplate')) return 'tenant';
  if (schema.includes('deploymenttemplate')) return 'resourceGroup';
  return fallback;
}

function lookup(obj: Node | undefined, name: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  const lower = name.toLowerCase();
  return (obj.children ?? []).find((p) => String(p.children?.[0]?.value).toLowerCase() === lower)?.children?.[1];
}

/**
 * How a template's expressions see variables and parameters. An inner template of a deployment
 * gets its parameters from the deployment's `parameters` (evaluated in the outer template) and,
 * without its own variables, the outer ones.
 */
/** Parameter values the deployments that use a template as a module pass it (model/modules.ts). */
export type PassedParameters = ReadonlyMap<string, Value>;

/**
 * The values of an object node by key, in lower case (the first of a key written twice, as
 * `lookup` finds it), made at the first ask: an environment is asked for its parameters once per
 * expression that names one, and a large template names them thousands of times.
 */
function keyed(obj: Node | undefined): (name: string) => Node | undefined {
  let byKey: Map<string, Node | undefined> | undefined;
  return (name) => {
    if (obj?.type !== 'object') return undefined;
    if (!byKey) {
      byKey = new Map();
      for (const p of obj.children ?? []) {
        const key = String(p.children?.[0]?.value).toLowerCase();
        if (!byKey.has(key)) byKey.set(key, p.children?.[1]);
      }
    }
    return byKey.get(name.toLowerCase());
  };
}

function environment(node: Node, parent: Template | undefined, deployment: Node | undefined, passedIn: PassedParameters | undefined): Environment {
  const variables = prop(node, 'variables');
  const parameter = keyed(prop(node, 'parameters'));
  const passedParameter = keyed(prop(prop(deployment, 'properties'), 'parameters'));
  const cache = new Map<string, unknown>();
  const self: Environment = {
    variable(name) {
      const key = `v:${name}`;
      if (!cache.has(key)) {
        const n = lookup(variables, name);
        cache.set(key, n ? getNodeValue(n) : parent?.env.variable(name));
      }
      return cache.get(key);
    },
    parameter(name, depth) {
      const given = prop(passedParameter(name), 'value');
      if (given && parent) return fromJson(getNodeValue(given), parent.env, depth);
      const fromCaller = passedIn?.get(name.toLowerCase());
      if (fromCaller) return fromCaller;
      const fallback = prop(parameter(name), 'defaultValue');
      return fallback ? fromJson(getNodeValue(fallback), self, depth) : undefined;
    },
  };
  return self;
}

/** A template; its scope is its $schema's, else `fallback`, else its parent's, else a resource group. */
export function makeTemplate(node: Node, parent: Template | undefined, fallback?: DeploymentScope, deployment?: Node, passed?: PassedParameters): Template {
  return { node, scope: scopeOf(node, fallback ?? parent?.scope ?? 'resourceGroup'), env: environment(node, parent, deployment, passed), parent };
}

/** Resource nodes under a template or a resource: `resources` as an array, or an object of symbolic names. */
export function resourcesOf(container: Node): Node[] {
  const resources = prop(container, 'resources');
  if (resources?.type === 'array') return (resources.children ?? []).filter((n) => n.type === 'object');
  if (resources?.type === 'object') return (resources.children ?? []).map((p) => p.children?.[1]).filter((n): n is Node => n?.type === 'object');
  return [];
}

/** A top-level resource of a template with its child resources and inner templates' resources. */
export function resourcesUnder(node: Node, template: Template): TemplateResource[] {
  const found: TemplateResource[] = [];
  const visitTemplate = (t: Template, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const n of resourcesOf(t.node)) visitResource(n, t, undefined, depth);
  };
  const visitResource = (n: Node, t: Template, parent: TemplateResource | undefined, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const rawType = stringValue(prop(n, 'type'));
    const type = rawType && !rawType.startsWith('[') ? rawType.toLowerCase() : '';
    const properties = prop(n, 'properties');
    const resource: TemplateResource = { node: n, type, properties: properties?.type === 'object' ? properties : undefined, template: t, parent };
    found.push(resource);
    if (type === DEPLOYMENTS) {
      const inner = prop(properties, 'template');
      // a nested deployment into a resource group deploys at resource-group scope
      const fallback: DeploymentScope = hasKey(properties, 'resourceGroup') || hasKey(n, 'resourceGroup') ? 'resourceGroup' : t.scope;
      if (inner?.type === 'object') visitTemplate(makeTemplate(inner, t, fallback, n), depth + 1);
    }
    for (const child of resourcesOf(n)) visitResource(child, t, resource, depth + 1);
  };
  visitResource(node, template, undefined, 0);
  return found;
}
