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
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly children: readonly (SyntaxNode | null)[];
  childForFieldName(name: string): SyntaxNode | null;
}

type Kind = 'param' | 'var' | 'resource' | 'module' | 'other';

const SCHEMAS: Record<string, string> = {
  resourceGroup: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  subscription: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
  managementGroup: 'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#',
  tenant: 'https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#',
};

type Mutable = { -readonly [K in keyof Node]: Node[K] };

function node(type: Node['type'], offset: number, length: number, value?: unknown): Mutable {
  return { type, offset, length, ...(value !== undefined ? { value } : {}) } as Mutable;
}

function adopt(parent: Mutable, children: Mutable[]): Mutable {
  parent.children = children;
  for (const c of children) c.parent = parent;
  return parent;
}

const named = (n: SyntaxNode): SyntaxNode[] => n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
const span = (n: SyntaxNode) => ({ offset: n.startIndex, length: n.endIndex - n.startIndex });

function property(key: string, keyAt: { offset: number; length: number }, value: Mutable): Mutable {
  const k = node('string', keyAt.offset, keyAt.length, key);
  const p = node('property', keyAt.offset, value.offset + value.length - keyAt.offset);
  p.colonOffset = keyAt.offset + keyAt.length;
  return adopt(p, [k, value]);
}

function object(at: { offset: number; length: number }, properties: Mutable[]): Mutable {
  return adopt(node('object', at.offset, at.length), properties);
}

/** A Bicep string's text, escapes read (`\'`, `\\`, `\n`, `\t`, `\r`, `\$`, `\u{…}`). */
function unescape(sequence: string): string {
  const c = sequence.slice(1);
  if (c.startsWith('u{')) return String.fromCodePoint(parseInt(c.slice(2, -1), 16));
  return { n: '\n', r: '\r', t: '\t' }[c] ?? c;
}

const armString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Builds the template; `problems` receives the statements it could not read. */
export class BicepToJson {
  private readonly symbols = new Map<string, Kind>();
  readonly problems: SyntaxProblem[] = [];

  constructor(private readonly text: string) {}

  template(root: SyntaxNode): Mutable {
    const statements = named(root);
    for (const s of statements) {
      const name = s.type.endsWith('_declaration') ? named(s).find((c) => c.type === 'identifier')?.text : undefined;
      if (name) this.symbols.set(name, s.type === 'parameter_declaration' ? 'param' : s.type === 'variable_declaration' ? 'var' : s.type === 'resource_declaration' ? 'resource' : s.type === 'module_declaration' ? 'module' : 'other');
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
          const value = parts[parts.length - 1];
          if (id && value && value !== id) variables.push(property(id.text, span(id), this.value(value)));
          break;
        }
        case 'resource_declaration': {
          const resource = this.resource(s);
          if (resource) resources.push(resource);
          break;
        }
      }
    }
    const whole = { offset: 0, length: this.text.length };
    return object(whole, [
      property('$schema', scopeAt, node('string', scopeAt.offset, scopeAt.length, SCHEMAS[scope] ?? SCHEMAS.resourceGroup)),
      property('contentVersion', { offset: 0, length: 0 }, node('string', 0, 0, '1.0.0.0')),
      property('parameters', { offset: 0, length: 0 }, object(whole, parameters)),
      property('variables', { offset: 0, length: 0 }, object(whole, variables)),
      property('resources', { offset: 0, length: 0 }, adopt(node('array', 0, this.text.length), resources)),
    ]);
  }

  private defaultOf(declaration: SyntaxNode): SyntaxNode | undefined {
    const children = declaration.children.filter((c): c is SyntaxNode => c !== null);
    const eq = children.findIndex((c) => c.type === '=');
    return eq >= 0 ? children.slice(eq + 1).find((c) => c.type !== 'comment') : undefined;
  }

  /** `resource sym 'Type@version' [existing] = [if (…)] {…}` or `= [for …: {…}]`, as an ARM resource. */
  private resource(declaration: SyntaxNode): Mutable | undefined {
    const parts = named(declaration);
    const typeNode = parts.find((c) => c.type === 'string');
    const typeText = typeNode && this.literal(typeNode);
    if (!typeNode || !typeText) return undefined;
    let body: SyntaxNode | undefined = parts[parts.length - 1];
    // `if (cond) {…}`, `[for x in xs: {…}]`: the object the condition or the loop makes
    while (body && body.type !== 'object') body = body.type === 'if_statement' || body.type === 'for_statement' ? named(body).reverse().find((c) => c.type === 'object' || c.type === 'if_statement' || c.type === 'for_statement') : undefined;
    if (!body) return undefined;
    const [type, apiVersion] = typeText.split('@');
    const resource = this.value(body);
    const head = [
      property('type', span(typeNode), node('string', typeNode.startIndex, typeNode.endIndex - typeNode.startIndex, type)),
      property('apiVersion', span(typeNode), node('string', typeNode.startIndex, typeNode.endIndex - typeNode.startIndex, apiVersion ?? '')),
    ];
    if (parts.some((c) => c.type === 'existing' || c.text === 'existing')) head.push(property('existing', span(typeNode), node('boolean', typeNode.startIndex, 0, true)));
    resource.offset = declaration.startIndex;
    resource.length = declaration.endIndex - declaration.startIndex;
    return adopt(resource, [...head, ...(resource.children ?? []) as Mutable[]]);
  }

  /** A string literal's value; undefined when it interpolates. */
  private literal(n: SyntaxNode): string | undefined {
    let out = '';
    for (const c of named(n)) {
      if (c.type === 'string_content') out += c.text;
      else if (c.type === 'escape_sequence') out += unescape(c.text);
      else return undefined;
    }
    return out;
  }

  /** A value as JSON would hold it: objects, arrays and literals as such, anything computed as an ARM expression string. */
  value(n: SyntaxNode): Mutable {
    const at = span(n);
    switch (n.type) {
      case 'object':
        return object(at, named(n).filter((c) => c.type === 'object_property').flatMap((p) => {
          const [key, ...rest] = named(p);
          const value = rest[rest.length - 1];
          if (!key || !value) return [];
          const name = key.type === 'string' ? this.literal(key) : key.text;
          return name === undefined ? [] : [property(name, span(key), this.value(value))];
        }));
      case 'array':
        return adopt(node('array', at.offset, at.length), this.items(n).map((item) => ('expression' in item ? this.expressionNode(item.expression, item.at) : this.value(item))));
      case 'string': {
        const literal = this.literal(n);
        return literal !== undefined ? node('string', at.offset, at.length, literal) : this.expressionNode(this.expression(n), at);
      }
      case 'number':
        return node('number', at.offset, at.length, Number(n.text));
      case 'boolean':
        return node('boolean', at.offset, at.length, n.text === 'true');
      case 'null':
        return node('null', at.offset, at.length, null);
      default:
        return this.expressionNode(this.expression(n), at);
    }
  }

  private expressionNode(expression: string, at: { offset: number; length: number }): Mutable {
    return node('string', at.offset, at.length, `[${expression}]`);
  }

  /**
   * An array's items. tree-sitter-bicep 1.1.0 reads a call that starts a line of a multi-line array
   * (`subscription().id`) as an identifier and a parenthesised expression: the two, written
   * together, are one call.
   */
  private items(array: SyntaxNode): (SyntaxNode | { expression: string; at: { offset: number; length: number } })[] {
    const items = named(array);
    const out: (SyntaxNode | { expression: string; at: { offset: number; length: number } })[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const next = items[i + 1];
      if (item.type === 'identifier' && next && next.startIndex === item.endIndex && this.startsWithParentheses(next)) {
        out.push({ expression: `${item.text}${this.afterCall(next)}`, at: { offset: item.startIndex, length: next.endIndex - item.startIndex } });
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

  /** `(args).prop[…]` read as the arguments and accessors of the call before it. */
  private afterCall(n: SyntaxNode): string {
    if (n.type === 'parenthesized_expression') return `(${named(n).map((c) => this.expression(c)).join(', ')})`;
    if (n.type === 'member_expression') return `${this.afterCall(n.childForFieldName('object')!)}.${n.childForFieldName('property')?.text ?? ''}`;
    return this.expression(n);
  }

  /** The ARM expression for a Bicep expression (without the brackets). */
  expression(n: SyntaxNode): string {
    switch (n.type) {
      case 'string': {
        const parts: string[] = [];
        let run = '';
        for (const c of named(n)) {
          if (c.type === 'string_content') run += c.text;
          else if (c.type === 'escape_sequence') run += unescape(c.text);
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
        const kind = this.symbols.get(n.text);
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
      case 'member_expression':
        return `${this.expression(n.childForFieldName('object')!)}.${n.childForFieldName('property')?.text ?? ''}`;
      case 'subscript_expression': {
        const [object, index] = named(n);
        return object && index ? `${this.expression(object)}[${this.expression(index)}]` : this.opaque(n);
      }
      case 'ternary_expression':
        return `if(${this.expression(n.childForFieldName('condition')!)}, ${this.expression(n.childForFieldName('consequence')!)}, ${this.expression(n.childForFieldName('alternative')!)})`;
      case 'unary_expression': {
        const argument = n.childForFieldName('argument');
        return argument && n.text.startsWith('!') ? `not(${this.expression(argument)})` : this.opaque(n);
      }
      case 'array':
        return `createArray(${this.items(n).map((i) => ('expression' in i ? i.expression : this.expression(i))).join(', ')})`;
      default:
        return this.opaque(n);
    }
  }

  /** What has no ARM counterpart here: kept as its own text, so two spellings never compare equal by accident. */
  private opaque(n: SyntaxNode): string {
    return `bicepExpression(${armString(n.text)})`;
  }
}
