import { describe, expect, it } from 'vitest';
import { permissionNote } from '../src/notes.js';

describe('permissionNote (netstat 2.10 prg_cache_load)', () => {
  it('says nothing when every fd directory could be read', () => {
    expect(permissionNote({ denied: 0, socketsFound: 0 }, 1000)).toBe('');
    expect(permissionNote({ denied: 0, socketsFound: 5 }, 0)).toBe('');
  });
  it('"No info could be read" when denied and no socket was found at all', () => {
    expect(permissionNote({ denied: 2, socketsFound: 0 }, 65534)).toBe(
      '(No info could be read for "-p": geteuid()=65534 but you should be root.)\n',
    );
  });
  it('"Not all processes could be identified" when denied but some sockets were found', () => {
    expect(permissionNote({ denied: 2, socketsFound: 1 }, 1000)).toBe(
      '(Not all processes could be identified, non-owned process info\n' +
        ' will not be shown, you would have to be root to see it all.)\n',
    );
  });
});
