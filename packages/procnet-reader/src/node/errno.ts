/**
 * System error codes of failed file operations: the one place the node
 * layer reads `error.code` and decides what a code means.
 *
 * @module
 */

/** @internal The `code` of a system error (`'ENOENT'`, `'EACCES'`, ...), also of a `ProcNetReadError`; undefined when there is none. */
export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** @internal True for "this file does not exist" errors (ENOENT, ENOTDIR). */
export function isMissing(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** @internal True for "not allowed" errors (EACCES, EPERM). */
export function isDenied(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'EACCES' || code === 'EPERM';
}
