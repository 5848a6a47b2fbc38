/**
 * Starlight route middleware: the frontmatter's hero action links and
 * prev/next links are rendered by Starlight from the page's data, which
 * Markdown plugins do not reach, so the base is put in front of them here
 * (the same rule as every other link: ./lib/base-path.mjs).
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { prefixFrontmatterLinks } from './lib/base-path.mjs';

export const onRequest = defineRouteMiddleware((context) => {
  const base = import.meta.env.BASE_URL;
  if (base === '/') return;
  const route = context.locals.starlightRoute;
  // A copy: the entry object is shared between renders and must keep the authored links.
  route.entry = {
    ...route.entry,
    data: prefixFrontmatterLinks(route.entry.data, base) as typeof route.entry.data,
  };
});
