// The help each rule carries in the CLI's reports: its section of docs/rules.md (which ships in
// the package), as Markdown and as plain text, and links that mean the same on every machine.

/** Where a rule's documentation is, relative to the package root: the same on every machine. */
const RULES_DOC = 'docs/rules.md';

export function ruleDocsRef(ruleId: string): string {
  return `${RULES_DOC}#${ruleId}`;
}

/**
 * The rule's page on the publisher's site: the package's `homepage` with docs/rules.md below it.
 * Only an http(s) homepage gives one; without it there is no absolute link to give.
 */
export function ruleHelpUri(homepage: string | undefined, ruleId: string): string | undefined {
  if (!homepage) return undefined;
  let base: URL;
  try {
    base = new URL(homepage);
  } catch {
    return undefined;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return undefined;
  base.hash = '';
  base.search = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(ruleDocsRef(ruleId), base).href;
}

export interface RuleHelp {
  readonly text: string;
  readonly markdown: string;
}

/** Each `## rule-id` section of docs/rules.md, by id. */
export function ruleHelpSections(doc: string): Map<string, RuleHelp> {
  const sections = new Map<string, RuleHelp>();
  const parts = doc.replace(/\r\n?/g, '\n').split(/^## +/m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    const id = (newline < 0 ? part : part.slice(0, newline)).trim();
    const body = newline < 0 ? '' : part.slice(newline + 1).trim();
    if (!/^[a-z][a-z0-9-]*$/.test(id) || !body) continue;
    const markdown = body.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (link, label: string, target: string) =>
      /^[a-z][a-z0-9+.-]*:|^#/i.test(target) ? link : `${label} (\`${RULES_DOC.replace(/[^/]+$/, '')}${target}\`)`);
    sections.set(id, { markdown, text: plainText(markdown) });
  }
  return sections;
}

/** Markdown as a reader of plain text wants it: paragraphs on one line, no emphasis marks. */
function plainText(markdown: string): string {
  const paragraphs: string[] = [];
  for (const block of markdown.split(/\n{2,}/)) {
    if (block.startsWith('```')) {
      paragraphs.push(block.split('\n').filter((l) => !l.startsWith('```')).join('\n'));
      continue;
    }
    // emphasis first: a `*` inside code follows a letter or a slash, never a space
    paragraphs.push(block.replace(/\s*\n\s*/g, ' ').replace(/(^|[\s(])([*_]{1,2})([^*_`]+?)\2(?=[\s).,;:]|$)/g, '$1$3').replace(/`([^`]*)`/g, '$1'));
  }
  return paragraphs.join('\n\n');
}
