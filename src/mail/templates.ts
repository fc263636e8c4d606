import { parseTemplate, TemplateError, variableUses, type Template } from './template.js';
import type { TemplateName } from './types.js';

export const TEMPLATE_NAMES: readonly TemplateName[] = ['invite', 'update', 'cancel', 'reminder'];
export const TEMPLATE_PARTS = ['subject', 'txt', 'html'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

/** The file name of one part: `invite.subject`, `invite.txt`, `invite.html`. */
export function templateFile(name: TemplateName, part: TemplatePart): string {
  return `${name}.${part}`;
}

export type TemplateSet = Record<TemplateName, Record<TemplatePart, Template>>;

/**
 * Parses every template part; `read(file)` returns the text of the first file found along the
 * lookup path (group folder, templates folder, bundled defaults), the adapter's business.
 */
export function parseTemplateSet(read: (file: string) => { text: string; path: string }): TemplateSet {
  const set = {} as TemplateSet;
  for (const name of TEMPLATE_NAMES) {
    const parts = {} as Record<TemplatePart, Template>;
    for (const part of TEMPLATE_PARTS) {
      const { text, path } = read(templateFile(name, part));
      const t = parseTemplate(path, text);
      // Checked when loaded, so that a typo stops the run before the first message goes out.
      const known = allowedVariables(name);
      const bad = variableUses(t).find((u) => !known.has(u.name));
      if (bad) throw new TemplateError(`${path}:${bad.line}: unknown variable "${bad.name}" (known: ${[...known].sort().join(', ')})`);
      parts[part] = t;
    }
    set[name] = parts;
  }
  return set;
}

/** The variables a template may use: its own, the common ones, and those of list items. */
export function allowedVariables(name: TemplateName): Set<string> {
  return new Set([...TEMPLATE_VARIABLES.common, ...TEMPLATE_VARIABLES.meeting, 'text', ...TEMPLATE_VARIABLES[name]]);
}

/** The variables each template may use (docs/mail.md lists them; tests check the defaults use only these). */
export const TEMPLATE_VARIABLES: Record<TemplateName | 'common' | 'meeting', readonly string[]> = {
  common: ['title', 'group', 'zone', 'zoneLabel', 'name', 'email', 'yourZone', 'link', 'organizer', 'sender'],
  meeting: ['date', 'time', 'local', 'line', 'localDate', 'localTime', 'localShift', 'startUtc', 'slot', 'status', 'note', 'link', 'meetingTitle'],
  invite: ['meetings', 'count', 'single', 'first', 'last', 'noCall'],
  update: ['meetings', 'count', 'single', 'first', 'last', 'changes', 'headline', 'noCall'],
  /** The fields of the first cancelled meeting are variables too (`{{date}}`, `{{time}}`, ...). */
  cancel: ['meetings', 'count', 'whole', 'removed', 'reason'],
  /** The meeting's fields are variables (`{{date}}`, `{{local}}`, `{{slot}}`, ...). */
  reminder: ['when', 'days', 'agenda', 'regions', 'changes'],
};
