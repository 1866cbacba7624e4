// Built-ins taken when this module loads, for the calls a caller's code could otherwise reach: a
// program (or a dependency) that replaces Function.prototype.call, Promise.resolve, Promise.reject
// or the global Promise afterwards must not change which bytes are read or what a promise settles
// with. Not covered: Promise.prototype's methods and Symbol.species, and the typed-array methods
// the JavaScript implementations use; a program that breaks those breaks Node's own promises and
// Buffers alike.

// biome-ignore lint/complexity/noBannedTypes: Function.prototype.call, bound to any method.
const callBound: (method: Function) => Function = Function.prototype.bind.bind(Function.prototype.call);

/**
 * `method` as a function that takes its `this` first: `method.call(…)` looks `call` up on
 * Function.prototype at each use (Node's own built-ins guard themselves the same way, with their
 * "primordials").
 */
export function uncurryThis<This, Args extends unknown[], Result>(
  method: (this: This, ...args: Args) => Result,
): (self: This, ...args: Args) => Result {
  return callBound(method) as (self: This, ...args: Args) => Result;
}

/** The engine's Promise, for `new`: `async` functions use it whatever the global says. */
export const BuiltinPromise = Promise;
/** `Promise.resolve`, as it was at load. */
export const resolved = Promise.resolve.bind(Promise) as <T>(value: T) => Promise<T>;
/** `Promise.reject`, as it was at load. */
export const rejected = Promise.reject.bind(Promise) as <T = never>(reason: unknown) => Promise<T>;
