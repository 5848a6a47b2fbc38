/**
 * Pagefind ranking used by the search box (and by tests/search.spec.ts).
 * Pagefind adds a boost for words of a page's title on top of the body
 * score; at its default (5) a short API page whose name contains a lesson
 * word ("readListening" for LISTEN) outranks the lesson itself, whatever
 * the API body's data-pagefind-weight. Titles still count, but less.
 * termSimilarity 5 (default 1) puts a word matching the query exactly
 * before longer words it prefixes: "readSockets" finds readSockets before
 * readSocketsOfPid, a shorter page that BM25 would otherwise favour.
 */
export const SEARCH_RANKING = { metaWeights: { title: 1 }, termSimilarity: 5 } as const;
