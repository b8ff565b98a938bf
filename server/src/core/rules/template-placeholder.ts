import { placeholderIn } from '../model/placeholders';
import type { StringItem } from '../model/string-item';
import { type Rule, count, quote } from './rule';

export const id = 'template-placeholder';

export const rule: Rule = {
  id,
  summary: 'A scope, name or id holds a placeholder a template engine fills in ({subscriptionId}, <subscription-id>, ${…}); such values are not checked, and this note says so once per file.',
  defaultSeverity: 'information',
  appliesToBuiltInRoles: true,
  checkDocument({ document, report }) {
    const values: (StringItem | undefined)[] = [];
    for (const role of document.roles) values.push(role.id, ...role.assignableScopes.items);
    for (const a of document.assignments) values.push(a.name, a.scope, a.roleDefinitionId, a.principalId);
    const held = values.filter((v): v is StringItem => v !== undefined && !v.expression && placeholderIn(v.value) !== undefined)
      .sort((a, b) => a.node.offset - b.node.offset);
    const [first] = held;
    if (!first) return;
    const placeholder = placeholderIn(first.value)!;
    const subject = placeholder === first.value.trim() ? 'it' : quote(first.value);
    const others = held.length > 1 ? ` and ${count(held.length - 1, 'other value')} with placeholders were` : ' was';
    report({
      at: first.node,
      message: `${quote(placeholder)} is a placeholder filled in before deployment (by a template engine or by hand), so ${subject}${others} not checked; check the values put in its place.`,
    });
  },
};
