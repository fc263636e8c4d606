import { resolve } from 'node:path';
import { writeSite } from '../../adapters/site-files.js';
import { buildCalendarModel, renderPublish, type CalendarModel } from '../../calendar/index.js';
import { coverageOfSchedule } from '../../coverage/index.js';
import { renderSite } from '../../site/render.js';
import { siteGroup, type SiteModel } from '../../site/model.js';
import { tell, type CliIo } from '../io.js';
import { say } from '../messages.js';
import { parseNow, selectGroups } from '../options.js';
import { loadPlanned } from '../planned.js';

export interface SiteOptions {
  config: string;
  out: string;
  year?: number;
  now?: string;
}

/**
 * `tcon site`: a static site of every group's year (planned schedule, coverage heat map, public
 * ICS feeds). Join links appear only where the config says a page is private.
 */
export async function runSite(opts: SiteOptions, io: CliIo): Promise<number> {
  const { config, groups } = await selectGroups({ config: opts.config }, io);
  const now = parseNow(opts.now);
  const year = opts.year ?? now.year;
  const window = { from: `${year}-01-01`, to: `${year}-12-31` };
  const { build, settings } = await loadPlanned(config.dir, config.groups, io);
  const files = new Map<string, string>();
  const models: CalendarModel[] = [];
  const pages = groups.map((group) => {
    const occurrences = build(group, window);
    const isPrivate = group.sitePrivate ?? settings.site.private;
    const model = buildCalendarModel(group, window, occurrences);
    models.push(model);
    const feed = `feeds/${group.id}.ics`;
    // The feed of a public page carries no join links either.
    files.set(feed, renderPublish([model], { now, includeLinks: isPrivate }));
    return siteGroup(group, occurrences, { coverage: coverageOfSchedule(group, occurrences), feed, private: isPrivate, window });
  });
  const anyPublic = pages.some((p) => !p.private);
  files.set('feeds/all.ics', renderPublish(models, { now, name: settings.site.title, includeLinks: !anyPublic }));
  const site: SiteModel = { title: settings.site.title, from: window.from, to: window.to, groups: pages, allFeed: 'feeds/all.ics' };
  for (const [path, text] of renderSite(site)) files.set(path, text);
  const out = resolve(io.cwd, opts.out);
  await writeSite(out, files);
  tell(io, say.wroteSite(files.size, opts.out, pages.length, models.length + 1));
  return 0;
}
