// ARM template expressions, as far as a checker can follow them without deploying: a parser for
// `[fn('a', other(1)).prop[0]]` and a partial evaluator over the template's variables and
// parameter defaults. What cannot be known at authoring time (reference(), newGuid(), a parameter
// without default…) stays symbolic, written canonically, so that two spellings of the same
// expression compare equal: `guid(subscription().id, 'x')` whatever the spacing or variables used.

export type Ast =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Ast[] }
  | { readonly kind: 'member'; readonly target: Ast; readonly name: string }
  | { readonly kind: 'index'; readonly target: Ast; readonly index: Ast };

class ParseFailure extends Error {}

// sticky: they match at lastIndex, so the text is never sliced while parsing
const NUMBER = /-?\d+(\.\d+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?/y;
const PROPERTY = /[A-Za-z_$][A-Za-z0-9_$]*/y;

/** Parses the text inside the brackets of an expression string; undefined when it is malformed. */
export function parseExpression(text: string): Ast | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
  };
  const expect = (c: string) => {
    ws();
    if (text[i] !== c) throw new ParseFailure(`expected ${c} at ${i}`);
    i++;
  };
  const primary = (): Ast => {
    ws();
    const c = text[i];
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        const close = text.indexOf("'", i);
        if (close < 0) throw new ParseFailure('unterminated string');
        value += text.slice(i, close);
        if (text[close + 1] === "'") {
          value += "'";
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      return { kind: 'string', value };
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      i += num[0].length;
      return { kind: 'number', value: Number(num[0]) };
    }
    IDENTIFIER.lastIndex = i;
    const id = IDENTIFIER.exec(text);
    if (!id) throw new ParseFailure(`unexpected ${c ?? 'end'} at ${i}`);
    // `ns.fn(` is a user-defined function; `fn(` a function; `true`/`false`/`null` are functions too in ARM
    let name = id[0];
    i += name.length;
    ws();
    if (text[i] !== '(') {
      // `a.b` without a call: a function name followed by a member was meant (e.g. `subscription.id` is invalid)
      throw new ParseFailure(`expected ( after ${name}`);
    }
    i++;
    const args: Ast[] = [];
    ws();
    if (text[i] === ')') i++;
    else {
      for (;;) {
        args.push(expression());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(')');
        break;
      }
    }
    name = name.toLowerCase();
    return { kind: 'call', name, args };
  };
  const expression = (): Ast => {
    let node = primary();
    for (;;) {
      ws();
      if (text[i] === '.') {
        i++;
        ws();
        PROPERTY.lastIndex = i;
        const m = PROPERTY.exec(text);
        if (!m) throw new ParseFailure(`expected a property name at ${i}`);
        i += m[0].length;
        node = { kind: 'member', target: node, name: m[0] };
      } else if (text[i] === '[') {
        i++;
        const index = expression();
        expect(']');
        node = { kind: 'index', target: node, index };
      } else return node;
    }
  };
  try {
    const ast = expression();
    ws();
    return i === text.length ? ast : undefined;
  } catch (e) {
    if (e instanceof ParseFailure) return undefined;
    throw e;
  }
}

/** A value as far as it is known: JSON-like, a resource id, or symbolic (canonical text). */
export type Value =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'array'; readonly items: readonly Value[] }
  | { readonly kind: 'object'; readonly props: ReadonlyMap<string, Value> }
  | { readonly kind: 'resourceId'; readonly level: 'resourceGroup' | 'subscription' | 'tenant' | 'extension'; readonly type: string; readonly names: readonly Value[]; readonly text: string }
  /**
   * known only at deployment, written canonically; a string that concat() or format() builds of
   * pieces some of which are unknown keeps the pieces in order (`parts`), so that what the known
   * ones say (a path's shape) can still be read
   */
  | { readonly kind: 'symbolic'; readonly text: string; readonly parts?: readonly Value[] };

/** What the evaluator may look up in the template. */
export interface Environment {
  /** the template's variable, as a JSON value (strings may be expressions) */
  variable(name: string): unknown;
  /** a parameter's value: the one a nested deployment passes, else its defaultValue; undefined when not known */
  parameter(name: string, depth: number): Value | undefined;
}

export const NO_ENVIRONMENT: Environment = { variable: () => undefined, parameter: () => undefined };

const sym = (text: string): Value => ({ kind: 'symbolic', text });

/** The canonical text of a value, used to compare expressions that cannot be evaluated. */
export function canonical(v: Value): string {
  switch (v.kind) {
    case 'string': return `'${v.value.replace(/'/g, "''")}'`;
    case 'number': return String(v.value);
    case 'bool': return String(v.value);
    case 'null': return 'null()';
    case 'array': return `createArray(${v.items.map(canonical).join(',')})`;
    case 'object': return `createObject(${[...v.props].map(([k, x]) => `'${k}',${canonical(x)}`).join(',')})`;
    case 'resourceId':
    case 'symbolic': return v.text;
  }
}

export function stringOf(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

/** A JSON value of the template (an expression string evaluated) as a Value. */
export function fromJson(json: unknown, env: Environment, depth: number): Value {
  if (typeof json === 'string') return evaluateString(json, env, depth);
  if (typeof json === 'number') return { kind: 'number', value: json };
  if (typeof json === 'boolean') return { kind: 'bool', value: json };
  if (json === null || json === undefined) return { kind: 'null' };
  if (Array.isArray(json)) return { kind: 'array', items: json.map((x) => fromJson(x, env, depth)) };
  return { kind: 'object', props: new Map(Object.entries(json as Record<string, unknown>).map(([k, x]) => [k.toLowerCase(), fromJson(x, env, depth)])) };
}

/** A template string: an expression `[...]` is evaluated, `[[` unescaped, anything else literal. */
export function evaluateString(text: string, env: Environment = NO_ENVIRONMENT, depth = 0): Value {
  if (text.startsWith('[[')) return { kind: 'string', value: text.slice(1) };
  if (!(text.startsWith('[') && text.trimEnd().endsWith(']'))) return { kind: 'string', value: text };
  const inner = text.trim().slice(1, -1);
  const ast = parseExpression(inner);
  if (!ast) return sym(`unparsed(${inner.replace(/\s+/g, '')})`);
  return evaluate(ast, env, depth);
}

const MAX_DEPTH = 12;

function resourceIdText(level: string, type: string, names: readonly Value[], prefix: readonly Value[] = []): string {
  return `${level}ResourceId(${[...prefix.map(canonical), `'${type}'`, ...names.map(canonical)].join(',')})`;
}

/** A string built of pieces, some unknown: symbolic, with its pieces (those of a pieced piece spliced in). */
function pieced(symbolic: Value, pieces: readonly Value[]): Value {
  if (symbolic.kind !== 'symbolic') return symbolic;
  const parts = pieces.flatMap((p) => (p.kind === 'symbolic' && p.parts ? p.parts : [p]));
  return { ...symbolic, parts };
}

export function evaluate(ast: Ast, env: Environment = NO_ENVIRONMENT, depth = 0): Value {
  switch (ast.kind) {
    case 'string': return { kind: 'string', value: ast.value };
    case 'number': return { kind: 'number', value: ast.value };
    case 'member': {
      const target = evaluate(ast.target, env, depth);
      if (target.kind === 'object') return target.props.get(ast.name.toLowerCase()) ?? sym(`${canonical(target)}.${ast.name}`);
      return sym(`${canonical(target)}.${ast.name}`);
    }
    case 'index': {
      const target = evaluate(ast.target, env, depth);
      const index = evaluate(ast.index, env, depth);
      if (target.kind === 'object' && index.kind === 'string') return target.props.get(index.value.toLowerCase()) ?? sym(`${canonical(target)}[${canonical(index)}]`);
      if (target.kind === 'array' && index.kind === 'number') return target.items[index.value] ?? sym(`${canonical(target)}[${index.value}]`);
      return sym(`${canonical(target)}[${canonical(index)}]`);
    }
    case 'call': return call(ast, env, depth);
  }
}

function call(ast: Extract<Ast, { kind: 'call' }>, env: Environment, depth: number): Value {
  const args = ast.args.map((a) => evaluate(a, env, depth));
  const strings = args.map(stringOf);
  const allStrings = strings.every((s): s is string => s !== undefined);
  const fallback = () => sym(`${ast.name}(${args.map(canonical).join(',')})`);
  switch (ast.name) {
    case 'variables': {
      if (!strings[0] || depth > MAX_DEPTH) return fallback();
      const json = env.variable(strings[0]);
      return json === undefined ? fallback() : fromJson(json, env, depth + 1);
    }
    case 'parameters': {
      if (!strings[0] || depth > MAX_DEPTH) return fallback();
      return env.parameter(strings[0], depth + 1) ?? fallback();
    }
    case 'concat':
      if (allStrings) return { kind: 'string', value: strings.join('') };
      if (args.every((a) => a.kind === 'array')) return { kind: 'array', items: args.flatMap((a) => (a.kind === 'array' ? a.items : [])) };
      return args.some((a) => a.kind === 'array') ? fallback() : pieced(fallback(), args);
    case 'format': {
      const template = strings[0];
      if (template === undefined) return fallback();
      if (allStrings) return { kind: 'string', value: template.replace(/\{(\d+)\}/g, (m, n: string) => strings[Number(n) + 1] ?? m) };
      // the template's text between its holes, and the arguments that fill them
      const pieces: Value[] = [];
      let at = 0;
      for (const m of template.matchAll(/\{(\d+)(:[^}]*)?\}/g)) {
        const arg = args[Number(m[1]) + 1];
        if (!arg) return fallback();
        pieces.push({ kind: 'string', value: template.slice(at, m.index) }, arg);
        at = m.index + m[0].length;
      }
      pieces.push({ kind: 'string', value: template.slice(at) });
      return pieced(fallback(), pieces);
    }
    case 'tolower': return allStrings && strings.length === 1 ? { kind: 'string', value: strings[0].toLowerCase() } : fallback();
    case 'toupper': return allStrings && strings.length === 1 ? { kind: 'string', value: strings[0].toUpperCase() } : fallback();
    case 'string': return args[0]?.kind === 'string' ? args[0] : fallback();
    case 'createarray': return { kind: 'array', items: args };
    case 'createobject': {
      if (args.length % 2 !== 0 || strings.some((k, i) => i % 2 === 0 && k === undefined)) return fallback();
      const props = new Map<string, Value>();
      for (let i = 0; i < args.length; i += 2) props.set(strings[i]!.toLowerCase(), args[i + 1]);
      return { kind: 'object', props };
    }
    case 'union': {
      // arrays: every distinct item, in order; objects: the properties of each, later ones winning
      if (args.length > 0 && args.every((a) => a.kind === 'array')) {
        const seen = new Set<string>();
        return { kind: 'array', items: args.flatMap((a) => (a.kind === 'array' ? a.items : [])).filter((x) => !seen.has(canonical(x)) && !!seen.add(canonical(x))) };
      }
      if (args.length > 0 && args.every((a) => a.kind === 'object')) return { kind: 'object', props: new Map(args.flatMap((a) => (a.kind === 'object' ? [...a.props] : []))) };
      return fallback();
    }
    case 'true': return { kind: 'bool', value: true };
    case 'false': return { kind: 'bool', value: false };
    case 'null': return { kind: 'null' };
    case 'coalesce':
      // the first argument known not to be null, unless an unknown one comes before it
      for (const a of args) {
        if (a.kind === 'null') continue;
        return a.kind === 'symbolic' ? fallback() : a;
      }
      return { kind: 'null' };
    case 'resourceid':
    case 'subscriptionresourceid':
    case 'tenantresourceid':
    case 'extensionresourceid': {
      // resourceId([subscriptionId], [resourceGroupName], type, name...); the type is the first
      // string argument containing a '/', the names follow it
      const typeAt = args.findIndex((a, i) => (ast.name === 'extensionresourceid' ? i > 0 : true) && a.kind === 'string' && a.value.includes('/'));
      if (typeAt < 0) return fallback();
      const type = (args[typeAt] as { value: string }).value;
      const names = args.slice(typeAt + 1);
      const prefix = args.slice(0, typeAt);
      const level = ast.name === 'resourceid' ? 'resourceGroup' : ast.name === 'subscriptionresourceid' ? 'subscription' : ast.name === 'tenantresourceid' ? 'tenant' : 'extension';
      return { kind: 'resourceId', level, type, names, text: resourceIdText(ast.name.replace(/resourceid$/, ''), type.toLowerCase(), names, prefix) };
    }
    default:
      return fallback();
  }
}

