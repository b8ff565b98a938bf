// Semantic tokens where they add meaning beyond colour: a permission naming an operation that the
// latest Azure permissions docs no longer list is marked deprecated (VS Code strikes it through).
import type { Catalog } from '../../catalog/catalog';
import type { RoleDocument } from '../model/role-document';
import { facts } from '../rules/rule';

export interface SemanticSpan {
  readonly offset: number;
  readonly length: number;
  readonly type: 'function';
  readonly modifiers: readonly 'deprecated'[];
}

export function semanticSpans(document: RoleDocument, catalog: Catalog): SemanticSpan[] {
  const spans: SemanticSpan[] = [];
  for (const role of document.roles) {
    for (const block of role.blocks) {
      for (const list of Object.values(block.lists)) {
        for (const item of list.items) {
          if (item.expression) continue;
          const { stars, op } = facts(item, catalog);
          // inside the quotes: one, or three around a Bicep multi-line string
          const quote = document.text.startsWith("'''", item.node.offset) ? 3 : 1;
          if (stars === 0 && op?.inLatestDocs === false) spans.push({ offset: item.node.offset + quote, length: item.node.length - 2 * quote, type: 'function', modifiers: ['deprecated'] });
        }
      }
    }
  }
  return spans.sort((a, b) => a.offset - b.offset);
}
