// What every entry point exports besides the functions themselves.

export type { AsyncHashOptions, Blake3, Hasher, HasherOptions, HashOptions, Implementation, Input } from './api.js';
export { AbortError, DEFAULT_LENGTH, MAX_LENGTH } from './api.js';
