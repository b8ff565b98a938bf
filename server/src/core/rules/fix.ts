// What the rules' fixes share: finding the list entry a diagnostic stands on, and small guards for
// payloads that come back from a client.
import type { ListKey, PermissionBlockModel, PermissionList, RoleDefinition, RoleDocument } from '../model/role-document';
import { roleAt } from '../model/role-document';
import type { StringItem } from '../model/string-item';
import type { Fix } from './rule';

/** A fix never expands one string into more than this many. */
export const MAX_EXPANSION = 40;

export interface EntryAt {
  readonly role: RoleDefinition;
  readonly block: PermissionBlockModel;
  readonly key: ListKey;
  readonly item: StringItem;
  /** the list, with its array node (a fix edits it) */
  readonly list: PermissionList & { readonly array: NonNullable<PermissionList['array']> };
}

/** The role and list entry a diagnostic stands on, when the list is written as an array. */
export function entryAt(document: RoleDocument, offset: number): EntryAt | undefined {
  const role = roleAt(document, offset);
  if (!role) return undefined;
  for (const block of role.blocks) {
    for (const list of Object.values(block.lists)) {
      const item = list.items.find((i) => i.node.offset === offset);
      if (item) return list.array ? { role, block, key: list.key, item, list: list as EntryAt['list'] } : undefined;
    }
  }
  return undefined;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export const isSpan = (v: unknown): v is { offset: number; length: number } => isObject(v) && Number.isInteger(v.offset) && Number.isInteger(v.length);

/** Payload of a fix that writes one value in place of another: the value's text as written, and what to write. */
export interface Replacement {
  readonly written: string;
  readonly replacement: string;
}

export const isReplacement = (v: unknown): v is Replacement => isObject(v) && typeof v.written === 'string' && typeof v.replacement === 'string';

/** The one fix that writes `replacement` where the diagnostic starts, unless the text there is no longer what was written. */
export function replacing(text: string, offset: number, data: Replacement, title: string): Fix[] {
  if (text.slice(offset, offset + data.written.length) !== data.written) return []; // stale
  return [{ title, edits: [{ offset, length: data.written.length, text: data.replacement }], isPreferred: true }];
}
