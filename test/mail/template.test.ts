import { describe, expect, it } from 'vitest';
import { escapeHtml, headerSafe } from '../../src/mail/text.js';
import { parseTemplate, renderTemplate, TemplateError } from '../../src/mail/template.js';

describe('templates', () => {
  it('renders variables, lists and inverted sections; standalone section lines leave no blank lines', () => {
    const t = parseTemplate(
      'x.txt',
      'Hello {{name}}\n{{#meetings}}\n- {{line}} ({{title}})\n{{/meetings}}\n{{^changes}}\nno changes\n{{/changes}}\nbye {{a.b}}\n',
    );
    const out = renderTemplate(t, { name: 'Ann', title: 'T', meetings: [{ line: 'l1' }, { line: 'l2' }], changes: [], a: { b: 'c' } });
    expect(out).toBe('Hello Ann\n- l1 (T)\n- l2 (T)\nno changes\nbye c\n');
  });

  it('HTML-escapes every variable in HTML templates', () => {
    const t = parseTemplate('x.html', '<p>{{title}}</p>');
    expect(renderTemplate(t, { title: '<script>"x" & \'y\'</script>' }, escapeHtml)).toBe(
      '<p>&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;</p>',
    );
  });

  it('names the template, the line and the known variables for an unknown variable', () => {
    const t = parseTemplate('invite.subject', '\n\n{{titel}}');
    expect(() => renderTemplate(t, { title: 'x', date: 'y' })).toThrow(new TemplateError('invite.subject:3: unknown variable "titel" (known: date, title)'));
  });

  it('rejects unclosed and mismatched sections', () => {
    expect(() => parseTemplate('a', '{{#x}} y')).toThrow(/never closed/);
    expect(() => parseTemplate('a', '{{#x}} y {{/z}}')).toThrow(/closes \{\{#x\}\}/);
  });

  it('header values lose CR, LF and other control characters', () => {
    expect(headerSafe('WG\r\nBcc: evil@example.org\u0000\u2028x')).toBe('WG Bcc: evil@example.org x');
  });
});
