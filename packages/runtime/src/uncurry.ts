// biome-ignore lint/complexity/noBannedTypes: Function.prototype.call, bound to any method.
const callBound: (method: Function) => Function = Function.prototype.bind.bind(Function.prototype.call);

/**
 * `method` as a function that takes its `this` first, bound when this module loads: `method.call(…)`
 * looks `call` up on Function.prototype at each use, where a caller's code may have replaced it
 * (Node's own built-ins guard themselves the same way, with their "primordials").
 */
export function uncurryThis<This, Args extends unknown[], Result>(
  method: (this: This, ...args: Args) => Result,
): (self: This, ...args: Args) => Result {
  return callBound(method) as (self: This, ...args: Args) => Result;
}
