/**
 * Starlight route middleware (astro.config: `routeMiddleware`):
 * - every generated API page gets a one-line description (its TSDoc
 *   summary), used for the page's meta description and search excerpts;
 * - an API page of a `./node` entry that re-exports the same symbol from
 *   the package's root entry is left out of the search index, so a search
 *   lists each symbol once (the page itself stays, for the links);
 * - outside /api/, the sidebar's "API reference" group lists one link per
 *   entry point (its overview page, which lists every symbol with its
 *   summary) instead of all ~360 symbols: those made 100 KB of each lesson
 *   page's 130 KB of HTML and most of its DOM, so a slow phone painted the
 *   page half-parsed (the table of contents jumped across the page when the
 *   article arrived) and spent its main thread on links nobody opens from a
 *   lesson. An API page keeps the symbols of its own entry point.
 */

import { getCollection } from 'astro:content';
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';

type SidebarEntry = StarlightRouteData['sidebar'][number];

/** The label of the sidebar group that holds the generated API pages (astro.config.mjs). */
export const API_GROUP_LABEL = 'API reference';

/**
 * A copy of `sidebar` whose API group lists each entry point as one link to
 * its overview page (`…/api/<entry>/`), in the same order, except the entry
 * point named by `keep` (`procnet-reader`, say), which keeps its symbols.
 */
export function compactApiSidebar(sidebar: SidebarEntry[], keep?: string): SidebarEntry[] {
  return sidebar.map((group) => {
    if (group.type !== 'group' || group.label !== API_GROUP_LABEL) return group;
    const entries = group.entries.map((pkg): SidebarEntry => {
      if (pkg.type !== 'group') return pkg;
      const href = firstHref(pkg.entries);
      const overview = href && /^(.*?\/api\/[^/]+\/)/.exec(href)?.[1];
      if (!overview || overview.endsWith(`/api/${keep}/`)) return pkg;
      return {
        type: 'link',
        label: pkg.label,
        href: overview,
        isCurrent: false,
        badge: undefined,
        attrs: {},
      };
    });
    return { ...group, entries };
  });
}

function firstHref(entries: SidebarEntry[]): string | undefined {
  for (const entry of entries) {
    const href = entry.type === 'link' ? entry.href : firstHref(entry.entries);
    if (href) return href;
  }
  return undefined;
}

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
  const api = /^api\/([^/]+)/.exec(entry.id);
  route.sidebar = compactApiSidebar(route.sidebar, api?.[1]);
  if (!api) return;
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
