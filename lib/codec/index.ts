/**
 * lib/codec: the pure ILPv4 wire codec shared by the harness and the reference connector.
 * Import from here (`import { decodePrepare } from '../lib/codec'`). README.md beside this file gives the
 * map and the strict/lenient table; each module's doc comment draws its wire layout.
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
export * from './stream-frames';
export * from './stream-packet';
export * from './stream-crypto';
export * from './legacy-envelope';
export * from './ilpv1';
export * from './ilqp';
export * from './ilpv1-outcomes';
