/**
 * File reading shared by the node readers: typed read errors and a chunked
 * line reader that keeps one read in flight while the previous chunk is
 * being parsed.
 *
 * @module
 */
import { constants } from 'node:fs';
import { type FileHandle, open, readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

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

/** @internal Default read size: large enough that a 120k-row table takes ~150 reads. */
export const DEFAULT_CHUNK_BYTES = 128 * 1024;

async function openForRead(path: string): Promise<FileHandle> {
  try {
    return await open(path, constants.O_RDONLY);
  } catch (error) {
    throw new ProcNetReadError(path, error);
  }
}

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
 * @internal
 * Yields the file as runs of complete lines. Two buffers alternate: the next
 * read is issued before the current run is handed out, so the kernel formats
 * the next chunk (in libuv's thread pool) while the caller parses this one.
 * Memory stays at two buffers plus one run of text, whatever the file size.
 * The last line is yielded even without a trailing newline. `'latin1'` is
 * for the ASCII-only IP tables (fastest); `'utf8'` decodes multi-byte
 * characters split across reads correctly.
 */
export async function* readTextChunks(
  path: string,
  chunkBytes: number = DEFAULT_CHUNK_BYTES,
  encoding: 'utf8' | 'latin1' = 'utf8',
): AsyncGenerator<TextChunk, void, undefined> {
  const handle = await openForRead(path);
  const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
  const decoder = encoding === 'utf8' ? new StringDecoder('utf8') : undefined;
  let which = 0;
  let pending: Promise<{ bytesRead: number }> | undefined = handle.read(
    buffers[0]!,
    0,
    chunkBytes,
    null,
  );
  let carry = '';
  let firstLine = 1;
  try {
    while (pending !== undefined) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await pending);
      } catch (error) {
        pending = undefined;
        throw new ProcNetReadError(path, error);
      }
      if (bytesRead === 0) {
        pending = undefined;
        const text = carry + (decoder?.end() ?? '');
        if (text !== '') yield { text, firstLine, lines: countLines(text) };
        break;
      }
      const current = buffers[which]!;
      which ^= 1;
      // Decoding copies the bytes, so the other buffer can be refilled now.
      const text =
        decoder === undefined
          ? current.toString('latin1', 0, bytesRead)
          : decoder.write(current.subarray(0, bytesRead));
      pending = handle.read(buffers[which]!, 0, chunkBytes, null);
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
    if (pending !== undefined) await pending.catch(() => undefined);
    await handle.close();
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
