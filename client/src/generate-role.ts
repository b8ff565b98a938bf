// The command "Azure Backup RBAC: New Least-Privilege Role for Backup Operations…": the operations
// (grouped by workload, several at once) and the file shape are picked here; the server writes the
// roles (core/features/generate.ts) and the client opens them as a new untitled document.
import { type QuickPick, type QuickPickItem, QuickPickItemKind, window } from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { BACKUP_OPERATIONS_REQUEST, GENERATE_REQUEST, type GenerateAnswer, type GenerateParams, type GeneratedShape, type OperationChoice } from '../../server/src/protocol';
import { showNewUntitled } from './untitled';

export const NEW_ROLE_COMMAND = 'azureBackupRbac.newLeastPrivilegeRole';

interface OperationItem extends QuickPickItem {
  readonly id?: string;
}

interface ShapeItem extends QuickPickItem {
  readonly shape: GeneratedShape;
}

const SHAPES: readonly ShapeItem[] = [
  { label: 'az CLI / PowerShell JSON', description: 'one role object per scope', detail: 'az role definition create --role-definition <one object>; New-AzRoleDefinition', shape: 'cli' },
  { label: 'ARM template', description: 'roles and their assignments', detail: 'az deployment sub create: the roles at the subscription, an assignment at each scope', shape: 'arm' },
  { label: 'Bicep', description: 'roles and their assignments', detail: "targetScope = 'subscription': the roles, an assignment at each scope", shape: 'bicep' },
];

/** The pick on screen, as the extension's API shows it to tests (which drive it with the workbench's own commands). */
export interface PickState {
  readonly title: string;
  /** the label and description of the item under the cursor */
  readonly active: readonly string[];
  /** the descriptions (operation ids) or labels of the items checked */
  readonly selected: readonly string[];
}

export class NewRoleCommand {
  private current: QuickPick<QuickPickItem> | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** What the pick on screen shows, for tests. */
  state(): PickState | undefined {
    const q = this.current;
    return q && {
      title: q.title ?? '',
      active: q.activeItems.flatMap((i) => [i.label, i.description ?? '']),
      selected: q.selectedItems.map((i) => i.description ?? i.label),
    };
  }

  /** Asks for the operations and the shape, then opens the generated roles; undefined when cancelled. */
  async run(): Promise<GenerateAnswer | undefined> {
    const operations = await this.client.sendRequest<OperationChoice[]>(BACKUP_OPERATIONS_REQUEST);
    const items: OperationItem[] = [];
    let workload = '';
    for (const o of operations) {
      if (o.workload !== workload) items.push({ label: (workload = o.workload), kind: QuickPickItemKind.Separator });
      items.push({ label: o.title, description: o.id, detail: o.detail, id: o.id });
    }
    const picked = await this.pick(items, true, 'New Least-Privilege Role for Backup Operations (1/2)', 'The Azure Backup operations the role is for (several at once)');
    const ids = picked?.flatMap((p) => (p.id ? [p.id] : []));
    if (!ids?.length) return undefined;
    const [shape] = (await this.pick(SHAPES, false, 'New Least-Privilege Role for Backup Operations (2/2)', 'The shape of the file')) ?? [];
    if (!shape) return undefined;
    const params: GenerateParams = { operations: ids, shape: shape.shape };
    const answer = await this.client.sendRequest<GenerateAnswer | null>(GENERATE_REQUEST, params);
    if (!answer) {
      void window.showErrorMessage('Azure Backup RBAC could not generate roles for these operations.');
      return undefined;
    }
    return (await showNewUntitled(answer.text, answer.language, 'the generated roles')) ? answer : undefined;
  }

  /** A quick pick, answered with what was accepted (undefined when dismissed). */
  private pick<T extends QuickPickItem>(items: readonly T[], many: boolean, title: string, placeholder: string): Promise<readonly T[] | undefined> {
    const q = window.createQuickPick<T>();
    Object.assign(q, { items, canSelectMany: many, matchOnDescription: true, matchOnDetail: true, title, placeholder, ignoreFocusOut: true });
    this.current = q as unknown as QuickPick<QuickPickItem>;
    return new Promise((resolve) => {
      let answer: readonly T[] | undefined;
      q.onDidAccept(() => {
        answer = many ? q.selectedItems : q.activeItems.slice(0, 1);
        q.hide();
      });
      q.onDidHide(() => {
        if (this.current === (q as unknown)) this.current = undefined;
        q.dispose();
        resolve(answer);
      });
      q.show();
    });
  }
}
