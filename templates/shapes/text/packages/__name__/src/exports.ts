// What every entry point exports besides the functions themselves.

export { AbortError } from '@__scope__/runtime';
export type { Api, __Function__Options, Implementation } from './api.js';
export { MAX_LENGTH } from './api.js';
