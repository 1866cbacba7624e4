// What every entry point exports besides the functions themselves.

export { AbortError } from '@__scope__/runtime';
export type { __Function__Options, Api } from './api.js';
export type { Implementation } from './contract.js';
export { MAX_LENGTH } from './api.js';
