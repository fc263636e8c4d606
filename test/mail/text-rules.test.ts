import { describe, expect, it } from 'vitest';
import { escapeHtml as mailEscape } from '../../src/mail/text.js';
import { parseTemplate, renderTemplate } from '../../src/mail/template.js';
import { escapeHtml } from '../../src/schedule/text.js';
import { esc as siteEscape } from '../../src/site/html.js';

// The small text rules, each written once (src/schedule/text.ts) and used by every target.
describe('one HTML escape: mail bodies and the site', () => {
  // Expected: the five characters HTML gives meaning to in content and quoted attributes, as
  // character references (HTML 13.1.4); nothing else changes.
  it.each([
    ['WG <b>14</b>', 'WG &lt;b&gt;14&lt;/b&gt;'],
    ['R&D "core" call', 'R&amp;D &quot;core&quot; call'],
    ["O'Brien's call", 'O&#39;Brien&#39;s call'],
    ['&amp; already', '&amp;amp; already'],
    ['Zürich · 東京', 'Zürich · 東京'],
  ])('%j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
    expect(siteEscape(text)).toBe(expected);
    expect(mailEscape(text)).toBe(expected);
    expect(renderTemplate(parseTemplate('x.html', '<p title="{{title}}">{{title}}</p>'), { title: text }, mailEscape)).toBe(`<p title="${expected}">${expected}</p>`);
  });
});
