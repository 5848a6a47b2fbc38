/**
 * The captures of scripts/capture-life.mjs (src/data/life/<scenario>/<step>.*),
 * loaded by Vite at build time and grouped per `scenario/step`. Kept apart
 * from life.ts, which stays free of Vite's import.meta.glob so the tests can
 * load it with esbuild.
 */
import { type Capture, groupCaptures } from './life';

const files = import.meta.glob<string>('../data/life/*/*', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const LIFE_CAPTURES: Map<string, Capture> = groupCaptures(files);

/** The capture `scenario/step`; throws (failing the build) when there is none. */
export function lifeCapture(id: string): Capture {
  const capture = LIFE_CAPTURES.get(id);
  if (!capture) throw new Error(`no capture ${id} in src/data/life`);
  return capture;
}
