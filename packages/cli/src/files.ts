/**
 * The command's own file readers. Temporary: they go once procnet-reader
 * and services-parser read everything the command needs.
 *
 * @module
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * Bytes parsed at a time: about 215 rows of /proc/net/tcp, filled by ~8
 * `read()` calls. Measured at 120k rows: 64 KiB chunks (and 64 KiB writes)
 * keep more records alive per young-generation GC and lift peak RSS from 69
 * to 77-85 MB; 16 KiB costs more CPU per chunk.
 */
const CHUNK_BYTES = 32 * 1024;

/**
 * The text of a /proc table in pieces that end at a line end, read with
 * blocking calls (no thread-pool round trip per read: measured faster than
 * the async reader for these files, and steadier on a busy machine). A
 * missing file (no IPv6, no UDP-Lite) gives nothing, as netstat shows
 * nothing for it.
 *
 * @example
 * ```ts
 * for (const text of readChunks('/proc/net/tcp')) console.log(text.length);
 * ```
 */
export function* readChunks(path: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let carry = '';
  try {
    for (;;) {
      // A /proc seq_file hands out about a page per read(): fill the whole buffer.
      let n = 0;
      for (;;) {
        const got = readSync(fd, buffer, n, CHUNK_BYTES - n, null);
        if (got === 0) break;
        n += got;
        if (n === CHUNK_BYTES) break;
      }
      if (n === 0) break;
      const text = carry + buffer.toString('latin1', 0, n);
      const end = text.lastIndexOf('\n');
      if (end === -1) {
        carry = text;
        continue;
      }
      carry = text.slice(end + 1);
      yield text.slice(0, end + 1);
    }
    if (carry !== '') yield carry;
  } finally {
    closeSync(fd);
  }
}

/**
 * A whole (small) table as UTF-8 text, or undefined when it does not exist.
 *
 * @example
 * ```ts
 * readWhole('/proc/net/unix');
 * ```
 */
export function readWhole(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/**
 * A text file as latin1, or undefined when it cannot be read.
 *
 * @example
 * ```ts
 * await readText('/etc/networks');
 * ```
 */
export async function readText(path: string): Promise<string | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'latin1');
  } catch {
    return undefined;
  }
}
