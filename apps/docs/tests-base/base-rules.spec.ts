/** The one rule that puts the base path in front of links (src/lib/base-path.mjs). */
import { expect, test } from '@playwright/test';
import {
  baseFromEnv,
  prefixBase,
  prefixFrontmatterLinks,
  remarkBaseLinks,
} from '../src/lib/base-path.mjs';

test('NETINTRO_DOCS_BASE: default /, normalised slashes, bad values named', () => {
  expect(baseFromEnv(undefined)).toBe('/');
  expect(baseFromEnv('')).toBe('/');
  expect(baseFromEnv('/')).toBe('/');
  expect(baseFromEnv('netintro')).toBe('/netintro/');
  expect(baseFromEnv('/netintro')).toBe('/netintro/');
  expect(baseFromEnv('/docs/netintro/')).toBe('/docs/netintro/');
  for (const bad of ['/a b/', '/x?y/', '/a//b/', '..', 'a#b']) {
    expect(() => baseFromEnv(bad), bad).toThrow(/NETINTRO_DOCS_BASE: expected a URL path/);
  }
});

test('prefixBase: root-absolute paths only', () => {
  expect(prefixBase('/playground/', '/netintro/')).toBe('/netintro/playground/');
  expect(prefixBase('/', '/netintro/')).toBe('/netintro/');
  expect(prefixBase('/lesson/netstat/#columns', '/a/b/')).toBe('/a/b/lesson/netstat/#columns');
  expect(prefixBase('/playground/', '/')).toBe('/playground/');
  for (const kept of [
    '#top',
    'quiz/',
    '../x/',
    '//cdn.example/x',
    'https://example.org/',
    'mailto:a@b',
  ]) {
    expect(prefixBase(kept, '/netintro/')).toBe(kept);
  }
});

test('frontmatter links are prefixed in a copy', () => {
  const frontmatter = {
    title: 'x',
    hero: {
      actions: [
        { text: 'Go', link: '/lesson/well-known-ports/' },
        { text: 'Out', link: 'https://e.org/' },
      ],
    },
    next: { link: '/quiz/', label: 'Quiz' },
  };
  const copy = JSON.parse(JSON.stringify(frontmatter));
  const out = prefixFrontmatterLinks(frontmatter, '/netintro/');
  expect(out.hero.actions.map((a: { link: string }) => a.link)).toEqual([
    '/netintro/lesson/well-known-ports/',
    'https://e.org/',
  ]);
  expect(out.next).toEqual({ link: '/netintro/quiz/', label: 'Quiz' });
  expect(frontmatter).toEqual(copy);
});

test('remark step: links, definitions, JSX href attributes and frontmatter', () => {
  const jsx = (name: string, href: string) => ({
    type: 'mdxJsxFlowElement',
    name,
    attributes: [
      { type: 'mdxJsxAttribute', name: 'href', value: href },
      { type: 'mdxJsxAttribute', name: 'title', value: '/not-a-link' },
    ],
    children: [],
  });
  const tree = {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'link', url: '/playground/', children: [] },
          { type: 'link', url: 'https://linuxjourney.com/', children: [] },
          { type: 'link', url: '#top', children: [] },
          // Already under the base (starlight-typedoc writes its links so).
          { type: 'link', url: '/netintro/api/x/', children: [] },
        ],
      },
      { type: 'definition', url: '/lesson/quiz/' },
      jsx('LinkCard', '/packages/cli/'),
    ],
  };
  const file = {
    data: { astro: { frontmatter: { hero: { actions: [{ link: '/playground/' }] } } } },
  };
  remarkBaseLinks({ base: '/netintro/' })(tree, file);
  const urls: string[] = [];
  const walk = (node: {
    url?: string;
    children?: unknown[];
    attributes?: { value?: unknown }[];
  }) => {
    if (node.url) urls.push(node.url);
    for (const a of node.attributes ?? []) urls.push(String(a.value));
    for (const c of node.children ?? []) walk(c as typeof node);
  };
  walk(tree);
  expect(urls).toEqual([
    '/netintro/playground/',
    'https://linuxjourney.com/',
    '#top',
    '/netintro/api/x/',
    '/netintro/lesson/quiz/',
    '/netintro/packages/cli/',
    '/not-a-link',
  ]);
  expect(file.data.astro.frontmatter.hero.actions[0]?.link).toBe('/netintro/playground/');
  // At the root nothing changes.
  const rootTree = { type: 'root', children: [{ type: 'link', url: '/playground/' }] };
  remarkBaseLinks({ base: '/' })(rootTree, { data: {} });
  expect(rootTree.children[0]?.url).toBe('/playground/');
});
