// The "Azure Backup Coverage" view: a tree in the panel that follows the active editor's role
// file and shows, per role, each backup operation with its scopes: all granted, what is missing,
// what notActions take away; with an action that adds what is missing. The server works out the
// data (COVERAGE_REQUEST) and the edit (ADD_PERMISSIONS_REQUEST, the quick fix's edit); the edit
// is applied with workspace.applyEdit, so the user's click is the acceptance and undo works.
import {
  type Disposable, EventEmitter, type ExtensionContext, type TextDocument, type TextEditor, ThemeColor, ThemeIcon, TreeItem,
  TreeItemCollapsibleState, type TreeDataProvider, type TreeView, TextEditorRevealType, Uri, WorkspaceEdit, commands, languages, window, workspace,
} from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  ADD_PERMISSIONS_REQUEST, type AddPermissionsParams, type AddPermissionsResult, COVERAGE_REQUEST, type CoverageParams, type DocumentCoverage,
  type MissingPermission, type OperationCoverage, type RoleCoverage, type ScopeCoverage,
} from '../../server/src/protocol';

export const VIEW_ID = 'azureBackupRbac.coverage';
export const ADD_COMMAND = 'azureBackupRbac.coverage.addMissingPermissions';
export const REVEAL_COMMAND = 'azureBackupRbac.coverage.revealRole';

/** how long the view waits after an edit before it asks again */
const DEBOUNCE_MS = 250;
/** the operations shown at a role's top level above which their workloads start collapsed */
const OPEN_LIMIT = 8;

const NO_ROLE_FILE = 'The active editor holds no Azure role definition. Open a custom role (JSON), an ARM template or a Bicep file with role definitions to see what each role does for Azure Backup.';
const NOT_CHECKED = 'This file is not checked: the extension is turned off for it, or the file is over the size limit (azureBackupRbac.maxFileSize).';
const NO_ANSWER = 'The language server did not answer; the command "Azure Backup RBAC: Show Output" shows why.';

interface Place {
  readonly uri: string;
  readonly role: RoleCoverage;
}

type Node =
  | { readonly kind: 'role'; readonly id: string; readonly at: Place; readonly parent: undefined; children: Node[] }
  | { readonly kind: 'group'; readonly id: string; readonly label: string; readonly tooltip: string; readonly count: number; readonly parent: Node; children: Node[] }
  | { readonly kind: 'workload'; readonly id: string; readonly title: string; readonly open: boolean; readonly parent: Node; children: Node[] }
  | { readonly kind: 'note'; readonly id: string; readonly text: string; readonly parent: Node; children: Node[] }
  | { readonly kind: 'operation'; readonly id: string; readonly at: Place; readonly op: OperationCoverage; readonly parent: Node; children: Node[] }
  | { readonly kind: 'scope'; readonly id: string; readonly at: Place; readonly op: OperationCoverage; readonly part: ScopeCoverage; readonly parent: Node; children: Node[] }
  | { readonly kind: 'permission'; readonly id: string; readonly at: Place; readonly op: OperationCoverage; readonly part: ScopeCoverage; readonly missing: MissingPermission; readonly parent: Node; children: Node[] };

type RoleNode = Extract<Node, { kind: 'role' }>;

type Status = 'complete' | 'lacking' | 'partial' | 'none';

const sum = (parts: readonly ScopeCoverage[], f: (p: ScopeCoverage) => number) => parts.reduce((n, p) => n + f(p), 0);
const takenAway = (p: ScopeCoverage) => p.missing.filter((m) => m.takenAwayBy.length > 0).length;
const addable = (p: ScopeCoverage) => p.missing.length - takenAway(p);

/** complete; lacking (meant for it, something missing); partial (some granted, not meant for it); none granted */
function statusOf(op: OperationCoverage, parts: readonly ScopeCoverage[] = op.parts): Status {
  const missing = sum(parts, (p) => p.missing.length);
  if (missing === 0) return 'complete';
  if (op.aimed) return 'lacking';
  return missing === sum(parts, (p) => p.total) ? 'none' : 'partial';
}

const ICONS: Record<Status, ThemeIcon> = {
  complete: new ThemeIcon('pass', new ThemeColor('testing.iconPassed')),
  lacking: new ThemeIcon('error', new ThemeColor('testing.iconFailed')),
  partial: new ThemeIcon('circle-large-outline'),
  none: new ThemeIcon('dash', new ThemeColor('disabledForeground')),
};
const TAKEN_AWAY_ICON = new ThemeIcon('circle-slash', new ThemeColor('testing.iconFailed'));

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "1 of 6 missing, 1 taken away by notActions" */
function missingText(parts: readonly ScopeCoverage[]): string {
  const missing = sum(parts, (p) => p.missing.length);
  const total = sum(parts, (p) => p.total);
  if (missing === 0) return 'all granted';
  if (missing === total && sum(parts, takenAway) === 0) return 'none granted';
  const away = sum(parts, takenAway);
  return `${missing} of ${total} missing${away ? `, ${away} taken away by notActions` : ''}`;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const mark = (op: OperationCoverage) => (op.declared ? 'declared' : op.aimed ? 'meant for' : undefined);

/** The tree of a document's coverage: roles → workloads → operations → scopes → missing permissions. */
function buildTree(coverage: DocumentCoverage): RoleNode[] {
  const roles: RoleNode[] = [];
  for (const role of coverage.roles) {
    const at: Place = { uri: coverage.uri, role };
    const roleNode: RoleNode = { kind: 'role', id: `${coverage.uri}#${role.index}`, at, parent: undefined, children: [] };
    roles.push(roleNode);
    if (!role.known) {
      roleNode.children.push({ kind: 'note', id: `${roleNode.id}/note`, text: 'Its permissions are computed at deployment (ARM expressions), so what it grants cannot be told.', parent: roleNode, children: [] });
      continue;
    }
    const top = role.operations.filter((o) => o.aimed || o.complete);
    const partial = role.operations.filter((o) => !top.includes(o) && statusOf(o) === 'partial');
    const none = role.operations.filter((o) => !top.includes(o) && statusOf(o) === 'none');
    roleNode.children.push(...workloads(roleNode, at, top, top.length <= OPEN_LIMIT));
    if (top.length === 0) {
      roleNode.children.push({ kind: 'note', id: `${roleNode.id}/note`, text: 'It enables no Azure Backup operation and is meant for none.', parent: roleNode, children: [] });
    }
    const groups = [
      { key: 'partial', label: 'Partly granted', ops: partial, tooltip: 'Operations this role grants some of the permissions of, though it is not meant for them.' },
      { key: 'none', label: 'Not granted', ops: none, tooltip: 'Operations this role grants none of the permissions of.' },
    ];
    for (const g of groups) {
      if (g.ops.length === 0) continue;
      const group: Node = { kind: 'group', id: `${roleNode.id}/${g.key}`, label: g.label, tooltip: g.tooltip, count: g.ops.length, parent: roleNode, children: [] };
      group.children = workloads(group, at, g.ops, false);
      roleNode.children.push(group);
    }
  }
  return roles;
}

function workloads(parent: Node, at: Place, ops: readonly OperationCoverage[], open: boolean): Node[] {
  const byWorkload = new Map<string, OperationCoverage[]>();
  for (const o of ops) byWorkload.set(o.workload, [...(byWorkload.get(o.workload) ?? []), o]);
  return [...byWorkload].map(([title, list]) => {
    const node: Node = { kind: 'workload', id: `${parent.id}/${title}`, title, open, parent, children: [] };
    node.children = list.map((op) => {
      const opNode: Node = { kind: 'operation', id: `${node.id}/${op.id}`, at, op, parent: node, children: [] };
      opNode.children = op.parts.map((part) => {
        const scope: Node = { kind: 'scope', id: `${opNode.id}/${part.index}`, at, op, part, parent: opNode, children: [] };
        scope.children = part.missing.map((missing) => ({ kind: 'permission', id: `${scope.id}/${missing.name}`, at, op, part, missing, parent: scope, children: [] }));
        return scope;
      });
      return opNode;
    });
    return node;
  });
}

function roleTooltip(role: RoleCoverage): string {
  return `${role.name}${role.builtIn ? ' (a built-in role)' : ''}: ${role.summary}.\nClick to select the role in the editor.`;
}

function operationTooltip(op: OperationCoverage): string {
  const why = op.declared ? 'This role is declared to be meant for it.'
    : op.aimed ? 'This role looks meant for it: it names a permission only an operator of it would hold.' : '';
  const lines = [`${op.title} (${op.workload}).`, why];
  for (const p of op.parts) lines.push(`At ${p.where} (minimum role ${p.role}): ${scopeState(p)}.`);
  if (op.parts.length > 1) lines.push('A role acts where it is assigned: one assigned where all these scopes meet covers them all; otherwise other roles may grant what is needed at the other scopes.');
  return lines.filter(Boolean).join('\n');
}

function scopeState(p: ScopeCoverage): string {
  if (p.missing.length === 0) return `all ${count(p.total, 'permission')} granted`;
  const away = takenAway(p);
  return `${p.missing.length} of the ${count(p.total, 'permission')} missing${away ? ` (${away} of them taken away by notActions)` : ''}`;
}

function permissionTooltip(m: MissingPermission): string {
  const list = m.data ? 'dataActions' : 'actions';
  if (m.takenAwayBy.length === 0) return `${m.name} is missing: "Add missing permissions" adds it to ${list}.`;
  const deny = m.data ? 'notDataActions' : 'notActions';
  return `${m.name} is granted by ${list} but taken away by ${deny} ${m.takenAwayBy.map((b) => JSON.stringify(b)).join(', ')}: narrow or remove that entry (adding the permission again would not grant it).`;
}

function treeItem(node: Node): TreeItem {
  const open = (expanded: boolean) => (node.children.length === 0 ? TreeItemCollapsibleState.None : expanded ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.Collapsed);
  let item: TreeItem;
  switch (node.kind) {
    case 'role': {
      const role = node.at.role;
      const statuses = role.operations.map((o) => statusOf(o));
      item = new TreeItem(role.name, open(true));
      item.description = role.builtIn ? `built-in role · ${role.summary}` : role.summary;
      item.iconPath = new ThemeIcon('shield', statuses.includes('lacking') ? new ThemeColor('testing.iconFailed') : statuses.includes('complete') ? new ThemeColor('testing.iconPassed') : undefined);
      item.tooltip = roleTooltip(role);
      item.command = { title: 'Reveal Role', command: REVEAL_COMMAND, arguments: [node] };
      item.contextValue = 'role';
      break;
    }
    case 'group':
      item = new TreeItem(node.label, open(false));
      item.description = count(node.count, 'operation');
      item.tooltip = node.tooltip;
      item.contextValue = 'group';
      break;
    case 'workload':
      item = new TreeItem(node.title, open(node.open));
      item.contextValue = 'workload';
      break;
    case 'note':
      item = new TreeItem(node.text, TreeItemCollapsibleState.None);
      item.iconPath = new ThemeIcon('info');
      item.contextValue = 'note';
      break;
    case 'operation': {
      const status = statusOf(node.op);
      item = new TreeItem(node.op.title, open(status === 'lacking'));
      item.description = [mark(node.op), missingText(node.op.parts)].filter(Boolean).join(' · ');
      item.iconPath = ICONS[status];
      item.tooltip = operationTooltip(node.op);
      item.contextValue = sum(node.op.parts, addable) > 0 ? 'operation.addable' : 'operation';
      break;
    }
    case 'scope': {
      const status = statusOf(node.op, [node.part]);
      item = new TreeItem(capitalized(node.part.where), open(status === 'lacking'));
      item.description = `${node.part.role} · ${missingText([node.part])}`;
      item.iconPath = ICONS[status];
      item.tooltip = `At ${node.part.where}, Microsoft names ${node.part.role} as the minimum role for ${node.op.title}; this role has ${scopeState(node.part)}.`;
      item.contextValue = addable(node.part) > 0 ? 'scope.addable' : 'scope';
      break;
    }
    case 'permission': {
      const m = node.missing;
      const away = m.takenAwayBy.length > 0;
      item = new TreeItem(m.name, TreeItemCollapsibleState.None);
      item.description = away ? `taken away by ${m.data ? 'notDataActions' : 'notActions'} ${m.takenAwayBy.map((b) => JSON.stringify(b)).join(', ')}` : m.data ? 'missing (dataActions)' : 'missing';
      item.iconPath = away ? TAKEN_AWAY_ICON : ICONS[node.op.aimed ? 'lacking' : 'none'];
      item.tooltip = permissionTooltip(m);
      item.contextValue = away ? 'permission.takenAway' : 'permission.addable';
      break;
    }
  }
  item.id = node.id;
  return item;
}

/** The view's items as it shows them, for tests: what the provider hands the tree, level by level. */
export interface CoverageItem {
  readonly label: string;
  readonly description: string | undefined;
  readonly tooltip: string | undefined;
  readonly icon: string | undefined;
  readonly contextValue: string | undefined;
  readonly expanded: boolean | undefined;
  readonly children: readonly CoverageItem[];
  /** the element itself, as menus pass it to the commands */
  readonly element: unknown;
}

export interface CoverageApi {
  /** once the view has caught up with the document it follows */
  settled(): Promise<void>;
  items(): Promise<CoverageItem[]>;
  message(): string | undefined;
  /** the labels of the selected items */
  selection(): string[];
}

export class CoverageView implements TreeDataProvider<Node>, Disposable {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: TreeView<Node>;
  private readonly disposables: Disposable[] = [];
  /** the document the view follows */
  private followed: Uri | undefined;
  private shown: { version: number; roles: RoleNode[] } | undefined;
  private generation = 0;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** a refresh was due while the view was hidden */
  private stale = true;

  constructor(private readonly client: BaseLanguageClient, context: ExtensionContext) {
    this.view = window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view, this.changed,
      this.view.onDidChangeVisibility(() => {
        if (this.view.visible && this.stale) void this.refresh();
      }),
      window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      workspace.onDidChangeTextDocument((e) => {
        if (this.isFollowed(e.document.uri)) this.refreshSoon();
      }),
      workspace.onDidCloseTextDocument((doc) => {
        if (this.isFollowed(doc.uri) && !window.activeTextEditor) this.follow(undefined, true);
      }),
      languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => this.isFollowed(u))) this.refreshSoon();
      }),
      commands.registerCommand(ADD_COMMAND, (node?: Node) => this.addMissing(node)),
      commands.registerCommand(REVEAL_COMMAND, (node?: Node) => this.revealRole(node)),
    );
    context.subscriptions.push(this);
    this.follow(window.activeTextEditor, true);
  }

  readonly api: CoverageApi = {
    settled: () => this.settled(),
    items: async () => {
      const walk = async (nodes: readonly Node[]): Promise<CoverageItem[]> => Promise.all(nodes.map(async (n) => {
        const item = this.getTreeItem(n);
        return {
          label: typeof item.label === 'string' ? item.label : item.label?.label ?? '',
          description: typeof item.description === 'string' ? item.description : undefined,
          tooltip: typeof item.tooltip === 'string' ? item.tooltip : undefined,
          icon: item.iconPath instanceof ThemeIcon ? item.iconPath.id : undefined,
          contextValue: item.contextValue,
          expanded: item.collapsibleState === TreeItemCollapsibleState.None ? undefined : item.collapsibleState === TreeItemCollapsibleState.Expanded,
          children: await walk(this.getChildren(n)),
          element: n,
        };
      }));
      return walk(this.getChildren());
    },
    message: () => this.view.message,
    selection: () => this.view.selection.map((n) => {
      const label = this.getTreeItem(n).label;
      return typeof label === 'string' ? label : label?.label ?? '';
    }),
  };

  getTreeItem(node: Node): TreeItem {
    return treeItem(node);
  }

  getChildren(node?: Node): Node[] {
    return node ? node.children : this.shown?.roles ?? [];
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /**
   * The command over each role's code lens (and in the palette): shows the view focused on the
   * role (the lens's document and role index; else the active editor's role at the cursor).
   */
  async show(uri?: Uri, roleIndex?: number): Promise<void> {
    const target = uri ?? window.activeTextEditor?.document.uri;
    if (!target) {
      void window.showInformationMessage('Open an Azure role file to see its Azure Backup coverage.');
      return;
    }
    if (!this.isFollowed(target)) this.followed = target;
    await commands.executeCommand(`${VIEW_ID}.focus`);
    await this.refresh(true); // (the view may not know yet that it shows)
    const roles = this.shown?.roles ?? [];
    if (roles.length === 0) return; // the view's message says why
    const editor = window.activeTextEditor;
    const cursor = editor && this.isFollowed(editor.document.uri) ? editor.selection.active : undefined;
    const atCursor = cursor && roles.find((r) => this.client.protocol2CodeConverter.asRange(r.at.role.range).contains(cursor));
    const wanted = roleIndex ?? atCursor?.at.role.index ?? 0;
    const node = roles.find((r) => r.at.role.index === wanted) ?? roles[0];
    await this.view.reveal(node, { select: true, focus: true, expand: true });
  }

  private isFollowed(uri: Uri): boolean {
    return uri.toString() === this.followed?.toString();
  }

  /** Follows an editor; when focus leaves the editors (to this view, the panel) the view keeps its document. */
  private follow(editor: TextEditor | undefined, force = false): void {
    if (!editor && !force) return;
    if (editor && this.isFollowed(editor.document.uri) && !force) return;
    this.followed = editor?.document.uri;
    void this.refresh();
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, DEBOUNCE_MS);
  }

  /** Asks the server again now (when the view is visible, or `force`; otherwise once it shows). */
  private refresh(force = false): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.view.visible && !force) {
      this.stale = true;
      return Promise.resolve();
    }
    this.stale = false;
    const loading = this.load(++this.generation);
    this.inFlight = loading;
    void loading.finally(() => {
      if (this.inFlight === loading) this.inFlight = undefined;
    });
    return loading;
  }

  private async settled(): Promise<void> {
    if (this.timer) void this.refresh();
    while (this.inFlight) await this.inFlight;
  }

  private async load(generation: number): Promise<void> {
    const uri = this.followed;
    const document = uri && workspace.textDocuments.find((d) => this.isFollowed(d.uri));
    if (!uri || !document || !isRoleLanguage(document)) {
      this.present(undefined, NO_ROLE_FILE, uri);
      return;
    }
    let answer: DocumentCoverage | null;
    try {
      const params: CoverageParams = { uri: this.client.code2ProtocolConverter.asUri(uri) };
      answer = await this.client.sendRequest<DocumentCoverage | null>(COVERAGE_REQUEST, params);
    } catch {
      if (generation === this.generation) this.present(undefined, NO_ANSWER, uri);
      return;
    }
    if (generation !== this.generation) return; // a newer answer is on its way
    if (answer && answer.version !== document.version) {
      this.refreshSoon(); // worked out for an older text: ask again once the edits have reached the server
      return;
    }
    if (!answer) this.present(undefined, NOT_CHECKED, uri);
    else if (answer.roles.length === 0) this.present(undefined, NO_ROLE_FILE, uri);
    else this.present(answer, undefined, uri);
  }

  private present(coverage: DocumentCoverage | undefined, message: string | undefined, uri: Uri | undefined): void {
    this.shown = coverage ? { version: coverage.version, roles: buildTree(coverage) } : undefined;
    this.view.message = message;
    this.view.description = uri ? uri.path.slice(uri.path.lastIndexOf('/') + 1) : undefined;
    this.changed.fire(undefined);
  }

  private find(id: string): Node | undefined {
    const walk = (nodes: readonly Node[]): Node | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        if (id.startsWith(`${n.id}/`)) return walk(n.children);
      }
      return undefined;
    };
    return walk(this.shown?.roles ?? []);
  }

  /** Selects the role in its editor (a click on the role). */
  private async revealRole(node?: Node): Promise<void> {
    if (node?.kind !== 'role') return;
    const document = await workspace.openTextDocument(Uri.parse(node.at.uri));
    const column = window.visibleTextEditors.find((e) => e.document === document)?.viewColumn;
    const p2c = this.client.protocol2CodeConverter;
    const editor = await window.showTextDocument(document, { viewColumn: column, selection: p2c.asRange(node.at.role.selection), preserveFocus: true });
    editor.revealRange(p2c.asRange(node.at.role.range), TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /**
   * "Add missing permissions" on an operation, a scope or a permission: the server builds the
   * quick fix's edit for what the item shows missing, and it is applied as one undoable edit.
   */
  private async addMissing(given?: Node): Promise<void> {
    if (given?.kind !== 'operation' && given?.kind !== 'scope' && given?.kind !== 'permission') return;
    await this.settled();
    // the same item in the tree of the current text (the view may have refreshed since the click)
    const node = this.find(given.id);
    if (node?.kind !== given.kind || !this.shown) {
      void window.showInformationMessage(`Nothing to add: ${given.op.title} lacks nothing there any more.`);
      return;
    }
    const params: AddPermissionsParams = {
      uri: node.at.uri, version: this.shown.version, role: node.at.role.index, operation: node.op.id,
      ...(node.kind !== 'operation' ? { part: node.part.index } : {}),
      ...(node.kind === 'permission' ? { permission: node.missing.name } : {}),
    };
    const result = await this.client.sendRequest<AddPermissionsResult | null>(ADD_PERMISSIONS_REQUEST, params);
    if (!result) {
      void window.showInformationMessage(`Nothing to add for ${node.op.title}: what it lacks there is taken away by notActions, or the file changed; the view shows it as it is now.`);
      void this.refresh();
      return;
    }
    const uri = Uri.parse(node.at.uri);
    const edit = new WorkspaceEdit();
    for (const e of result.edits) edit.replace(uri, this.client.protocol2CodeConverter.asRange(e.range), e.newText);
    if (!(await workspace.applyEdit(edit))) void window.showErrorMessage(`Azure Backup RBAC could not apply "${result.title}" (the file changed meanwhile?).`);
  }
}

/** A document the server checks: JSON, JSONC or Bicep. */
function isRoleLanguage(document: TextDocument): boolean {
  return document.languageId === 'json' || document.languageId === 'jsonc' || document.languageId === 'bicep';
}
