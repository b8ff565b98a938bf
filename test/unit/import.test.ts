// The user's own catalog: `az provider operation list` and `az role definition list` output laid
// over the bundled snapshot.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProviderOperations, readRoleDefinitions } from '../../server/src/catalog/import';
import { createLanguageService } from '../../server/src/core/language-service';
import { loadCatalog } from '../../server/src/node/load-catalog';
import { REPO, armTemplate, assignmentResource, cliRole } from '../support/harness';

const OPS = join(REPO, 'test', 'fixtures', 'imports', 'operations.json');
const ROLES = join(REPO, 'test', 'fixtures', 'imports', 'roles.json');
const NEW_OP = 'Microsoft.DataProtection/backupVaults/backupInstances/crossRegionRestore/action';

describe('imported catalog', () => {
  it('reads the shapes az prints', () => {
    const ops = readProviderOperations(require(OPS));
    assert.ok(ops.ok);
    assert.deepEqual(ops.value.providers.map((p) => p.name), ['Microsoft.DataProtection']);
    assert.equal(ops.value.operations.length, 3);
    const roles = readRoleDefinitions(require(ROLES));
    assert.ok(roles.ok);
    assert.deepEqual(roles.value.map((r) => [r.id, r.name, r.custom]), [['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', 'Contoso Disk Restore Operator', true]]);
  });

  it('turns a false unknown-action into none, and says which catalog answered', () => {
    const text = cliRole({ actions: `"${NEW_OP}"` });
    const bundled = createLanguageService(loadCatalog({}).catalog);
    const before = bundled.diagnostics(bundled.parse(text));
    assert.deepEqual(before.map((d) => d.code), ['unknown-action']);
    assert.match(before[0].message, /not in the catalog snapshot of 2023-08-12 for Microsoft\.DataProtection/);
    const loaded = loadCatalog({ operationsFile: OPS });
    assert.deepEqual(loaded.errors, []);
    const service = createLanguageService(loaded.catalog);
    const document = service.parse(text);
    assert.deepEqual(service.diagnostics(document), []);
    const hover = service.hover(document, text.indexOf('crossRegionRestore'));
    assert.match(hover!.markdown, /Restores a backup instance to the paired region\./);
    assert.match(hover!.markdown, /Microsoft\.DataProtection operations from your imported catalog of \d{4}-\d{2}-\d{2}/);
    assert.match(loaded.summary, /^20,830 operations, 928 roles; operations: imported operations\.json of \d{4}-\d{2}-\d{2} over the bundled snapshot/);
  });

  it('checks a document parsed once against each catalog it is given (an import while it is open)', () => {
    const bundled = createLanguageService(loadCatalog({}).catalog);
    const imported = createLanguageService(loadCatalog({ operationsFile: OPS }).catalog);
    const document = bundled.parse(cliRole({ actions: `"${NEW_OP}"` }));
    assert.deepEqual(bundled.diagnostics(document).map((d) => d.code), ['unknown-action']);
    assert.deepEqual(imported.diagnostics(document).map((d) => d.code), []);
    assert.deepEqual(bundled.diagnostics(document).map((d) => d.code), ['unknown-action']);
  });

  it("reads an import Windows PowerShell wrote (UTF-16 with a BOM, as `az … > file` does)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'abr-import-utf16-'));
    try {
      const file = join(dir, 'operations.json');
      writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(OPS, 'utf8'), 'utf16le')]));
      const loaded = loadCatalog({ operationsFile: file });
      assert.deepEqual(loaded.errors, []);
      assert.ok(loaded.catalog.operation(NEW_OP));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps operations the import lacks, marked, and names the imported catalog in messages', () => {
    const service = createLanguageService(loadCatalog({ operationsFile: OPS }).catalog);
    const kept = 'Microsoft.DataProtection/backupVaults/write';
    const text = cliRole({ actions: `"${kept}", "Microsoft.DataProtection/backupVaults/nope/action"` });
    const document = service.parse(text);
    const diagnostics = service.diagnostics(document);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-action']);
    assert.match(diagnostics[0].message, /^'Microsoft\.DataProtection\/backupVaults\/nope\/action' is not in your imported catalog of \d{4}-\d{2}-\d{2}/);
    assert.match(service.hover(document, text.indexOf(kept) + 3)!.markdown, /_Not in your imported catalog, though its provider is: it may have been removed\._/);
  });

  it('resolves a custom role of the imported roles in assignments, like a built-in one', () => {
    const text = armTemplate(assignmentResource({ roleDefinitionId: '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\')]"' }));
    const bundled = createLanguageService(loadCatalog({}).catalog);
    assert.deepEqual(bundled.diagnostics(bundled.parse(text)).map((d) => d.code), ['unknown-role-definition']);
    const service = createLanguageService(loadCatalog({ rolesFile: ROLES }).catalog);
    const document = service.parse(text);
    assert.deepEqual(service.diagnostics(document), []);
    assert.match(service.hover(document, text.indexOf('9a8b7c6d') + 3)!.markdown, /^\*\*Contoso Disk Restore Operator\*\* · custom role in `roles\.json`/);
  });

  describe('bad files', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'abr-import-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('give one clear error each and leave the bundled catalog in charge', () => {
      const notJson = join(dir, 'not.json');
      writeFileSync(notJson, 'Name  Namespace\n----  ---------');
      const wrongShape = join(dir, 'wrong.json');
      writeFileSync(wrongShape, JSON.stringify({ value: [1, 2, 3] }));
      const huge = join(dir, 'huge.json');
      writeFileSync(huge, '');
      truncateSync(huge, 101 * 1024 * 1024);
      for (const [file, message] of [
        [notJson, /not\.json: not JSON( \(invalid at character \d+\))?; the bundled operations stay in use\.$/],
        [wrongShape, /wrong\.json: expected an array of providers, each with "name" and "operations" or "resourceTypes" \(the output of `az provider operation list`\); the bundled operations stay in use\.$/],
        [huge, /huge\.json: 101 MB is too large for a catalog file; the bundled operations stay in use\.$/],
        [join(dir, 'missing.json'), /missing\.json: no such file; the bundled operations stay in use\.$/],
      ] as const) {
        const loaded = loadCatalog({ operationsFile: file });
        assert.equal(loaded.errors.length, 1);
        assert.match(loaded.errors[0], message);
        assert.equal(loaded.catalog.operationCount, 20829);
      }
      const roles = loadCatalog({ rolesFile: wrongShape });
      assert.match(roles.errors[0], /expected role definitions with "name" \(a GUID\), "roleName" and "permissions"/);
    });
  });
});
