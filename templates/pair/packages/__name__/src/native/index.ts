// `@__scope__/__name__/native`: always the Rust addon; importing it throws if the addon cannot load.
import { createApi } from '../api.js';
import { loadNativeBackend } from './backend.js';

const api = createApi(loadNativeBackend());
export default api;
export const { __function__, __function__Async, implementation } = api;
export * from '../exports.js';
