// `@__scope__/__name__/js`: always the pure-TypeScript implementation.
import { createApi } from '../api.js';
import { jsBackend } from './backend.js';

const api = createApi(jsBackend);
export default api;
export const { __function__, __function__Async, implementation } = api;
export * from '../exports.js';
