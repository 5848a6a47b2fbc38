/**
 * Starlight route middleware: the frontmatter's hero action links and
 * prev/next links are rendered by Starlight from the page's data, which
 * Markdown plugins do not reach, so the base is put in front of them here
 * (the same rule as every other link: ./lib/base-path.mjs).
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { prefixBase, prefixFrontmatterLinks } from './lib/base-path.mjs';

export const onRequest = defineRouteMiddleware((context) => {
  const base = import.meta.env.BASE_URL;
  if (base === '/') return;
  const route = context.locals.starlightRoute;
  // A copy: the entry object is shared between renders and must keep the authored links.
  route.entry = {
    ...route.entry,
    data: prefixFrontmatterLinks(route.entry.data, base) as typeof route.entry.data,
  };
  // Starlight computed the pagination from the authored frontmatter before this
  // middleware ran: a `next:`/`prev:` link given there still lacks the base.
  const pagination = { ...route.pagination };
  for (const key of ['prev', 'next'] as const) {
    const link = pagination[key];
    if (link && !link.href.startsWith(base)) {
      pagination[key] = { ...link, href: prefixBase(link.href, base) };
    }
  }
  route.pagination = pagination;
});
