/**
 * Parse services(5) text (`/etc/services`) exactly as glibc reads it, and look up ports and
 * service names. Pure: no Node built-ins, safe in browsers. File reading lives in
 * `@netintro/services-parser/node`, the embedded database in
 * `@netintro/services-parser/default-db`.
 *
 * @packageDocumentation
 */
export { classifyPort, type PortClass } from './classify.js';
export {
  type CreateServicesDbOptions,
  createServicesDb,
  type ServicesDb,
  type ServicesMatch,
} from './db.js';
export { ServicesParseError } from './errors.js';
export { type FormatServicesOptions, formatServices } from './format.js';
export { parseServices } from './parse.js';
export type {
  ParseServicesOptions,
  ServiceEntry,
  ServicesIssue,
  ServicesIssueCode,
} from './types.js';
