/**
 * lib/codec: the pure ILPv4 wire codec shared by the harness and the reference connector.
 * Import from here (`import { decodePrepare } from '../lib/codec'`); the API contract lives in the
 * project's codec API note and in each module's doc comment.
 */
export * from './types';
export * from './errors';
export * from './oer';
export * from './time';
export * from './address';
export * from './error-codes';
export * from './packets';
export * from './ildcp';
export * from './json';
export * from './forge';
