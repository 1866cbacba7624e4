// What every entry point exports besides the functions themselves.

export { AbortError } from '@oxidize/runtime';
export type { AsyncHashOptions, Blake3, Hasher, HasherOptions, HashOptions } from './api.js';
export { DEFAULT_LENGTH, MAX_LENGTH } from './api.js';
export type { Implementation, Input } from './contract.js';
