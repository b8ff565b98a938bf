// Modules: a deployment of another file of the workspace (Bicep `module m './file.bicep' = { params:
// {…} }`, or an ARM template's Microsoft.Resources/deployments with templateLink.relativePath), and
// the parameter values it passes. The file used as a module reads those values as its parameters
// when every call in the workspace passes the same one (what a deployment passes is then known, not
// guessed); otherwise they stay symbolic, as a parameter without a default does.
import { getNodeValue } from 'jsonc-parser';
import { memoKey } from '../../catalog/memo';
import { type Value, canonical, fromJson } from './arm/expression';
import type { PassedParameters } from './arm/template';
import { prop, stringValue } from './json';
import type { RoleDocument } from './role-document';

const DEPLOYMENTS = 'microsoft.resources/deployments';

/** A call of another file as a module. */
export interface ModuleCall {
  /** the called file's URI */
  readonly target: string;
  /** the values passed, by lower-cased parameter name */
  readonly parameters: ReadonlyMap<string, Value>;
}

const CALLS = memoKey<{ readonly uri: string; readonly calls: readonly ModuleCall[] }>('module calls');

/** The module calls of a document at `uri` (worked out once per parse and URI). */
export function moduleCallsOf(uri: string, document: RoleDocument): readonly ModuleCall[] {
  const hit = document.memo.peek(CALLS);
  if (hit?.uri === uri) return hit.calls;
  const calls: ModuleCall[] = [];
  for (const r of document.resources) {
    if (r.type !== DEPLOYMENTS) continue;
    const path = stringValue(prop(prop(r.properties, 'templateLink'), 'relativePath'));
    const target = path ? resolveRelative(uri, path) : undefined;
    if (!target) continue;
    const parameters = new Map<string, Value>();
    const given = prop(r.properties, 'parameters');
    for (const p of given?.type === 'object' ? given.children ?? [] : []) {
      const name = p.children?.[0]?.value;
      const value = prop(p.children?.[1], 'value');
      if (typeof name === 'string' && value) parameters.set(name.toLowerCase(), fromJson(getNodeValue(value), r.template.env, 0));
    }
    calls.push({ target, parameters });
  }
  document.memo.set(CALLS, { uri, calls });
  return calls;
}

/** A relative module path from the calling file's URI; undefined for registry and template-spec references. */
function resolveRelative(from: string, path: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return undefined; // br:…, ts:…
  try {
    return new URL(path, from).href;
  } catch {
    return undefined;
  }
}

/**
 * The parameters the calls of a target all pass alike, with a key that changes when they do;
 * undefined when nothing is passed alike.
 */
export function passedTo(target: string, calls: Iterable<ModuleCall>): { readonly key: string; readonly values: PassedParameters } | undefined {
  const toTarget = [...calls].filter((c) => c.target === target);
  if (toTarget.length === 0) return undefined;
  const values = new Map<string, Value>();
  for (const [name, value] of toTarget[0].parameters) {
    const text = canonical(value);
    if (toTarget.every((c) => { const v = c.parameters.get(name); return v !== undefined && canonical(v) === text; })) values.set(name, value);
  }
  if (values.size === 0) return undefined;
  const key = [...values].map(([name, v]) => `${name}=${canonical(v)}`).sort().join('\n');
  return { key, values };
}
