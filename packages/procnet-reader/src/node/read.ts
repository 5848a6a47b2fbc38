/**
 * File reading shared by the node readers: typed read errors and a chunked
 * line reader that keeps one read in flight while the previous chunk is
 * being parsed.
 *
 * @module
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { readOnThread } from './reader-thread.js';

/**
 * Thrown by the node readers when a file (or the directory holding it)
 * cannot be read. The message names the path; `code` is the system error
 * code (`'ENOENT'`, `'EACCES'`, ...) and `cause` the original error.
 *
 * @example
 * ```ts
 * import { readSockets, ProcNetReadError } from '@netintro/procnet-reader/node';
 * try {
 *   await readSockets({ kinds: 'tcp4', root: '/proc/999999999' });
 * } catch (error) {
 *   if (error instanceof ProcNetReadError) {
 *     error.path; // '/proc/999999999/net/tcp'
 *     error.code; // 'ENOENT'
 *   }
 * }
 * ```
 */
export class ProcNetReadError extends Error {
  override readonly name = 'ProcNetReadError';
  /** The file or directory that could not be read. */
  readonly path: string;
  /** System error code such as `'ENOENT'` or `'EACCES'` (`'EUNKNOWN'` when there is none). */
  readonly code: string;

  constructor(path: string, cause: unknown) {
    const code = errnoCode(cause) ?? 'EUNKNOWN';
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot read ${path}: ${reason}`, { cause });
    this.path = path;
    this.code = code;
  }
}

/** @internal */
export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** @internal True for "this file does not exist" errors. */
export function isMissing(error: unknown): boolean {
  const code = error instanceof ProcNetReadError ? error.code : errnoCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** @internal Reads a whole (small) file as UTF-8, wrapping errors in {@link ProcNetReadError}. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ProcNetReadError(path, error);
  }
}

/** @internal Default chunk size for readSockets: about 430 rows of /proc/net/tcp, ~16 `read()` calls. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;

/**
 * @internal Default chunk size for streamSockets: smaller batches of records
 * die young (measured: 59 MB peak RSS at 120k rows, against 74 MB with 128 KiB).
 */
export const STREAM_CHUNK_BYTES = 32 * 1024;

/** @internal A run of complete lines of a file. */
export interface TextChunk {
  /** Complete lines joined by `\n`, without a trailing newline. */
  text: string;
  /** 1-based number of the first line of `text` in the file. */
  firstLine: number;
  /** Lines in `text`. */
  lines: number;
}

/**
 * Fills `buffer` from the file's current position with as many `read()`
 * calls as it takes (a `/proc` seq_file returns about one page per call, so a
 * 64 KiB chunk takes ~16 calls). Returns the bytes read; fewer than
 * `buffer.length` only at end of file.
 */
function fillSync(fd: number, buffer: Buffer, path: string): number {
  let filled = 0;
  while (filled < buffer.length) {
    let n: number;
    try {
      n = readSync(fd, buffer, filled, buffer.length - filled, null);
    } catch (error) {
      throw new ProcNetReadError(path, error);
    }
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

/**
 * The file's bytes in chunks of `chunkBytes` (the last one shorter). The first
 * chunk is read right here; a file that does not fit in it is read on, on
 * the reader thread, a few chunks ahead of the consumer.
 */
async function* byteChunks(
  fd: number,
  path: string,
  chunkBytes: number,
  readAhead: boolean,
): AsyncGenerator<Uint8Array, void, undefined> {
  const first = Buffer.allocUnsafe(chunkBytes);
  const n = fillSync(fd, first, path);
  yield first.subarray(0, n);
  if (n < chunkBytes) return;
  if (!readAhead) {
    // Same buffer over and over: the consumer decodes each chunk before asking for the next.
    for (;;) {
      const m = fillSync(fd, first, path);
      yield first.subarray(0, m);
      if (m < chunkBytes) return;
    }
  }
  try {
    yield* readOnThread(fd, chunkBytes);
  } catch (error) {
    throw error instanceof ProcNetReadError ? error : new ProcNetReadError(path, error);
  }
}

/**
 * @internal
 * Yields the file as runs of complete lines, one run per chunk.
 *
 * A `/proc` seq_file hands out about one page per `read()`, so a thread-pool
 * round trip per call (fs.promises) would cost more than the kernel's own
 * work. A chunk is filled by a tight loop of blocking `read()` calls: the
 * first one here, the next ones on a reader thread (see reader-thread.ts)
 * while the consumer parses, so reading and parsing overlap. Memory stays at
 * a few chunks plus one run of text whatever the file size. The last line is
 * yielded even without a trailing newline. `'latin1'` is for the ASCII-only
 * IP tables (fastest); `'utf8'` decodes characters split across chunks.
 * With `readAhead` false everything happens on the calling thread, one
 * buffer, no overlap (the lowest memory: no reader thread).
 */
export async function* readTextChunks(
  path: string,
  chunkBytes: number = DEFAULT_CHUNK_BYTES,
  encoding: 'utf8' | 'latin1' = 'utf8',
  readAhead = true,
): AsyncGenerator<TextChunk, void, undefined> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new ProcNetReadError(path, error);
  }
  try {
    const decoder = encoding === 'utf8' ? new StringDecoder('utf8') : undefined;
    let carry = '';
    let firstLine = 1;
    for await (const bytes of byteChunks(fd, path, chunkBytes, readAhead)) {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const text = decoder === undefined ? buffer.toString('latin1') : decoder.write(buffer);
      if (bytes.byteLength < chunkBytes) {
        // End of file: everything left is complete.
        const rest = carry + text + (decoder?.end() ?? '');
        const trimmed = rest.endsWith('\n') ? rest.slice(0, -1) : rest;
        if (trimmed !== '') yield { text: trimmed, firstLine, lines: countLines(trimmed) };
        return;
      }
      const lastNewline = text.lastIndexOf('\n');
      if (lastNewline === -1) {
        carry += text;
        continue;
      }
      const complete = carry + text.slice(0, lastNewline);
      carry = text.slice(lastNewline + 1);
      const lines = countLines(complete);
      yield { text: complete, firstLine, lines };
      firstLine += lines;
    }
  } finally {
    closeSync(fd);
  }
}

function countLines(text: string): number {
  let lines = 1;
  let at = text.indexOf('\n');
  while (at !== -1) {
    lines++;
    at = text.indexOf('\n', at + 1);
  }
  return lines;
}
