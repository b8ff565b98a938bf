// Bicep's syntax tree (tree-sitter-bicep) as the ARM template it compiles to, in JSON's shape: the
// nodes the JSON front end's model reads (`jsonc-parser` nodes), each with the offset and length of
// the Bicep text it stands for, so that the model, the rules and their diagnostics work on a Bicep
// file unchanged. Values the deployment computes become ARM expression strings ("[guid(...)]") that
// the ARM evaluator already understands; what has no ARM counterpart stays symbolic
// (`bicepSymbol('name')`), so no finding rests on a guess.
//
// Recovery is per top-level statement: a statement the grammar cannot read (an ERROR node, such as
// `import {…} from …` in grammar 1.1.0) is left out and reported, and never hides the resources
// beside it; a value it cannot read inside a statement stays opaque (`bicepExpression(…)`).
import type { Node } from 'jsonc-parser';
import type { SyntaxProblem } from '../model/role-document';

/** What the front end reads of a tree-sitter node (web-tree-sitter's `Node`, offsets in UTF-16 code units). */
export interface SyntaxNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  readonly isMissing: boolean;
  /** it holds an ERROR or MISSING node somewhere */
  readonly hasError: boolean;
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly children: readonly (SyntaxNode | null)[];
  childForFieldName(name: string): SyntaxNode | null;
  /**
   * Where the front end knows it (syntax.ts): a string written plainly, `'…'` on one line with no
   * escape and no interpolation (its text between the quotes is its value), or an array of such
   * strings only. Asked first, as most of a role's values are: they are read from the text.
   */
  readonly plain?: boolean;
  /** For a plain array: its strings' [start, end) spans (quotes included), in order. */
  plainItems?(): readonly number[] | undefined;
}

type Kind = 'param' | 'var' | 'resource' | 'module' | 'other';

/** A `resource` declaration, top level or nested, as other expressions refer to it by its symbol. */
interface ResourceSymbol {
  /** the full type without the API version (a nested child's type is its parent's and its own) */
  readonly type: string;
  /** the `name:` value, while its tree is at hand */
  readonly name: SyntaxNode | undefined;
  /** the parent's symbol: the resource it is nested in, or its `parent:` */
  readonly parent: string | undefined;
}

/**
 * What the statements of a file read of each other, kept with its model once the syntax trees are
 * gone, so that one `resource` declaration can be read again alone after an edit inside it
 * (`BicepToJson.unit`).
 */
export interface BicepSymbols {
  readonly kinds: Map<string, Kind>;
  readonly resources: Map<string, ResourceSymbol>;
  /** each resource's `name:` as an ARM expression (null: it has none) */
  readonly names: Map<string, string | null>;
  /** each `var`'s value as the template holds it: the nodes are the template's, so edits move them */
  readonly variables: Map<string, Mutable>;
  /** the symbols each top-level resource declares (its own, then its nested resources'); undefined for a symbol declared twice */
  readonly declared: Map<string, readonly string[] | undefined>;
}

export function emptySymbols(): BicepSymbols {
  return { kinds: new Map(), resources: new Map(), names: new Map(), variables: new Map(), declared: new Map() };
}

const ROLE_DEFINITIONS = 'microsoft.authorization/roledefinitions';

const SCHEMAS: Record<string, string> = {
  resourceGroup: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  subscription: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
  managementGroup: 'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#',
  tenant: 'https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#',
};

export type Mutable = { -readonly [K in keyof Node]: Node[K] };

/**
 * A node made with every field it will be given (a leaf its value, a container its children and a
 * property its colon, set later by adopt() and property()): a field added to an object after it
 * is made is kept outside it, one more allocation per node (a file of 2,000 roles is ~180,000 nodes).
 */
function node(type: Node['type'], offset: number, length: number, value?: unknown): Mutable {
  if (value !== undefined) return { type, offset, length, value, parent: undefined } as Mutable;
  return type === 'property'
    ? { type, offset, length, colonOffset: undefined, parent: undefined, children: undefined } as Mutable
    : { type, offset, length, parent: undefined, children: undefined } as Mutable;
}

function adopt(parent: Mutable, children: Mutable[]): Mutable {
  parent.children = children;
  for (const c of children) c.parent = parent;
  return parent;
}

/** `...x` in an object or array, which tree-sitter-bicep 1.1.0 leaves an ERROR node. */
const isSpread = (n: SyntaxNode): boolean => n.type === 'ERROR' && n.text.startsWith('...');

/**
 * `x!` (Bicep 0.22's non-null assertion, which the value it follows stands for) where grammar 1.1.0
 * leaves the `!` an ERROR node after `x` (in a call's arguments, an array): an ERROR of `!` alone,
 * written right after the node before it.
 */
function isAssertion(n: SyntaxNode, before: SyntaxNode | undefined): boolean {
  return n.type === 'ERROR' && before !== undefined && before.endIndex === n.startIndex && n.text === '!';
}

/**
 * A node's named children but comments, and the `!` of a non-null assertion the grammar left an
 * ERROR (see isAssertion); not to be changed (it may be the node's own list, where nothing is left out).
 */
const named = (n: SyntaxNode): readonly SyntaxNode[] => {
  const all = n.namedChildren;
  let k = 0;
  // (most nodes have nothing to leave out: their own list, not a copy; the walk asks for it often)
  while (k < all.length) {
    const c = all[k];
    if (c === null || c.type === 'comment' || c.type === 'ERROR') break;
    k++;
  }
  if (k === all.length) return all as readonly SyntaxNode[];
  const out: SyntaxNode[] = all.slice(0, k) as SyntaxNode[];
  for (; k < all.length; k++) {
    const c = all[k];
    if (c === null || c.type === 'comment' || isAssertion(c, out[out.length - 1])) continue;
    out.push(c);
  }
  return out;
};
/**
 * A property's named children when it is a `key: value` the template holds (the key an identifier
 * or a string, not a nested resource): the key first, the value last; undefined otherwise.
 */
function propertyChildren(p: SyntaxNode): readonly SyntaxNode[] | undefined {
  if (p.type !== 'object_property') return undefined;
  const children = named(p);
  return children.length > 1 && children[0].type !== 'resource_declaration' ? children : undefined;
}

/** `'…'` on one line, with no escape, no interpolation and no quote inside (nor a `'''` string). */
function isPlainQuoted(text: string): boolean {
  const last = text.length - 1;
  if (last < 1 || text.charCodeAt(0) !== 39 || text.charCodeAt(last) !== 39 || (last > 1 && text.charCodeAt(1) === 39)) return false;
  for (let i = 1; i < last; i++) {
    const c = text.charCodeAt(i);
    if (c === 39 || c === 92 /* \ */ || c === 10 || c === 13 || (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */)) return false;
  }
  return true;
}

/** The last of an `if`'s or a `for`'s parts that is (or leads to) a body. */
function lastBody(parts: readonly SyntaxNode[]): SyntaxNode | undefined {
  for (let i = parts.length - 1; i >= 0; i--) {
    const t = parts[i].type;
    if (t === 'object' || t === 'if_statement' || t === 'for_statement') return parts[i];
  }
  return undefined;
}
const span = (n: SyntaxNode) => ({ offset: n.startIndex, length: n.endIndex - n.startIndex });

function property(key: string, keyAt: { offset: number; length: number }, value: Mutable): Mutable {
  const k = node('string', keyAt.offset, keyAt.length, key);
  // (made whole, as node() makes a property: its colon and children given, not set after)
  const p = { type: 'property', offset: keyAt.offset, length: value.offset + value.length - keyAt.offset, colonOffset: keyAt.offset + keyAt.length, parent: undefined, children: [k, value] } as Mutable;
  k.parent = p;
  value.parent = p;
  return p;
}

function object(at: { offset: number; length: number }, properties: Mutable[]): Mutable {
  return adopt(node('object', at.offset, at.length), properties);
}

/** A value worked out once per symbol and kept in `known`; undefined for a symbol whose value reads itself (`reading`: those under way). */
function once<T>(known: Map<string, T>, reading: Set<string>, key: string, work: () => T): T | undefined {
  const had = known.get(key);
  if (had !== undefined || reading.has(key)) return had;
  reading.add(key);
  try {
    const value = work();
    known.set(key, value);
    return value;
  } finally {
    reading.delete(key);
  }
}

/** A copy of a tree (a variable's value written where it is used), its offsets mapped. */
function copy(n: Node, at: (offset: number) => number): Mutable {
  const c = node(n.type, at(n.offset), n.length, n.value);
  if (n.colonOffset !== undefined) c.colonOffset = at(n.colonOffset);
  return n.children ? adopt(c, n.children.map((k) => copy(k, at))) : c;
}

/** A Bicep string's text, escapes read (`\'`, `\\`, `\n`, `\t`, `\r`, `\$`, `\u{…}`). */
function unescape(sequence: string): string {
  const c = sequence.slice(1);
  if (c.startsWith('u{')) return String.fromCodePoint(parseInt(c.slice(2, -1), 16));
  return { n: '\n', r: '\r', t: '\t' }[c] ?? c;
}

/** Whether a text names an identifier: the name, not inside a longer one. */
function namesIdentifier(text: string, name: string): boolean {
  if (name === '') return false;
  const part = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!part(text[at - 1]) && !part(text[at + name.length])) return true;
  }
  return false;
}

const armString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Builds the template of a file (`template`), or one declaration of it again (`unit`);
 * `problems` receives the statements it could not read.
 */
export class BicepToJson {
  private readonly kinds: Map<string, Kind>;
  private readonly resourceSymbols: Map<string, ResourceSymbol>;
  /** each `var`'s value as written, until read into `state.variables` */
  private readonly variableValues = new Map<string, SyntaxNode>();
  /** variables being read now (a variable that names itself is not followed), names likewise */
  private readonly inlining = new Set<string>();
  private readonly naming = new Set<string>();
  /** the loops (`[for (item, index) in items: …]`) of the resource being built, innermost last */
  private readonly loops: { readonly item?: string; readonly index?: string; readonly items: string }[] = [];
  readonly problems: SyntaxProblem[] = [];
  /** where a unary `!` is the non-null assertion of the array item before it, not a negation (see items) */
  private readonly assertions = new Set<number>();
  private readonly keyNames = new Map<string, string>();

  /**
   * `text` is what the nodes' offsets count in; `state`, what is known of the file's other
   * statements when one declaration is read again, and `moved`, where a node of the file's
   * template copied here sits in `text` (`UnitReader.read`).
   */
  constructor(private readonly text: string, private readonly state: BicepSymbols = emptySymbols(), private readonly moved: (offset: number) => number = (o) => o) {
    this.kinds = state.kinds;
    this.resourceSymbols = state.resources;
  }

  /** What the file's statements read of each other (complete once `template` has run). */
  get symbols(): BicepSymbols {
    return this.state;
  }

  /** The template of a file, from its top-level statements (the grammar's root node, or the statements of several parses). */
  template(root: Pick<SyntaxNode, 'namedChildren'>): Mutable {
    const statements = root.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    for (const s of statements) {
      const name = s.type.endsWith('_declaration') ? named(s).find((c) => c.type === 'identifier')?.text : undefined;
      if (name) this.kinds.set(name, s.type === 'parameter_declaration' ? 'param' : s.type === 'variable_declaration' ? 'var' : s.type === 'resource_declaration' ? 'resource' : s.type === 'module_declaration' ? 'module' : 'other');
      if (s.type === 'resource_declaration' && name) {
        const declared = this.collectResource(s, undefined, this.resourceSymbols);
        // a symbol declared twice (Bicep refuses it) is never read again alone
        this.state.declared.set(name, this.state.declared.has(name) ? undefined : declared);
      }
      if (s.type === 'variable_declaration' && name) {
        const parts = named(s);
        const value = parts[parts.length - 1];
        if (parts.length > 1 && value) this.variableValues.set(name, value);
      }
    }
    let scope = 'resourceGroup';
    let scopeAt = { offset: 0, length: 0 };
    const parameters: Mutable[] = [];
    const variables: Mutable[] = [];
    const resources: Mutable[] = [];
    for (const s of statements) {
      if (s.type === 'ERROR' || s.isMissing) {
        this.problems.push({ offset: s.startIndex, length: s.endIndex - s.startIndex, message: JSON.stringify(s.text.slice(0, 40)), language: 'bicep' });
        continue;
      }
      if (s.hasError && this.isRoleResource(s)) this.reportErrorsIn(s);
      const parts = named(s);
      const id = parts.find((c) => c.type === 'identifier');
      switch (s.type) {
        case 'target_scope_assignment': {
          const value = parts.find((c) => c.type === 'string');
          if (value) {
            scope = this.literal(value) ?? scope;
            scopeAt = span(value);
          }
          break;
        }
        case 'parameter_declaration': {
          if (!id) break;
          const value = this.defaultOf(s);
          const type = parts.find((c) => c.type === 'type');
          const props = [property('type', type ? span(type) : span(id), node('string', (type ?? id).startIndex, (type ?? id).endIndex - (type ?? id).startIndex, type?.text ?? 'object'))];
          if (value) props.push(property('defaultValue', span(value), this.value(value)));
          parameters.push(property(id.text, span(id), object(span(s), props)));
          break;
        }
        case 'variable_declaration': {
          const value = id && this.variable(id.text);
          if (id && value) variables.push(property(id.text, span(id), value));
          break;
        }
        case 'resource_declaration': {
          const resource = this.resource(s, undefined);
          if (resource && id) resources.push(property(id.text, span(id), resource));
          break;
        }
        case 'module_declaration': {
          const module = this.module(s);
          if (module && id) resources.push(property(id.text, span(id), module));
          break;
        }
      }
    }
    // what a declaration read again alone reads of the others: the names as expressions (the trees go)
    for (const [symbol, r] of this.resourceSymbols) {
      this.nameOf(symbol);
      this.resourceSymbols.set(symbol, { type: r.type, name: undefined, parent: r.parent });
    }
    const whole = { offset: 0, length: this.text.length };
    // resources by symbolic name, as ARM's languageVersion 2.0 (what Bicep compiles to when it
    // needs to): `scope: vault` and `vault.identity.principalId` read as they do there
    return object(whole, [
      property('$schema', scopeAt, node('string', scopeAt.offset, scopeAt.length, SCHEMAS[scope] ?? SCHEMAS.resourceGroup)),
      property('languageVersion', { offset: 0, length: 0 }, node('string', 0, 0, '2.0')),
      property('contentVersion', { offset: 0, length: 0 }, node('string', 0, 0, '1.0.0.0')),
      property('parameters', { offset: 0, length: 0 }, object(whole, parameters)),
      property('variables', { offset: 0, length: 0 }, object(whole, variables)),
      property('resources', { offset: 0, length: 0 }, object(whole, resources)),
    ]);
  }

  /**
   * One top-level `resource` declaration read again alone, as the property the template holds
   * it in; undefined when it cannot be read alone: a syntax error in it, or what other statements
   * read of it (its symbols, their types, parents and names) is not what it was.
   */
  unit(declaration: SyntaxNode): Mutable | undefined {
    const id = named(declaration).find((c) => c.type === 'identifier');
    const before = id && this.state.declared.get(id.text);
    if (!id || !before || declaration.type !== 'resource_declaration' || declaration.hasError) return undefined;
    const read = new Map<string, ResourceSymbol>();
    const symbols = this.collectResource(declaration, undefined, read);
    if (symbols.length !== before.length || symbols.some((s, i) => s !== before[i])) return undefined;
    for (const symbol of symbols) {
      const now = read.get(symbol)!;
      const was = this.resourceSymbols.get(symbol);
      if (!was || was.type !== now.type || was.parent !== now.parent || (now.name ? this.expression(now.name) : null) !== this.state.names.get(symbol)) return undefined;
    }
    const resource = this.resource(declaration, undefined);
    return resource && this.problems.length === 0 ? property(id.text, span(id), resource) : undefined;
  }

  /** A `var`'s value as the template holds it (read once); undefined for a variable that names itself. */
  private variable(name: string): Mutable | undefined {
    const source = this.variableValues.get(name);
    return this.state.variables.get(name) ?? (source && once(this.state.variables, this.inlining, name, () => this.value(source)));
  }

  /** A variable's value of the given type (a list, an object) written where it is used: a copy, its nodes where the variable is. */
  private inlined(name: string, type: 'array' | 'object'): Mutable | undefined {
    const value = this.kinds.get(name) === 'var' ? this.variable(name) : undefined;
    return value?.type === type ? copy(value, this.moved) : undefined;
  }

  /** A resource's `name:` as an ARM expression; null when it has none, or names itself. */
  private nameOf(symbol: string): string | null {
    return once(this.state.names, this.naming, symbol, () => {
      const name = this.resourceSymbols.get(symbol)?.name;
      return name ? this.expression(name) : null;
    }) ?? null;
  }

  /**
   * `...common` in an object (Bicep 0.31; grammar 1.1.0 leaves it an ERROR node): the properties of
   * a variable's object literal, where they are written; else one property `...` whose value is
   * not known, so a rule can tell the object may hold more than it shows.
   */
  private spread(n: SyntaxNode): Mutable[] {
    const target = named(n).find((c) => c.type === 'identifier');
    const value = target && this.inlined(target.text, 'object');
    if (value) return (value.children ?? []) as Mutable[];
    return [property('...', span(n), this.opaqueNode(n))];
  }

  private opaqueNode(n: SyntaxNode): Mutable {
    return this.expressionNode(this.opaque(n), span(n));
  }

  /** A role definition or assignment resource (what the checks read), by its declared type. */
  private isRoleResource(s: SyntaxNode): boolean {
    if (s.type !== 'resource_declaration') return false;
    const type = named(s).find((c) => c.type === 'string')?.text.toLowerCase() ?? '';
    return type.includes('microsoft.authorization/role') || type.includes('/providers/roleassignments');
  }

  /**
   * What the grammar could not read inside a role definition or assignment it read (a
   * double-quoted string, a token being typed): reported where it is; the values around it read
   * as far as they can be. (Elsewhere, newer syntax the grammar does not know, such as `x!` or
   * `a.?b`, touches nothing the checks read.)
   */
  private reportErrorsIn(n: SyntaxNode): void {
    let before: SyntaxNode | undefined;
    for (const c of n.children) {
      if (!c) continue;
      const previous = before;
      if (c.type !== 'comment') before = c;
      if (isSpread(c)) continue; // read (see spread)
      if (isAssertion(c, previous)) continue; // read (see named)
      if (c.type === 'ERROR' || c.isMissing) {
        this.problems.push({ offset: c.startIndex, length: c.endIndex - c.startIndex, message: c.isMissing ? `a missing ${JSON.stringify(c.type)}` : JSON.stringify(c.text.slice(0, 40)), language: 'bicep', inside: true });
      } else if (c.hasError) this.reportErrorsIn(c);
    }
  }

  /** The object a resource declaration makes, through `if (…)` and `[for …: …]`. */
  private bodyOf(declaration: SyntaxNode): SyntaxNode | undefined {
    const parts = named(declaration);
    let body: SyntaxNode | undefined = parts[parts.length - 1];
    while (body && body.type !== 'object') body = body.type === 'if_statement' || body.type === 'for_statement' ? lastBody(named(body)) : undefined;
    return body;
  }

  /** A property's value in a Bicep object, by name. */
  private propertyOf(body: SyntaxNode | undefined, name: string): SyntaxNode | undefined {
    for (const p of body ? named(body) : []) {
      const entry = this.entry(p);
      if (entry?.name === name) return entry.value;
    }
    return undefined;
  }

  /** A property of an object (`key: value`, the key an identifier or a string) with its name read; not a nested resource. */
  private entry(p: SyntaxNode): { key: SyntaxNode; name: string; value: SyntaxNode } | undefined {
    const children = propertyChildren(p);
    if (!children) return undefined;
    const key = children[0];
    const name = this.keyOf(key);
    return name === undefined ? undefined : { key, name, value: children[children.length - 1] };
  }

  /** A property's key (an identifier or a string) as its name; undefined for a string that interpolates. */
  private keyOf(key: SyntaxNode): string | undefined {
    const name = key.type === 'string' ? this.literal(key) : key.text;
    return name === undefined ? undefined : this.keyName(name);
  }

  /**
   * A key's name as the template keeps it: one string per name in a file (the keys of thousands of
   * roles are a few names, each read from the text again).
   */
  private keyName(name: string): string {
    const known = this.keyNames.get(name);
    if (known !== undefined) return known;
    this.keyNames.set(name, name);
    return name;
  }

  /**
   * What the symbols of a resource read of its body, in one pass over it: its first `parent:` and
   * `name:` values (as propertyOf finds them) and its nested resources (`resource child 'type' =
   * {…}` among its properties), in order.
   */
  private resourceParts(body: SyntaxNode | undefined): { parent?: SyntaxNode; name?: SyntaxNode; nested: SyntaxNode[] } {
    const out: { parent?: SyntaxNode; name?: SyntaxNode; nested: SyntaxNode[] } = { nested: [] };
    for (const p of body ? named(body) : []) {
      if (p.type !== 'object_property') continue;
      const children = named(p);
      const key = children[0];
      if (key?.type === 'resource_declaration') {
        out.nested.push(key);
        continue;
      }
      if (children.length < 2) continue;
      const value = children[children.length - 1];
      const name = this.keyOf(key);
      if (name === 'parent') out.parent ??= value;
      else if (name === 'name') out.name ??= value;
    }
    return out;
  }

  /** The full type of a resource declaration: `Type@version` as written, a nested child's prefixed by its parent's. */
  private typeOf(declaration: SyntaxNode, parent: string | undefined, symbols: ReadonlyMap<string, ResourceSymbol> = this.resourceSymbols): string | undefined {
    const typeNode = named(declaration).find((c) => c.type === 'string');
    const written = typeNode && this.literal(typeNode)?.split('@')[0];
    if (!written) return undefined;
    const parentType = parent ? (symbols.get(parent) ?? this.resourceSymbols.get(parent))?.type : undefined;
    return parentType && !written.includes('/') ? `${parentType}/${written}` : written;
  }

  /** A resource declaration's symbols and its nested resources', into `into`; the symbols, in order. */
  private collectResource(declaration: SyntaxNode, nestedIn: string | undefined, into: Map<string, ResourceSymbol>): string[] {
    const symbol = named(declaration).find((c) => c.type === 'identifier')?.text;
    const body = this.bodyOf(declaration);
    const { parent: parentNode, name, nested } = this.resourceParts(body);
    const parent = nestedIn ?? (parentNode?.type === 'identifier' ? parentNode.text : undefined);
    const type = this.typeOf(declaration, parent, into);
    if (!symbol || !type) return [];
    if (into === this.resourceSymbols) this.kinds.set(symbol, 'resource');
    into.set(symbol, { type, name, parent });
    return [symbol, ...nested.flatMap((child) => this.collectResource(child, symbol, into))];
  }

  /**
   * A resource's `name:` as an ARM expression (what nameOf works out), read from the value its body
   * was just made into, where that value says it: a string, which is the expression in brackets or a
   * literal. (Every resource's name is kept for the declarations read again alone, see `template`:
   * read here, it is not worked out a second time from the tree.) Not in a loop, whose variables
   * stand for the loop's item in the body but not in nameOf.
   */
  private keepName(symbol: string, resource: Mutable): void {
    const name = this.resourceSymbols.get(symbol)?.name;
    if (!name || this.loops.length > 0 || this.state.names.has(symbol) || this.naming.has(symbol)) return;
    for (const p of resource.children ?? []) {
      const value = p.children?.[1];
      if (p.children?.[0]?.value !== 'name' || !value || value.offset !== name.startIndex || value.length !== name.endIndex - name.startIndex) continue;
      if (value.type !== 'string' || typeof value.value !== 'string') return;
      const v = value.value;
      this.state.names.set(symbol, v.startsWith('[[') ? armString(v.slice(1)) : v.startsWith('[') ? v.slice(1, -1) : armString(v));
      return;
    }
  }

  /** The names of a resource and its parents, outermost first, as ARM expressions. */
  private namesOf(symbol: string, depth = 0): string[] {
    const r = this.resourceSymbols.get(symbol);
    if (!r || depth > 16) return [`bicepSymbol('${symbol}').name`];
    const own = this.nameOf(symbol) ?? `bicepSymbol('${symbol}').name`;
    return [...(r.parent ? this.namesOf(r.parent, depth + 1) : []), own];
  }

  /** `symbol.id` of a resource: a role definition's id at its subscription, others by resource group. */
  private resourceIdOf(symbol: string): string {
    const r = this.resourceSymbols.get(symbol)!;
    const fn = r.type.toLowerCase() === ROLE_DEFINITIONS ? 'subscriptionResourceId' : 'resourceId';
    // a parent's name may hold its own parent's ('vault/policy'): the names, as written, in order
    return `${fn}(${armString(r.type)}, ${this.namesOf(symbol).join(', ')})`;
  }

  private defaultOf(declaration: SyntaxNode): SyntaxNode | undefined {
    const children = declaration.children.filter((c): c is SyntaxNode => c !== null);
    const eq = children.findIndex((c) => c.type === '=');
    return eq >= 0 ? children.slice(eq + 1).find((c) => c.type !== 'comment') : undefined;
  }

  /**
   * `resource sym 'Type@version' [existing] = [if (…)] {…}` or `= [for …: {…}]`, as an ARM
   * resource; its nested resources become its `resources`, by symbolic name.
   */
  private resource(declaration: SyntaxNode, nestedIn: string | undefined): Mutable | undefined {
    const parts = named(declaration);
    const typeNode = parts.find((c) => c.type === 'string');
    const typeText = typeNode && this.literal(typeNode);
    const body = this.bodyOf(declaration);
    if (!typeNode || !typeText || !body) return undefined;
    const symbol = parts.find((c) => c.type === 'identifier')?.text;
    const type = (symbol && this.resourceSymbols.get(symbol)?.type) ?? this.typeOf(declaration, nestedIn) ?? typeText.split('@')[0];
    const apiVersion = typeText.split('@')[1];
    // `[for … in items: {…}]`, as Bicep compiles it: a `copy` loop, the item `items[copyIndex()]`, the index `copyIndex()`
    const loop = parts.find((c) => c.type === 'for_statement');
    const [loopHead, iterable] = loop ? named(loop) : [];
    if (loop && loopHead && iterable) {
      const variables = loopHead.type === 'for_loop_parameters' ? named(loopHead) : [loopHead];
      const items = this.expression(iterable);
      this.loops.push({ item: variables.find((v) => v.type === 'loop_variable' || v.type === 'identifier')?.text, index: variables.find((v) => v.type === 'loop_enumerator')?.text, items });
      try {
        const made = this.resourceBody(declaration, typeNode, type, apiVersion, body, symbol);
        const at = span(loopHead);
        const copy = object(at, [property('name', at, node('string', at.offset, at.length, symbol ?? 'loop')), property('count', span(iterable), this.expressionNode(`length(${items})`, span(iterable)))]);
        return adopt(made, [property('copy', at, copy), ...(made.children ?? []) as Mutable[]]);
      } finally {
        this.loops.pop();
      }
    }
    return this.resourceBody(declaration, typeNode, type, apiVersion, body, symbol);
  }

  /** What a loop's variable stands for in the resource being built: the item `items[copyIndex()]`, the index `copyIndex()`. */
  private loopValue(name: string): string | undefined {
    for (let i = this.loops.length - 1; i >= 0; i--) {
      const loop = this.loops[i];
      if (loop.item === name) return `${loop.items}[copyIndex()]`;
      if (loop.index === name) return 'copyIndex()';
    }
    return undefined;
  }

  private resourceBody(declaration: SyntaxNode, typeNode: SyntaxNode, type: string, apiVersion: string | undefined, body: SyntaxNode, symbol: string | undefined): Mutable {
    const resource = this.value(body);
    if (symbol !== undefined) this.keepName(symbol, resource);
    const head = [
      property('type', span(typeNode), node('string', typeNode.startIndex, typeNode.endIndex - typeNode.startIndex, type)),
      property('apiVersion', span(typeNode), node('string', typeNode.startIndex, typeNode.endIndex - typeNode.startIndex, apiVersion ?? '')),
    ];
    // (`existing` is a keyword of the grammar: an anonymous node, not among the named ones)
    if (declaration.children.some((c) => c?.type === 'existing')) head.push(property('existing', span(typeNode), node('boolean', typeNode.startIndex, 0, true)));
    const children: Mutable[] = [];
    for (const child of this.resourceParts(body).nested) {
      const childId = named(child).find((c) => c.type === 'identifier');
      const made = childId && this.resource(child, symbol);
      if (made && childId) children.push(property(childId.text, span(childId), made));
    }
    if (children.length > 0) head.push(property('resources', span(typeNode), object(span(body), children)));
    resource.offset = declaration.startIndex;
    resource.length = declaration.endIndex - declaration.startIndex;
    return adopt(resource, [...head, ...(resource.children ?? []) as Mutable[]]);
  }

  /**
   * `module sym './file.bicep' = {…}` as the deployment ARM makes of it: its path (a
   * templateLink.relativePath, model/modules.ts), its `params` passed as parameter values, its
   * `scope`.
   */
  private module(declaration: SyntaxNode): Mutable | undefined {
    const pathNode = named(declaration).find((c) => c.type === 'string');
    const path = pathNode && this.literal(pathNode);
    const body = this.bodyOf(declaration);
    if (!pathNode || path === undefined || !body) return undefined;
    const at = span(pathNode);
    const str = (value: string) => node('string', at.offset, at.length, value);
    const passed: Mutable[] = [];
    const params = this.propertyOf(body, 'params');
    for (const p of params?.type === 'object' ? named(params) : []) {
      const entry = this.entry(p);
      if (entry) passed.push(property(entry.name, span(entry.key), object(span(entry.value), [property('value', span(entry.value), this.value(entry.value))])));
    }
    const scope = this.propertyOf(body, 'scope');
    const name = this.propertyOf(body, 'name');
    return object({ offset: declaration.startIndex, length: declaration.endIndex - declaration.startIndex }, [
      property('type', at, str('Microsoft.Resources/deployments')),
      property('apiVersion', at, str('2022-09-01')),
      ...(name ? [property('name', span(name), this.value(name))] : []),
      ...(scope ? [property('scope', span(scope), this.scope(scope))] : []),
      property('properties', span(body), object(span(body), [
        property('templateLink', at, object(at, [property('relativePath', at, str(path))])),
        property('parameters', params ? span(params) : at, object(params ? span(params) : at, passed)),
      ])),
    ]);
  }

  /** A string literal's value; undefined when it interpolates. */
  private literal(n: SyntaxNode): string | undefined {
    // (most strings are plain, `'…'` on one line with no escape or interpolation: their text is their value)
    if (n.plain) return this.text.slice(n.startIndex + 1, n.endIndex - 1);
    const text = n.text;
    if (isPlainQuoted(text)) return text.slice(1, -1);
    let out = '';
    for (const piece of this.pieces(n)) {
      if (typeof piece !== 'string') return undefined;
      out += piece;
    }
    return out;
  }

  /**
   * A string's text, escapes read, and its interpolations, in order. tree-sitter-bicep 1.1.0 keeps
   * no node for the escape `\$` (it lies between two pieces of content): it is read from the gap.
   */
  private pieces(n: SyntaxNode): (string | SyntaxNode)[] {
    const out: (string | SyntaxNode)[] = [];
    const escapedDollar = (from: number, to: number) => to - from === 2 && this.text.slice(from, to) === '\\$';
    let at = n.startIndex + 1; // after the opening quote
    for (const c of named(n)) {
      if (escapedDollar(at, c.startIndex)) out.push('$');
      if (c.type === 'string_content') out.push(c.text);
      else if (c.type === 'escape_sequence') out.push(unescape(c.text));
      else out.push(c);
      at = c.endIndex;
    }
    if (escapedDollar(at, n.endIndex - 1)) out.push('$');
    return out;
  }

  /** A value as JSON would hold it: objects, arrays and literals as such, anything computed as an ARM expression string. */
  value(n: SyntaxNode): Mutable {
    const offset = n.startIndex;
    const length = n.endIndex - offset;
    switch (n.type) {
      case 'object': {
        const properties: Mutable[] = [];
        for (const p of named(n)) {
          if (isSpread(p)) {
            properties.push(...this.spread(p));
            continue;
          }
          // (as entry() reads it, without the entry: an object has many properties, a file many objects)
          const children = propertyChildren(p);
          if (!children) continue;
          const key = children[0];
          const value = children[children.length - 1];
          const name = this.keyOf(key);
          if (name !== undefined) properties.push(property(name, span(key), name === 'scope' ? this.scope(value) : this.value(value)));
        }
        return adopt(node('object', offset, length), properties);
      }
      case 'array': {
        const plain = n.plainItems?.();
        if (plain) {
          const items: Mutable[] = [];
          for (let k = 0; k < plain.length; k += 2) items.push(this.plainString(plain[k], plain[k + 1]));
          return adopt(node('array', offset, length), items);
        }
        return adopt(node('array', offset, length), this.items(n).map((item) => ('expression' in item ? this.expressionNode(item.expression, item.at) : this.value(item))));
      }
      case 'string': {
        if (n.plain) return this.plainString(offset, n.endIndex);
        const literal = this.literal(n);
        // a Bicep string is never an ARM expression: one that starts with '[' is escaped as ARM escapes it
        return literal !== undefined ? node('string', offset, length, literal.startsWith('[') ? `[${literal}` : literal) : this.expressionNode(this.expression(n), { offset, length });
      }
      case 'identifier': {
        // a variable holding a literal list: its strings, where they are written (a finding or a
        // fix lands in the variable, which is where the permission is)
        // (a loop's item may shadow a variable's name)
        return (this.loopValue(n.text) ? undefined : this.inlined(n.text, 'array')) ?? this.expressionNode(this.expression(n), { offset, length });
      }
      case 'number':
        return node('number', offset, length, Number(n.text));
      case 'boolean':
        return node('boolean', offset, length, n.text === 'true');
      case 'null':
        return node('null', offset, length, null);
      default:
        return this.expressionNode(this.expression(n), { offset, length });
    }
  }

  /**
   * A string written plainly, [start, end) its quotes included: its text between the quotes is its
   * value (one that starts with '[' escaped as ARM escapes it, see value).
   */
  private plainString(start: number, end: number): Mutable {
    const literal = this.text.slice(start + 1, end - 1);
    return node('string', start, end - start, literal.charCodeAt(0) === 91 /* [ */ ? `[${literal}` : literal);
  }

  /**
   * A `scope:` value: a resource symbol stays its symbolic name (as languageVersion 2.0 writes
   * it); `subscription()`, `resourceGroup()`, `managementGroup()` and `tenant()` are the scopes'
   * ids (the deployment's own, or one named by its arguments).
   */
  private scope(n: SyntaxNode): Mutable {
    const at = span(n);
    if (n.type === 'identifier' && this.resourceSymbols.has(n.text)) return node('string', at.offset, at.length, n.text);
    if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.text;
      const args = n.childForFieldName('arguments');
      const given = args ? named(args).map((a) => this.expression(a)) : [];
      const last = given[given.length - 1];
      if (name === 'tenant') return node('string', at.offset, at.length, '/');
      if (given.length === 0 && (name === 'subscription' || name === 'resourceGroup' || name === 'managementGroup')) return this.expressionNode(`${name}().id`, at);
      if (name === 'subscription') return this.expressionNode(`concat('/subscriptions/', ${last})`, at);
      if (name === 'resourceGroup') return this.expressionNode(`resourceId('Microsoft.Resources/resourceGroups', ${last})`, at);
      if (name === 'managementGroup') return this.expressionNode(`tenantResourceId('Microsoft.Management/managementGroups', ${last})`, at);
    }
    return this.value(n);
  }

  private expressionNode(expression: string, at: { offset: number; length: number }): Mutable {
    return node('string', at.offset, at.length, `[${expression}]`);
  }

  /**
   * An array's items. tree-sitter-bicep 1.1.0 may read a call that is an array's first item
   * (`subscription().id`) as an identifier and a parenthesised expression: the two, written
   * together, are read as the one call they are. It reads an item with a non-null assertion (`x!`)
   * before a line that starts another item as `x` and a negation `!` of that item: the two are `x`,
   * and the item.
   */
  private items(array: SyntaxNode): (SyntaxNode | { expression: string; at: { offset: number; length: number } })[] {
    const items = named(array);
    const out: (SyntaxNode | { expression: string; at: { offset: number; length: number } })[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const next = items[i + 1];
      if (item.type === 'identifier' && next && next.startIndex === item.endIndex && this.startsWithParentheses(next)) {
        out.push(this.joinCall(item, next));
        i++;
      } else if (next && next.startIndex === item.endIndex && /^!\s*[\r\n]/.test(next.text)) {
        out.push(item);
        const argument = next.type === 'unary_expression' ? next.childForFieldName('argument') : null;
        if (argument) out.push(argument);
        else {
          // the negation is inside the next item (`x!` then `subscription().id`): read without it
          this.assertions.add(next.startIndex);
          const start = next.startIndex + next.text.length - next.text.slice(1).trimStart().length;
          out.push({ expression: this.expression(next), at: { offset: start, length: next.endIndex - start } });
        }
        i++;
      } else out.push(item);
    }
    return out;
  }

  private startsWithParentheses(n: SyntaxNode): boolean {
    if (n.type === 'parenthesized_expression') return true;
    const object = n.childForFieldName('object') ?? n.childForFieldName('function');
    return !!object && object.startIndex === n.startIndex && this.startsWithParentheses(object);
  }

  /**
   * `(args).prop[…]` after `callee` as the one expression it is: the parenthesised expression it
   * starts with made the arguments of a call of `callee`, and what is read of it (members,
   * subscripts, calls) around that call.
   */
  private joinCall(callee: SyntaxNode, n: SyntaxNode): SyntaxNode {
    if (n.type === 'parenthesized_expression') {
      const args = new JoinedNode('arguments', n.startIndex, n.endIndex, this.text, {}, named(n));
      return new JoinedNode('call_expression', callee.startIndex, n.endIndex, this.text, { function: callee, arguments: args }, [callee, args]);
    }
    const inner = n.childForFieldName('object') ?? n.childForFieldName('function')!;
    const joined = this.joinCall(callee, inner);
    const fields: Record<string, SyntaxNode> = {};
    for (const name of ['object', 'function', 'property', 'index', 'arguments']) {
      const c = n.childForFieldName(name);
      if (c) fields[name] = c === inner || (c.startIndex === inner.startIndex && c.endIndex === inner.endIndex) ? joined : c;
    }
    const children = named(n).map((c) => (c.startIndex === inner.startIndex && c.endIndex === inner.endIndex ? joined : c));
    return new JoinedNode(n.type, callee.startIndex, n.endIndex, this.text, fields, children);
  }

  /** The ARM expression for a Bicep expression (without the brackets). */
  expression(n: SyntaxNode): string {
    switch (n.type) {
      case 'string': {
        // (a plain string holds no quote: its text is the ARM string of its value)
        if (n.plain) return this.text.slice(n.startIndex, n.endIndex);
        const parts: string[] = [];
        let run = '';
        for (const c of this.pieces(n)) {
          if (typeof c === 'string') run += c;
          else {
            if (run) parts.push(armString(run));
            run = '';
            const inner = named(c)[0];
            parts.push(inner ? this.expression(inner) : "''");
          }
        }
        if (run || parts.length === 0) parts.push(armString(run));
        return parts.length === 1 ? parts[0] : `concat(${parts.join(', ')})`;
      }
      case 'number':
        return n.text;
      case 'boolean':
        return n.text;
      case 'null':
        return 'null()';
      case 'identifier': {
        const bound = this.loopValue(n.text);
        if (bound) return bound;
        const kind = this.kinds.get(n.text);
        if (kind === 'resource' && this.resourceSymbols.has(n.text)) return `reference('${n.text}')`;
        return kind === 'param' ? `parameters('${n.text}')` : kind === 'var' ? `variables('${n.text}')` : `bicepSymbol('${n.text}')`;
      }
      case 'parenthesized_expression': {
        const inner = named(n)[0];
        return inner ? this.expression(inner) : "''";
      }
      case 'call_expression': {
        const fn = n.childForFieldName('function');
        const args = n.childForFieldName('arguments');
        const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.text; // az.resourceGroup(), sys.concat()
        return `${name ?? 'bicepCall'}(${args ? named(args).map((a) => this.expression(a)).join(', ') : ''})`;
      }
      case 'member_expression': {
        const object = n.childForFieldName('object')!;
        const member = n.childForFieldName('property')?.text ?? '';
        const known = this.memberOf(object, member);
        return known ?? `${this.expression(object)}.${member}`;
      }
      case 'subscript_expression': {
        const [object, index] = named(n);
        return object && index ? `${this.expression(object)}[${this.expression(index)}]` : this.opaque(n);
      }
      case 'binary_expression': {
        // `a ?? b`, as Bicep compiles it: the first of the two that is not null, known only when
        // the left one is known (coalesce stays symbolic otherwise)
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        return left && right && n.childForFieldName('operator')?.type === '??' ? `coalesce(${this.expression(left)}, ${this.expression(right)})` : this.opaque(n);
      }
      case 'nullable_type': {
        // `x!` where a value is written (grammar 1.1.0 reads it as a nullable type): `x`
        const [inner] = named(n);
        return inner && n.text.endsWith('!') ? this.expression(inner) : this.opaque(n);
      }
      case 'ternary_expression':
        return `if(${this.expression(n.childForFieldName('condition')!)}, ${this.expression(n.childForFieldName('consequence')!)}, ${this.expression(n.childForFieldName('alternative')!)})`;
      case 'unary_expression': {
        const argument = n.childForFieldName('argument');
        // the `!` of the item before it (see items)
        if (argument && this.assertions.has(n.startIndex)) return this.expression(argument);
        return argument && n.text.startsWith('!') ? `not(${this.expression(argument)})` : this.opaque(n);
      }
      case 'object': {
        const props = named(n).flatMap((p) => {
          const entry = this.entry(p);
          return entry ? [`${armString(entry.name)}, ${this.expression(entry.value)}`] : [];
        });
        return `createObject(${props.join(', ')})`;
      }
      case 'array':
        return `createArray(${this.items(n).map((i) => ('expression' in i ? i.expression : this.expression(i))).join(', ')})`;
      default:
        return this.opaque(n);
    }
  }

  /**
   * What `.id`, `.name` and `.type` of a resource symbol are (others, such as
   * `.identity.principalId`, read the resource's runtime state: `reference('sym')…`), and of a
   * built-in role named with `roleDefinitions('Backup Contributor')`.
   */
  private memberOf(object: SyntaxNode, member: string): string | undefined {
    if (object.type === 'identifier' && this.kinds.get(object.text) === 'resource' && this.resourceSymbols.has(object.text)) {
      const r = this.resourceSymbols.get(object.text)!;
      if (member === 'id') return this.resourceIdOf(object.text);
      if (member === 'name') return this.nameOf(object.text) ?? undefined;
      if (member === 'type') return armString(r.type);
      return undefined;
    }
    if (object.type === 'call_expression' && object.childForFieldName('function')?.text === 'roleDefinitions' && (member === 'id' || member === 'name')) {
      const args = object.childForFieldName('arguments');
      const [role] = args ? named(args) : [];
      if (!role) return undefined;
      // the built-in role's GUID, looked up by name in the catalog when the assignment is resolved
      const guid = `builtInRoleGuid(${this.expression(role)})`;
      return member === 'name' ? guid : `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${guid})`;
    }
    return undefined;
  }

  /** What has no ARM counterpart here: kept as its own text, so two spellings never compare equal by accident. */
  private opaque(n: SyntaxNode): string {
    // inside a loop, text that names the loop's item or index varies with the iteration, as its compiled form would
    const varies = this.loops.some((l) => [l.item, l.index].some((v) => v !== undefined && namesIdentifier(n.text, v)));
    return `bicepExpression(${armString(n.text)}${varies ? ', copyIndex()' : ''})`;
  }
}

/** A node the grammar did not make: one call it read as two items of an array (see `items`), and what is around it. */
class JoinedNode implements SyntaxNode {
  readonly isMissing = false;

  constructor(
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: string,
    private readonly fields: Readonly<Record<string, SyntaxNode>>,
    /** its named children (the anonymous ones, punctuation, are nothing the walk reads) */
    readonly children: readonly SyntaxNode[],
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get hasError(): boolean {
    return this.children.some((c) => c.hasError);
  }

  get namedChildren(): readonly SyntaxNode[] {
    return this.children;
  }

  childForFieldName(name: string): SyntaxNode | null {
    return this.fields[name] ?? null;
  }
}
