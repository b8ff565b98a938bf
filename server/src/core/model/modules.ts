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

export type Passed = { readonly key: string; readonly values: PassedParameters };

/** A parameter value as the keys print it (canonical: two spellings of one value print alike). */
const parameterText = (name: string, value: Value) => `${name}=${canonical(value)}`;

/**
 * The module calls of the workspace's files, by calling file and by the file they call, and what
 * each called file is passed (kept until a call to it changes). Owned by the workspace session.
 */
export class ModuleCallIndex {
  private readonly byCaller = new Map<string, { readonly calls: readonly ModuleCall[]; readonly key: string }>();
  private readonly byTarget = new Map<string, Set<ModuleCall>>();
  private readonly passed = new Map<string, Passed | undefined>();

  /** Keeps the calls a file makes; true when they changed (the files they call read differently). */
  set(caller: string, calls: readonly ModuleCall[]): boolean {
    const key = calls.map((c) => `${c.target}(${[...c.parameters].map(([k, v]) => parameterText(k, v)).join(',')})`).join('\n');
    const before = this.byCaller.get(caller);
    if ((before?.key ?? '') === key) return false;
    for (const c of before?.calls ?? []) {
      const to = this.byTarget.get(c.target);
      to?.delete(c);
      if (to?.size === 0) this.byTarget.delete(c.target);
      this.passed.delete(c.target);
    }
    if (calls.length > 0) this.byCaller.set(caller, { calls, key });
    else this.byCaller.delete(caller);
    for (const c of calls) {
      const to = this.byTarget.get(c.target) ?? new Set<ModuleCall>();
      this.byTarget.set(c.target, to.add(c));
      this.passed.delete(c.target);
    }
    return true;
  }

  /**
   * The parameters the calls of a target all pass alike, with a key that changes when they do;
   * undefined when nothing is passed alike.
   */
  passedTo(target: string): Passed | undefined {
    if (!this.passed.has(target)) this.passed.set(target, passedAlike([...this.byTarget.get(target) ?? []]));
    return this.passed.get(target);
  }
}

function passedAlike(calls: readonly ModuleCall[]): Passed | undefined {
  if (calls.length === 0) return undefined;
  const values = new Map<string, Value>();
  for (const [name, value] of calls[0].parameters) {
    const text = canonical(value);
    if (calls.every((c) => { const v = c.parameters.get(name); return v !== undefined && canonical(v) === text; })) values.set(name, value);
  }
  if (values.size === 0) return undefined;
  return { key: [...values].map(([name, v]) => parameterText(name, v)).sort().join('\n'), values };
}
