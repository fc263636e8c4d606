// The README and docs/ link to each other by relative paths and heading anchors: every link must
// land on a file, and on a heading of it, and every documentation file must be reachable from the
// README, so that moving a section never leaves a dead link or an orphan page.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchors, docFiles, readDoc, repoPath, slug } from './helpers/docs.js';

/** The relative links of a markdown text, code spans and fenced blocks left out. */
function links(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '``');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/i.test(l));
}

/** A link of `from` resolved: the target file (relative to the repository) and the anchor. */
function resolve(from: string, link: string): { file: string; anchor?: string } {
  const [path, anchor] = link.split('#') as [string, string | undefined];
  return { file: path ? normalize(join(dirname(from), path)) : from, anchor };
}

describe('documentation links', () => {
  const files = docFiles();

  it('finds the documentation: README.md, docs/ and bench/README.md', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/commands.md', 'docs/json.md', 'docs/config.md', 'bench/README.md']));
    expect(files.flatMap((f) => links(readDoc(f))).length).toBeGreaterThan(80);
  });

  it('every relative link names a file that exists, and an anchor that is one of its headings', () => {
    const broken: string[] = [];
    for (const from of files) {
      for (const link of links(readDoc(from))) {
        const { file, anchor } = resolve(from, link);
        if (!existsSync(repoPath(file))) broken.push(`${from}: ${link}: no file ${file}`);
        else if (anchor !== undefined) {
          if (!file.endsWith('.md')) broken.push(`${from}: ${link}: an anchor into a file that is not markdown`);
          else if (!anchors(readDoc(file)).has(anchor)) broken.push(`${from}: ${link}: no heading "${anchor}" in ${file}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('every documentation file is reachable from the README', () => {
    const seen = new Set(['README.md']);
    const queue = ['README.md'];
    while (queue.length) {
      const from = queue.shift()!;
      for (const link of links(readDoc(from))) {
        const { file } = resolve(from, link);
        if (file.endsWith('.md') && !seen.has(file) && existsSync(repoPath(file)) && statSync(repoPath(file)).isFile()) {
          seen.add(file);
          queue.push(file);
        }
      }
    }
    expect(files.filter((f) => !seen.has(f))).toEqual([]);
  });

  it('the README links to every documentation file directly (its "Documentation" index)', () => {
    const index = readDoc('README.md').split('\n## Documentation\n')[1] ?? '';
    const linked = new Set(links(index).map((l) => resolve('README.md', l).file));
    expect(files.filter((f) => f !== 'README.md' && !linked.has(f))).toEqual([]);
  });

  it('anchors are made as GitHub makes them', () => {
    expect(slug('`tcon move`, `tcon skip`, `tcon add`')).toBe('tcon-move-tcon-skip-tcon-add');
    expect(slug('Secretariat settings (`config/tcon.yaml`)')).toBe('secretariat-settings-configtconyaml');
    expect(slug('`tcon schedule --format json`')).toBe('tcon-schedule---format-json');
    expect([...anchors('# A\n```\n# not a heading\n```\n## A\n')]).toEqual(['a', 'a-1']);
  });
});
