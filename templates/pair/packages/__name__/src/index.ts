// `@__scope__/__name__`: the native implementation when its addon loads, else the JavaScript one.
import { chooseImplementation } from '@__scope__/runtime';
import { createApi } from './api.js';
import { jsBackend } from './js/backend.js';
import { loadNativeBackend } from './native/backend.js';

const api = createApi(chooseImplementation({ packageName: '@__scope__/__name__', variable: '__ENV_VAR__', loadNative: loadNativeBackend, js: jsBackend }));
export default api;
export const { __function__, __function__Async, implementation } = api;
export * from './exports.js';
