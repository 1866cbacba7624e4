// `@oxidize/runtime`: the logic every native/JS pair of the kit shares, so that each package
// chooses, warns, fails and rejects bad arguments the same way. Pairs depend on it at runtime.

export { loadAddon } from './addon.js';
export { BuiltinPromise, rejected, resolved, uncurryThis } from './builtins.js';
export {
  allocate,
  bufferKind,
  bufferOf,
  builtinGetter,
  byteLengthOf,
  byteOffsetOf,
  checkEmptyView,
  detachedError,
  isDetached,
  outOfBoundsError,
  overlaps,
} from './bytes.js';
export { type Choice, chooseImplementation } from './choose.js';
export {
  AbortError,
  abortable,
  invalidArgType,
  invalidArgValue,
  onAbort,
  outOfRange,
  withAbortFlag,
  withCode,
} from './errors.js';
export { toOptions, toSignal } from './options.js';
