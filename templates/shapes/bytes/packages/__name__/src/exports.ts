// What every entry point exports besides the functions themselves.

export { AbortError } from '@__scope__/runtime';
export type { __Function__Options, Api, Pixels } from './api.js';
export { CHANNELS, type Implementation, outputLength } from './contract.js';
