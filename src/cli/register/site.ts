import type { Command } from 'commander';
import { configOption, type CommandContext } from '../command-options.js';
import { parseYear } from '../parsers.js';

const HELP = `
No server and no CDN: open index.html or publish the directory as it is. Join links appear only on
pages the config makes private (site: { private: true } in a group file or tcon.yaml).
Example:
  tcon site --out public/ --year 2027`;

export function registerSite(program: Command, { io, setExit }: CommandContext): void {
  program
    .command('site')
    .description("write a static site: every group's meetings in the reader's zone, coverage, feeds")
    .addOption(configOption())
    .requiredOption('-o, --out <dir>', 'the directory to write the site to (e.g. public/)')
    .option('-y, --year <year>', 'the calendar year to show (default: this year)', parseYear)
    .option('--now <iso>', 'fix the clock (the default year, DTSTAMP of the feeds)')
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runSite } = await import('../commands/site.js');
      setExit(await runSite(opts, io));
    });
}
