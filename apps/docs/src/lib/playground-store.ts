/**
 * What the playground keeps in the reader's browser (localStorage) so the
 * quiz can ask about the reader's own table. Nothing leaves the browser.
 */
import type { PlaygroundTable } from './pipeline';

export const PLAYGROUND_STORAGE_KEY = 'netintro-playground';

export interface SavedPlayground {
  tables: Partial<Record<PlaygroundTable, string>>;
  /** `/etc/services` text; empty means the embedded netbase list. */
  services: string;
  hosts: string;
  /** `/etc/passwd` text (user names for -e). */
  passwd: string;
  argv: string[];
  endianness: 'little' | 'big';
}

/** The saved playground, or undefined when there is none or it is not readable. */
export function loadPlayground(storage: Pick<Storage, 'getItem'>): SavedPlayground | undefined {
  try {
    const value = JSON.parse(storage.getItem(PLAYGROUND_STORAGE_KEY) ?? 'null') as unknown;
    if (!value || typeof value !== 'object') return undefined;
    const v = value as Partial<SavedPlayground>;
    if (!v.tables || typeof v.tables !== 'object' || !Array.isArray(v.argv)) return undefined;
    return {
      tables: v.tables,
      services: typeof v.services === 'string' ? v.services : '',
      hosts: typeof v.hosts === 'string' ? v.hosts : '',
      passwd: typeof v.passwd === 'string' ? v.passwd : '',
      argv: v.argv.filter((a): a is string => typeof a === 'string'),
      endianness: v.endianness === 'big' ? 'big' : 'little',
    };
  } catch {
    return undefined;
  }
}
