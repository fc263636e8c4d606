import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplateSet, type TemplateSet } from '../mail/templates.js';
import { TemplateError } from '../mail/template.js';

/** The templates shipped with tcon (config/templates of the package). */
export const BUNDLED_TEMPLATES = fileURLToPath(new URL('../../config/templates/', import.meta.url));

/**
 * The template set of a group. Each part is looked up, first found wins, in
 * `<configDir>/templates/<group-id>/`, then `<configDir>/templates/`, then the bundled defaults,
 * so a group can override just its subject and keep the shared bodies.
 */
export function loadTemplates(configDir: string, groupId: string): TemplateSet {
  const dirs = [join(configDir, 'templates', groupId), join(configDir, 'templates'), BUNDLED_TEMPLATES];
  return parseTemplateSet((file) => {
    for (const dir of dirs) {
      const path = join(dir, file);
      if (existsSync(path)) return { text: readFileSync(path, 'utf8'), path };
    }
    throw new TemplateError(`template ${file} not found (looked in ${dirs.join(', ')})`);
  });
}
