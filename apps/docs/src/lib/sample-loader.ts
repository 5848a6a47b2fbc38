/**
 * The playground's samples, one chunk each, fetched when the reader picks
 * one (the list itself, with labels, is rendered at build time from
 * ./samples.ts). Keep the ids in step with SAMPLES there (tests/playground.spec.ts
 * picks every sample by its button).
 */
import type { Sample } from './samples';

const LOADERS: Record<string, () => Promise<{ default: Sample }>> = {
  icebox: () => import('./samples/icebox'),
  server: () => import('./samples/server'),
  broken: () => import('./samples/broken'),
};

/** The sample named `id`, or undefined for an unknown id. */
export async function loadSample(id: string): Promise<Sample | undefined> {
  const load = LOADERS[id];
  return load ? (await load()).default : undefined;
}
