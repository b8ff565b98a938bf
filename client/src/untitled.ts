// New untitled documents of the extension's own making (a generated role, a role from an activity
// log), opened in an editor with the text they were made with.
import { EndOfLine, Range, TextEdit, WorkspaceEdit, window, workspace } from 'vscode';

/**
 * Opens `text` (`what` the user asked for, as a message names it) as a new untitled document and
 * shows it; false when the document could not be given the text, after saying so. VS Code names
 * the document Untitled-N with the lowest free N, and when it resolves an untitled document it
 * takes a hot-exit backup of that name before the content it was given. An untitled document of
 * the same name closed unsaved a moment earlier can leave such a backup behind (seen in the
 * real-editor tests: the role from an activity log opened with the text of the template closed
 * just before). The text is then replaced, line endings included, before the editor shows: the
 * user sees only the new text, though an undo in it would bring the old one back (no API makes an
 * edit the start of a document's history).
 */
export async function showNewUntitled(text: string, language: string, what: string): Promise<boolean> {
  const document = await workspace.openTextDocument({ language, content: text });
  if (document.getText() !== text) {
    const edit = new WorkspaceEdit();
    const whole = new Range(document.positionAt(0), document.positionAt(document.getText().length));
    // the text is the server's, with \n: a backup written with \r\n would turn it into \r\n
    edit.set(document.uri, [TextEdit.replace(whole, text), TextEdit.setEndOfLine(EndOfLine.LF)]);
    if (!(await workspace.applyEdit(edit)) || document.getText() !== text) {
      void window.showErrorMessage(`Azure Backup RBAC could not open ${what} in a new editor: VS Code gave it the text of an earlier untitled document. Run the command again.`);
      return false;
    }
  }
  await window.showTextDocument(document);
  return true;
}
