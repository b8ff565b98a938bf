import { isGuid } from '../model/arm-expression';
import type { DeploymentScope } from '../model/arm/template';
import { placeholderIn } from '../model/placeholders';
import { type RoleDefinition, type RoleDocument, textSlice } from '../model/role-document';
import { evaluateItem } from '../model/workspace';
import { type Replacement, isReplacement, replacing } from './fix';
import { type Rule, quote } from './rule';

export const id = 'role-definition-name-not-guid';

/** What is stable at each deployment scope and tells one role definition's home apart: its subscription, or its management group. */
const HOME: Record<DeploymentScope, string> = {
  resourceGroup: 'subscription().id', subscription: 'subscription().id', managementGroup: 'managementGroup().id', tenant: 'tenant().tenantId',
};

export const rule: Rule<Replacement> = {
  id,
  summary: "A role definition's name (its id: an ARM or Bicep resource's name, REST `name`/`id`, the CLI's `Id`) is not a GUID; Azure names role definitions by GUID.",
  defaultSeverity: 'error',
  appliesToBuiltInRoles: true,
  check({ document, role, report }) {
    const written = role.id;
    if (!written) return;
    const raw = String(written.node.value);
    let value = written.value;
    if (written.expression) {
      // a parameter is what the deployment passes (a GUID, as likely as not); guid() and newGuid() are known only then
      if (/\bparameters\s*\(/i.test(raw)) return;
      const v = evaluateItem(written, role.template?.env);
      if (v.kind !== 'string') return;
      value = v.value;
    }
    if (placeholderIn(value)) return; // filled in by a template engine (template-placeholder says so)
    // REST's `id` is the role definition's whole resource id: the GUID is its last segment
    const last = role.shape === 'arm' ? value : value.split('/').pop() ?? value;
    if (isGuid(last)) return;
    const replacement = guidFor(document, role);
    const data = replacement ? { written: textSlice(document, written.node.offset, written.node.offset + written.node.length), replacement } : undefined;
    const computed = written.expression ? `, the value of ${quote(raw)},` : '';
    const how = !replacement ? 'give the role a new GUID (New-Guid, uuidgen), or the GUID it has in Azure'
      : `use ${document.language === 'bicep' ? 'guid(…)' : '[guid(…)]'} over the role's name and its scope`;
    report({
      at: written.node,
      message: last !== value
        ? `${quote(last)} is not a GUID, and the last segment of ${quote(value)} must be one: Azure names role definitions by GUID; write the role's GUID.`
        : `${quote(value)}${computed} is not a GUID; Azure names role definitions by GUID: ${how}.`,
      ...(data ? { data } : {}),
    });
  },
  isData: isReplacement,
  fixes: ({ document, data, offset }) => replacing(document.text, offset, data, `Name the role ${data.replacement}`),
};

/**
 * The name to write instead, in a template (ARM or Bicep): guid() over the role's home (its
 * subscription, or management group, as the template deploys) and its roleName as written (else
 * the name it had), both the same at every deployment.
 */
function guidFor(document: RoleDocument, role: RoleDefinition): string | undefined {
  if (role.shape !== 'arm' || !role.template || !role.id) return undefined;
  const home = HOME[role.template.scope];
  const seed = role.name ?? role.id;
  if (document.language === 'bicep') return `guid(${home}, ${textSlice(document, seed.node.offset, seed.node.offset + seed.node.length)})`;
  const raw = String(seed.node.value);
  const arm = seed.expression ? raw.trim().slice(1, -1).trim() : `'${seed.value.replace(/'/g, "''")}'`;
  return JSON.stringify(`[guid(${home}, ${arm})]`);
}
