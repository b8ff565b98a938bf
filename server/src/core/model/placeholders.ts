// Placeholders a template engine fills in before a file reaches Azure: `${current_scope_resource_id}`,
// `{subscriptionId}`, `<subscription-id>`, `#{token}#`, `$(variable)`, `__token__`. A value that
// holds one is not the value Azure will see: the checks leave it alone, and one note per document
// says so (rules/template-placeholder.ts). ARM expressions are not placeholders (`format('{0}')`):
// callers ask of literal values only.

const PLACEHOLDER = /\$\{[^{}\s]+\}|#\{[^{}]+\}#|\$\([A-Za-z_][\w.]*\)|\{[A-Za-z_][\w.-]*\}|<[A-Za-z][\w .-]*>|__[A-Za-z]\w*__/;

/** The first placeholder in a literal value, as written; undefined when it holds none. */
export function placeholderIn(value: string): string | undefined {
  return PLACEHOLDER.exec(value)?.[0];
}
