// What every entry point exports besides the functions themselves.

export { AbortError } from '@__scope__/runtime';
export type { __Function__Options, Api, Implementation } from './api.js';
export { CHANNELS } from './api.js';
