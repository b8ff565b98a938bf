// `azure-backup-rbac diff <role A> <role B> [--format text|json]`: what each role grants that the
// other does not, after wildcards and notActions, operation by operation. A role is a file
// (`file` when it holds one role; `file#<role name>` or `file#<n>`, 1-based, when it holds
// several), or a built-in role by name or GUID (with --roles, the user's imported roles too). A
// name is taken as a file when such a file exists. Exit 0 when both grant the same, 1 when they
// differ, 2 for an operand that names no role.
import { existsSync, statSync } from 'node:fs';
import { type Catalog, type ComparedRole, type OperationSet, builtInSide, chooseRole, createLanguageService, diffRoles, diffText } from '../core';
import { isBicepFile, readTextFile } from '../node/files';
import { BicepLoader } from '../node/load-bicep';

type Side = { readonly role: ComparedRole; readonly set: OperationSet };

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

async function side(operand: string, catalog: Catalog, usage: (message: string) => Error): Promise<Side> {
  const hash = operand.lastIndexOf('#');
  const [file, selector] = isFile(operand) ? [operand, undefined] : hash > 0 && isFile(operand.slice(0, hash)) ? [operand.slice(0, hash), operand.slice(hash + 1)] : [undefined, undefined];
  if (file !== undefined) {
    const read = await readTextFile(file);
    if (read.kind !== 'text') throw usage(`cannot read ${file}: ${read.kind === 'error' ? read.message : read.kind === 'binary' ? 'a binary file' : 'too large'}`);
    const service = createLanguageService(catalog, isBicepFile(file) ? await new BicepLoader().load() : undefined);
    const chosen = chooseRole(catalog, service.parse(read.text, isBicepFile(file) ? 'bicep' : 'json'), file, selector);
    if (chosen.kind === 'problem') throw usage(chosen.message);
    return chosen;
  }
  const role = catalog.role(operand.trim()) ?? catalog.roleByName(operand.trim().replace(/\s+/g, ' '));
  if (role) return builtInSide(catalog, role);
  const explained = createLanguageService(catalog).explain(operand);
  const near = explained.kind === 'unknown' && explained.suggestions.length ? `; did you mean ${explained.suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
  throw usage(`'${operand}' is neither a file nor a role the catalog knows${near}`);
}

export async function diff(operands: readonly string[], format: string, catalog: Catalog, out: (s: string) => void, usage: (message: string) => Error): Promise<number> {
  if (!['text', 'json'].includes(format)) throw usage(`--format must be text or json, not '${format}'`);
  if (operands.length !== 2) throw usage('diff takes two roles: files (file.json, file.json#<role name>, file.json#<n>) or built-in role names or GUIDs');
  const a = await side(operands[0], catalog, usage);
  const b = await side(operands[1], catalog, usage);
  const result = diffRoles(catalog, a.role, a.set, b.role, b.set);
  out(format === 'json' ? JSON.stringify({ ...result, same: !result.onlyA.length && !result.onlyB.length }, null, 2) + '\n' : diffText(result));
  return result.onlyA.length || result.onlyB.length ? 1 : 0;
}
