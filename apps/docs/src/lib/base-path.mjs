// @ts-check
/**
 * The site's one mechanism for its base path (the folder it is served from,
 * `/` locally and e.g. `/netintro/` on GitHub project pages). Authors and
 * components write root-absolute links (`/playground/`); this module puts
 * the base in front of them:
 *
 * - `prefixBase` is the rule itself (pure; used by everything below and by
 *   `withBase` in `./base.ts` for components and client scripts);
 * - `remarkBaseLinks` applies it to Markdown/MDX links, link definitions,
 *   `href` attributes of JSX elements (`<LinkCard href="/...">`) and the
 *   frontmatter's hero/prev/next links, before starlight-links-validator
 *   reads them, so the validator checks the links readers get;
 * - `baseFromEnv` reads the configured base (`NETINTRO_DOCS_BASE`).
 *
 * Plain JavaScript so that astro.config.mjs can import it without a build.
 */

/**
 * The base path from an environment value: `/` when unset or empty,
 * otherwise with exactly one leading and one trailing slash.
 *
 * @param {string | undefined} value e.g. `netintro`, `/netintro`, `/netintro/`
 * @returns {string} e.g. `/netintro/`
 * @example
 * baseFromEnv('/netintro'); // '/netintro/'
 * baseFromEnv(undefined); // '/'
 */
export function baseFromEnv(value) {
  const trimmed = (value ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (/[\s?#\\]|\/\//.test(trimmed) || trimmed === '.' || trimmed === '..') {
    throw new Error(
      `NETINTRO_DOCS_BASE: expected a URL path such as /netintro/, got ${JSON.stringify(value)}`,
    );
  }
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Puts `base` in front of a root-absolute path (`/x/...`). Everything else
 * is returned unchanged: relative links, fragments (`#x`), protocol-relative
 * and absolute URLs (`//host`, `https://...`, `mailto:`).
 *
 * @param {string} path a link as written by an author or a component
 * @param {string} base the site's base, e.g. `/` or `/netintro/`
 * @returns {string}
 * @example
 * prefixBase('/playground/', '/netintro/'); // '/netintro/playground/'
 * prefixBase('/', '/netintro/'); // '/netintro/'
 * prefixBase('#top', '/netintro/'); // '#top'
 */
export function prefixBase(path, base) {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) return path;
  const trimmedBase = base.replace(/\/+$/, '');
  if (trimmedBase === '') return path;
  return `${trimmedBase}${path}`;
}

/**
 * `prefixBase` for links that may already carry the base: pages generated
 * by starlight-typedoc (the API reference) are written with it. Authors
 * never write the base by hand (a link written that way would break the
 * root build, where the links validator reports it).
 *
 * @param {string} path
 * @param {string} base
 * @returns {string}
 */
function prefixBaseOnce(path, base) {
  if (typeof path === 'string' && (path === base.replace(/\/+$/, '') || path.startsWith(base))) {
    return path;
  }
  return prefixBase(path, base);
}

/**
 * @typedef {{ type: string, children?: Node[], url?: string, name?: string | null,
 *   attributes?: { type: string, name?: string, value?: unknown }[] }} Node
 */

/**
 * Copy of a frontmatter object with its hero action links and prev/next
 * links prefixed (the object given is left as it is).
 *
 * @param {Record<string, any>} frontmatter
 * @param {string} base
 * @returns {Record<string, any>}
 */
export function prefixFrontmatterLinks(frontmatter, base) {
  let out = frontmatter;
  const hero = frontmatter.hero;
  if (hero && typeof hero === 'object' && Array.isArray(hero.actions)) {
    out = {
      ...out,
      hero: {
        ...hero,
        actions: hero.actions.map((/** @type {any} */ action) =>
          action && typeof action.link === 'string'
            ? { ...action, link: prefixBase(action.link, base) }
            : action,
        ),
      },
    };
  }
  for (const key of ['prev', 'next']) {
    const value = frontmatter[key];
    if (value && typeof value === 'object' && typeof value.link === 'string') {
      out = { ...out, [key]: { ...value, link: prefixBase(value.link, base) } };
    }
  }
  return out;
}

/**
 * Remark plugin: prefixes the root-absolute links of a Markdown/MDX page
 * with the base. A no-op when the base is `/`.
 *
 * @param {{ base: string }} options
 */
export function remarkBaseLinks({ base }) {
  /**
   * @param {any} tree an mdast root
   * @param {any} file a VFile; `file.data.astro.frontmatter` is the page's frontmatter
   */
  return (tree, file) => {
    if (base === '/') return;
    /** @type {{ frontmatter?: Record<string, any> } | undefined} */
    const astro = file.data?.astro;
    if (astro?.frontmatter) astro.frontmatter = prefixFrontmatterLinks(astro.frontmatter, base);
    // Bounded: each node is visited once; the tree is finite and acyclic.
    /** @type {Node[]} */
    const stack = [tree];
    while (stack.length > 0) {
      const node = /** @type {Node} */ (stack.pop());
      if ((node.type === 'link' || node.type === 'definition') && typeof node.url === 'string') {
        node.url = prefixBaseOnce(node.url, base);
      } else if (
        (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
        node.attributes
      ) {
        for (const attribute of node.attributes) {
          if (
            attribute.type === 'mdxJsxAttribute' &&
            attribute.name === 'href' &&
            typeof attribute.value === 'string'
          ) {
            attribute.value = prefixBaseOnce(attribute.value, base);
          }
        }
      }
      if (node.children) stack.push(...node.children);
    }
  };
}
