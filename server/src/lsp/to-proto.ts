// Core results → LSP types, in one place: the core speaks offsets and its own shapes; the protocol
// speaks positions and its own.
import { type CodeAction, type CompletionItem, CompletionItemKind, type CompletionList, InsertTextFormat, type DocumentSymbol, type Range, SymbolKind, type SymbolInformation, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What turning offsets into positions takes of an open document (lsp/editor-document.ts). */
type Positions = Pick<TextDocument, 'uri' | 'positionAt'>;
import type { CodeActionResult, CompletionResult, Diagnostic, OffsetEdit, OutlineSymbol, WorkspaceSymbol } from '../core';

const COMPLETION_KIND = {
  provider: CompletionItemKind.Module,
  'resource-type': CompletionItemKind.Class,
  operation: CompletionItemKind.Function,
  wildcard: CompletionItemKind.Operator,
  role: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
} as const;

/**
 * Diagnostics as published: without the payload the core keeps for its fixes (`data`), which the
 * client would only send back, and which the session never reads from a client (it finds its own
 * diagnostic again by code, range and message). A large file's diagnostics are sent again at every
 * edit, and the payload was two fifths of them.
 */
export function published(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.data === undefined) return d;
    const { data: _kept, ...sent } = d;
    return sent;
  });
}

export function range(doc: Positions, offset: number, length: number): Range {
  return { start: doc.positionAt(offset), end: doc.positionAt(offset + length) };
}

export function textEdits(doc: Positions, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: range(doc, e.offset, e.length), newText: e.text }));
}

export function codeAction(doc: Positions, r: CodeActionResult): CodeAction {
  return {
    title: r.title,
    kind: r.kind,
    ...(r.diagnostics ? { diagnostics: [...r.diagnostics] } : {}),
    ...(r.isPreferred ? { isPreferred: true } : {}),
    edit: { changes: { [doc.uri]: textEdits(doc, r.edits) } },
  };
}

/**
 * A completion list. Items that replace the same text share one edit range (LSP 3.17
 * itemDefaults, when the client takes them), which keeps large lists small; documentation is sent
 * on resolve, so each item with some carries `[listId, index]` as its data.
 */
export function completionList(doc: Positions, items: readonly CompletionResult[], listId: number, sharedRanges: boolean): CompletionList {
  const rangeOf = (c: CompletionResult) => range(doc, c.edit.offset, c.edit.length);
  const first = items[0]?.edit;
  const shared = sharedRanges && first && items.every((c) => c.edit.offset === first.offset && c.edit.length === first.length) ? rangeOf(items[0]) : undefined;
  return {
    isIncomplete: false,
    ...(shared ? { itemDefaults: { editRange: shared } } : {}),
    items: items.map((c, i): CompletionItem => ({
      label: c.label,
      kind: COMPLETION_KIND[c.kind],
      ...(c.detail ? { detail: c.detail } : {}),
      // (the label is what is filtered on, and with a shared range what is inserted, unless told otherwise)
      ...(shared ? (c.edit.text !== c.label ? { textEditText: c.edit.text } : {}) : { textEdit: { range: rangeOf(c), newText: c.edit.text } }),
      ...(c.filterText && c.filterText !== c.label ? { filterText: c.filterText } : {}),
      ...(c.sortText ? { sortText: c.sortText } : {}),
      ...(c.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
      ...(c.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
      ...(c.documentation ? { data: [listId, i] } : {}),
    })),
  };
}

export function documentSymbol(sym: OutlineSymbol): DocumentSymbol {
  return { name: sym.name, detail: sym.detail, kind: sym.kind === 'role' ? SymbolKind.Class : SymbolKind.Key, range: sym.range, selectionRange: sym.selectionRange };
}

export function workspaceSymbol(sym: WorkspaceSymbol): SymbolInformation {
  return { name: sym.name, kind: SymbolKind.Class, location: sym.location, containerName: 'custom role' };
}
