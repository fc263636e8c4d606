/** Escapes text for HTML element content and quoted attribute values: the mail's rule (schedule/text.ts). */
export { escapeHtml as esc } from '../schedule/text.js';

/** A safe http(s) URL for an href, or undefined (never javascript: or data:). */
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s<>"']+$/i.test(url) ? url : undefined;
}

/** A file name for a group id (ids are lowercase letters, digits, dashes; checked again here). */
export function pageName(id: string): string {
  return `${id.replace(/[^a-z0-9-]/g, '-')}.html`;
}
