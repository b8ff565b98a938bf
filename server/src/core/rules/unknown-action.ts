import type { Operation, Provider } from '../../catalog/catalog';
import { stringLiteral } from '../model/edits';
import { entryAt, isObject, isStringArray } from './fix';
import { type Rule, facts, lead, orList, permissionEntries, quote, whole } from './rule';

export const id = 'unknown-action';

/** How a message names the catalog's knowledge of a provider. */
export function snapshotPhrase(provider: Provider): string {
  switch (provider.coverage) {
    case 'complete': return `the catalog of ${provider.completeAsOf}`;
    case 'partial': return `the catalog snapshot of ${provider.completeAsOf} for ${provider.name}, which may lack newer operations`;
    case 'roles-only': return `the catalog, which knows ${provider.name} only from the wildcards of built-in roles`;
    case 'imported': return `your imported catalog of ${provider.completeAsOf}`;
  }
}

export function suggestionPhrase(ops: readonly Pick<Operation, 'name'>[]): string {
  return ops.length ? `; did you mean ${orList(ops.map((o) => quote(o.name)))}?` : '.';
}

/** The provider first: it is what is wrong, and the whole string follows. */
function unknownProvider(namespace: string, value: string, suggestions: readonly string[]): string {
  return `Unknown resource provider ${quote(namespace)} in ${quote(value)}` +
    (suggestions.length ? `; did you mean ${orList(suggestions.map(quote))}?` : '; check the namespace.');
}

/** Payload for quick fixes: the strings that may replace the unknown one. */
export interface UnknownActionData {
  readonly reason: 'whitespace' | 'malformed' | 'provider' | 'operation';
  readonly suggestions: readonly string[];
}

export const rule: Rule<UnknownActionData> = {
  id,
  summary: 'A permission string names an operation or resource provider that is not in the catalog.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  check({ role, catalog, report }) {
    for (const { item, list } of permissionEntries(role)) {
      const value = item.value;
      const f = facts(item, catalog);
      if (f.stars > 0) {
        // a wildcard is judged by the rules for wildcards, except for a misspelt namespace
        const slash = value.indexOf('/');
        const namespace = slash < 0 ? value : value.slice(0, slash);
        if (slash > 0 && !namespace.includes('*') && f.stars === 1 && !catalog.provider(namespace)) {
          const near = catalog.suggestProviders(namespace);
          const suggestions = near.map((p) => p.name + value.slice(slash));
          report({
            at: item.node,
            message: unknownProvider(namespace, value, suggestions),
            data: { reason: 'provider', suggestions },
          });
        }
        continue;
      }
      if (f.op) continue;
      const trimmed = value.trim();
      const spaced = trimmed !== value ? catalog.operation(trimmed) : undefined;
      if (spaced) {
        report({
          at: item.node,
          message: `${lead(value)} has white space around it, which Azure does not match: write ${quote(spaced.name)}.`,
          data: { reason: 'whitespace', suggestions: [spaced.name] },
        });
        continue;
      }
      const slash = trimmed.indexOf('/');
      if (trimmed === '' || slash <= 0 || trimmed.endsWith('/')) {
        const wildcard = trimmed.endsWith('/') && trimmed.length > 1 ? `${trimmed}*` : undefined;
        const near = trimmed === '' ? []
          : wildcard && catalog.match(wildcard, list.plane).length > 0 ? [{ name: wildcard }]
          : catalog.suggestOperations(trimmed.replace(/\/+$/, ''), list.plane);
        const why = trimmed === '' ? 'an empty string is not an operation; remove it'
          : trimmed.endsWith('/') ? `${lead(value)} ends with '/', so it names no operation${whole(value)}`
          : `${lead(value)} is not an operation name${whole(value)}: operations read 'Namespace/resourceType/verb'`;
        report({
          at: item.node,
          message: why.charAt(0).toUpperCase() + why.slice(1) + (trimmed === '' ? '.' : suggestionPhrase(near)),
          data: { reason: 'malformed', suggestions: near.map((o) => o.name) },
        });
        continue;
      }
      const namespace = trimmed.slice(0, slash);
      const provider = catalog.provider(namespace);
      const near = catalog.suggestOperations(trimmed, list.plane);
      if (!provider) {
        report({
          at: item.node,
          message: unknownProvider(namespace, value, near.map((o) => o.name)),
          data: { reason: 'provider', suggestions: near.map((o) => o.name) },
        });
        continue;
      }
      report({
        at: item.node,
        message: `${lead(value)} is not in ${snapshotPhrase(provider)}${whole(value)}${suggestionPhrase(near)}`,
        data: { reason: 'operation', suggestions: near.map((o) => o.name) },
      });
    }
  },
  isData: (data): data is UnknownActionData => isObject(data) && typeof data.reason === 'string' && isStringArray(data.suggestions),
  fixes({ document, data, offset }) {
    const entry = entryAt(document, offset);
    if (!entry) return [];
    const suggestions = data.suggestions.slice(0, 3);
    return suggestions.map((s) => ({
      title: `Change to ${JSON.stringify(s)}`,
      edits: [{ offset: entry.item.node.offset, length: entry.item.node.length, text: stringLiteral(document, s) }],
      isPreferred: suggestions.length === 1 || data.reason === 'whitespace',
    }));
  },
  // only when one name is clearly meant
  fixAll: { label: 'corrected names', accepts: (data) => data.suggestions.length === 1 },
};
