/**
 * Starlight route middleware (astro.config: `routeMiddleware`):
 * - every generated API page gets a one-line description (its TSDoc
 *   summary), used for the page's meta description and search excerpts;
 * - an API page of a `./node` entry that re-exports the same symbol from
 *   the package's root entry is left out of the search index, so a search
 *   lists each symbol once (the page itself stays, for the links).
 */

import { getCollection } from 'astro:content';
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

/** The first sentence of prose in a generated Markdown body, as plain text. */
export function summaryOf(body: string): string | undefined {
  let fenced = false;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('```')) {
      fenced = !fenced;
      continue;
    }
    if (fenced || line === '' || /^(>|#|-|\||\*\*\*|<)/.test(line)) continue;
    const text = line
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/\\([_*\\|<>[\]])/g, '$1')
      .replace(/\*\*([^*]*)\*\*/g, '$1');
    const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
    return sentence.length > 160 ? `${sentence.slice(0, 157)}...` : sentence;
  }
  return undefined;
}

let docIds: Promise<Set<string>> | undefined;
/** The ids of every page of the site (loaded once per build). */
function allIds(): Promise<Set<string>> {
  docIds ??= getCollection('docs').then((entries) => new Set(entries.map((e) => e.id)));
  return docIds;
}

export const onRequest = defineRouteMiddleware(async (context) => {
  const route = context.locals.starlightRoute;
  const { entry } = route;
  if (!entry.id.startsWith('api/')) return;
  if (!entry.data.description && entry.body) {
    const summary = summaryOf(entry.body);
    if (summary) {
      entry.data.description = summary;
      // The <head> was built from the site's description before this runs.
      for (const tag of route.head) {
        const key = tag.attrs?.name ?? tag.attrs?.property;
        if (tag.tag === 'meta' && (key === 'description' || key === 'og:description')) {
          tag.attrs = { ...tag.attrs, content: summary };
        }
      }
    }
  }
  const duplicate = /^api\/([a-z-]+)-node\/(.+)$/.exec(entry.id);
  if (duplicate && (await allIds()).has(`api/${duplicate[1]}/${duplicate[2]}`)) {
    entry.data.pagefind = false;
  }
});
