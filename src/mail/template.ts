/*
 * A deliberately small template language for mail subjects and bodies (documented in docs/mail.md, "Templates"):
 *
 *   {{name}}               the value of a variable; HTML-escaped in .html templates
 *   {{meeting.date}}       a field of an object
 *   {{#meetings}}...{{/meetings}}   repeat for each item of a list (its fields become variables),
 *                                   or show once if the value is a non-empty string / true
 *   {{^changes}}...{{/changes}}     show if the value is empty, false or missing
 *   {{! comment }}         nothing
 *
 * No code, no partials, no raw (unescaped) output: a template cannot break the HTML it is in.
 * An unknown variable is an error naming the template and the known variables, so a typo fails
 * at once instead of mailing "{{titel}}" to a hundred people.
 */
import { TconError } from '../errors.js';

export type TemplateValue = string | number | boolean | undefined | null | TemplateScope | TemplateScope[];
export interface TemplateScope {
  [name: string]: TemplateValue;
}

export class TemplateError extends TconError {
  constructor(message: string) {
    super(message, 'template.invalid');
    this.name = 'TemplateError';
  }
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'var'; name: string; line: number }
  | { type: 'section'; name: string; inverted: boolean; children: Node[]; line: number };

const TAG = /\{\{\s*([#^/!]?)\s*([\s\S]*?)\s*\}\}/g;

export interface Template {
  name: string;
  nodes: Node[];
}

/** Parses template text; `name` (e.g. "invite.html") is used in messages. */
export function parseTemplate(name: string, source: string): Template {
  // A section tag alone on its line takes the line with it (as in Mustache), so lists in text
  // bodies do not leave blank lines. Line numbers in messages count the original lines: a
  // removed line break is kept as an empty comment marker.
  const text = source.replace(/^[ \t]*(\{\{\s*[#^/!][^}]*\}\})[ \t]*\r?\n/gm, '$1{{!\n}}');
  const root: Node[] = [];
  const stack: { name: string; children: Node[]; line: number }[] = [{ name: '', children: root, line: 0 }];
  let last = 0;
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  for (const m of text.matchAll(TAG)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push({ type: 'text', text: text.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil, body] = m as unknown as [string, string, string];
    const line = lineAt(m.index);
    if (sigil === '!') continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(body)) {
      throw new TemplateError(`${name}:${line}: "{{${sigil}${body}}}" is not a variable name`);
    }
    if (sigil === '#' || sigil === '^') {
      const children: Node[] = [];
      top.children.push({ type: 'section', name: body, inverted: sigil === '^', children, line });
      stack.push({ name: body, children, line });
    } else if (sigil === '/') {
      if (top.name !== body) throw new TemplateError(`${name}:${line}: {{/${body}}} closes ${top.name ? `{{#${top.name}}}` : 'nothing'}`);
      stack.pop();
    } else {
      top.children.push({ type: 'var', name: body, line });
    }
  }
  const open = stack[stack.length - 1]!;
  if (stack.length > 1) throw new TemplateError(`${name}:${open.line}: {{#${open.name}}} is never closed`);
  if (last < text.length) root.push({ type: 'text', text: text.slice(last) });
  return { name, nodes: root };
}

const MISSING = Symbol('missing');

function lookup(scopes: readonly TemplateScope[], path: string): TemplateValue | typeof MISSING {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i]!;
    if (!Object.hasOwn(scope, head)) continue;
    let v: TemplateValue = scope[head];
    for (const part of rest) {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, part)) return MISSING;
      v = v[part];
    }
    return v;
  }
  return MISSING;
}

function known(scopes: readonly TemplateScope[]): string {
  return [...new Set(scopes.flatMap((s) => Object.keys(s)))].sort().join(', ');
}

function truthy(v: TemplateValue): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== undefined && v !== null && v !== false && v !== '' && v !== 0;
}

function show(v: TemplateValue): string {
  if (v === undefined || v === null || v === false) return '';
  if (typeof v === 'object') return '';
  return String(v);
}

/**
 * Renders a template. `escape` is applied to every variable's text (HTML escaping for .html
 * templates, identity for text). Throws TemplateError on an unknown variable.
 */
export function renderTemplate(t: Template, scope: TemplateScope, escape: (s: string) => string = (s) => s): string {
  const out: string[] = [];
  const walk = (nodes: readonly Node[], scopes: TemplateScope[]) => {
    for (const n of nodes) {
      if (n.type === 'text') {
        out.push(n.text);
        continue;
      }
      const v = lookup(scopes, n.name);
      if (v === MISSING) throw new TemplateError(`${t.name}:${n.line}: unknown variable "${n.name}" (known: ${known(scopes)})`);
      if (n.type === 'var') {
        out.push(escape(show(v)));
      } else if (n.inverted) {
        if (!truthy(v)) walk(n.children, scopes);
      } else if (Array.isArray(v)) {
        for (const item of v) walk(n.children, [...scopes, item]);
      } else if (truthy(v)) {
        walk(n.children, typeof v === 'object' && v !== null ? [...scopes, v] : scopes);
      }
    }
  };
  walk(t.nodes, [scope]);
  return out.join('');
}

/** Every variable name a template uses (sections included), for checks and documentation. */
export function templateVariables(t: Template): string[] {
  return [...new Set(variableUses(t).map((u) => u.name))].sort();
}

/** Each use of a variable with its line (the first part of a dotted name). */
export function variableUses(t: Template): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  const walk = (nodes: readonly Node[]) => {
    for (const n of nodes) {
      if (n.type === 'text') continue;
      out.push({ name: n.name.split('.')[0]!, line: n.line });
      if (n.type === 'section') walk(n.children);
    }
  };
  walk(t.nodes);
  return out;
}
