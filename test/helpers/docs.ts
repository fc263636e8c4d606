// The user documentation: README.md and docs/*.md (bench/README.md beside the benchmarks). Tests
// that check what the docs say read the section by its heading wherever it lives, so that moving a
// section between files moves no test.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../../', import.meta.url);

/** Every documentation file, as paths relative to the repository: README.md first, then docs/*.md and bench/README.md. */
export function docFiles(): string[] {
  const docs = readdirSync(new URL('docs/', ROOT))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs, 'bench/README.md'];
}

/** The text of one documentation file (a path relative to the repository). */
export function readDoc(path: string): string {
  return readFileSync(new URL(path, ROOT), 'utf8');
}

/** The absolute path of a repository file. */
export function repoPath(path: string): string {
  return fileURLToPath(new URL(path, ROOT));
}

/** Fenced code blocks of one language (```yaml), with the file each comes from. */
export function codeBlocks(lang: string, files = docFiles()): { file: string; code: string }[] {
  const fence = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm');
  return files.flatMap((file) => [...readDoc(file).matchAll(fence)].map((m) => ({ file, code: m[1]! })));
}

/** Markdown headings outside code fences: their level and text. */
export function headings(text: string): { level: number; text: string; index: number }[] {
  const out: { level: number; text: string; index: number }[] = [];
  let fenced = false;
  let index = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6}) (.*)$/.exec(line);
    if (m) out.push({ level: m[1]!.length, text: m[2]!.trim(), index });
    index += line.length + 1;
  }
  return out;
}

/**
 * The section under a heading (its text, without the `#`s), up to the next heading of the same
 * level or above, from whichever documentation file holds it (or from `only`). Throws when no file
 * or several do.
 */
export function docSection(heading: string, only?: string): { file: string; text: string } {
  const found: { file: string; text: string }[] = [];
  for (const file of only ? [only] : docFiles()) {
    const text = readDoc(file);
    const hs = headings(text);
    const i = hs.findIndex((h) => h.text === heading);
    if (i < 0) continue;
    const end = hs.slice(i + 1).find((h) => h.level <= hs[i]!.level);
    found.push({ file, text: text.slice(hs[i]!.index, end?.index ?? text.length) });
  }
  if (found.length !== 1) throw new Error(`the heading "${heading}" is in ${found.length} documentation files (${found.map((f) => f.file).join(', ')})`);
  return found[0]!;
}

/** GitHub's anchor of a heading: lower case, punctuation but `-` and `_` dropped, spaces as `-`. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a file's headings, a repeated one with GitHub's `-1`, `-2` suffixes. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings(text)) {
    const s = slug(h.text);
    const n = seen.get(s) ?? 0;
    seen.set(s, n + 1);
    out.add(n ? `${s}-${n}` : s);
  }
  return out;
}
