// New untitled documents of the extension's own making (a generated role, a role from an activity
// log), shown in an editor with the text they were made with.
import { Range, Selection, type TextEditor, window, workspace } from 'vscode';

/**
 * Opens `text` as a new untitled document and shows it. VS Code names the document Untitled-N with
 * the lowest free N, and when it resolves an untitled document it takes a hot-exit backup of that
 * name before the content it was given. An untitled document of the same name closed unsaved a
 * moment earlier can leave such a backup behind (seen in the real-editor tests: the role from an
 * activity log opened with the text of the template closed just before). The text is then put
 * right with one edit, so the user never sees what they had just thrown away.
 */
export async function showNewUntitled(text: string, language: string): Promise<TextEditor> {
  const document = await workspace.openTextDocument({ language, content: text });
  const editor = await window.showTextDocument(document);
  if (document.getText() === text) return editor;
  const whole = new Range(document.positionAt(0), document.positionAt(document.getText().length));
  const replaced = await editor.edit((builder) => builder.replace(whole, text));
  if (!replaced || document.getText() !== text) throw new Error(`VS Code reopened ${document.uri.toString()} with the text of an earlier untitled document, and it could not be replaced`);
  editor.selection = new Selection(0, 0, 0, 0);
  return editor;
}
