import { addAbortListener } from 'node:events';
import { BuiltinPromise, rejected, uncurryThis } from './builtins.js';

// Argument errors shaped like Node's own (class, `code` and wording), so that a pair's native and
// JavaScript implementations, which both sit behind one checking layer, fail identically, and
// callers can handle them as they handle errors from `node:fs` or `node:crypto`.

export function withCode<E extends Error>(error: E, code: string): E {
  return Object.assign(error, { code });
}

function received(value: unknown): string {
  if (value === null || value === undefined) return ` Received ${value}`;
  if (typeof value === 'function') {
    const name = nameOf(() => value.name);
    return ` Received function ${name ?? '<anonymous>'}`;
  }
  if (typeof value === 'object') {
    const name = nameOf(() => (value as object).constructor?.name);
    return name ? ` Received an instance of ${name}` : ' Received an object';
  }
  let shown = String(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  if (typeof value === 'string') shown = `'${shown}'`;
  return ` Received type ${typeof value} (${shown})`;
}

/**
 * A name read off the caller's value, or undefined: reading it runs a getter, or throws for a
 * revoked Proxy, and the error being built must still be this one.
 */
function nameOf(read: () => unknown): string | undefined {
  try {
    const name = read();
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** `ERR_INVALID_ARG_TYPE`, e.g. invalidArgType('input', 'of type string', 42). */
export function invalidArgType(name: string, expected: string, value: unknown): TypeError {
  return withCode(
    new TypeError(`The "${name}" argument must be ${expected}.${received(value)}`),
    'ERR_INVALID_ARG_TYPE',
  );
}

/** `ERR_INVALID_ARG_VALUE`: the type is right, the value is not (a TypeError, as in Node, unless told). */
export function invalidArgValue(message: string, ErrorClass: new (message: string) => Error = TypeError): Error {
  return withCode(new ErrorClass(message), 'ERR_INVALID_ARG_VALUE');
}

/** `ERR_OUT_OF_RANGE`, e.g. outOfRange('length', 'an integer >= 1 and <= 1024', 0). */
export function outOfRange(name: string, range: string, value: unknown): RangeError {
  const message = `The value of "${name}" is out of range. It must be ${range}. Received ${String(value)}`;
  return withCode(new RangeError(message), 'ERR_OUT_OF_RANGE');
}

/** Rejection of an aborted async call, shaped like the AbortError of Node's own APIs. */
export class AbortError extends Error {
  override name = 'AbortError';
  readonly code = 'ABORT_ERR';
  constructor(reason: unknown) {
    super('The operation was aborted', { cause: reason });
  }
}

// One listener per signal, however many calls share it: an AbortSignal passed to many pending
// calls (a request's signal, an app-wide shutdown signal) is normal, and one listener per call
// would trip Node's MaxListenersExceededWarning at 11.
const abortListeners = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `listener` once when `signal` aborts; the returned function unsubscribes it. */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let listeners = abortListeners.get(signal);
  if (listeners === undefined) {
    const added = new Set<() => void>();
    // Node's addAbortListener, not addEventListener: another listener calling
    // stopImmediatePropagation() cannot keep it from running.
    const fire = () => {
      // Anyone can dispatch an 'abort' event on a signal that has not aborted: ignore it, and
      // subscribe again for the real one.
      if (!signal.aborted) {
        addAbortListener(signal, fire);
        return;
      }
      abortListeners.delete(signal);
      for (const call of added) call();
      added.clear();
    };
    addAbortListener(signal, fire);
    abortListeners.set(signal, added);
    listeners = added;
  }
  const own = listeners;
  own.add(listener);
  return () => own.delete(listener);
}

/**
 * Settles with `work()`, or rejects with an AbortError as soon as `signal` aborts. The caller is
 * released at once; stopping the work itself is up to `work` (an addon may not be able to).
 */
export function abortable<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (signal === undefined) return work();
  if (isAborted(signal)) return rejected(new AbortError(signal.reason));
  // The work starts first, so that it has taken what it needs of its arguments (a snapshot of the
  // input) before anything of the signal's runs that the caller may have replaced: `aborted` or
  // `addEventListener` defined on the signal itself could otherwise detach or change the input
  // between its checks and its use.
  const started = work();
  return new BuiltinPromise<T>((resolve, reject) => {
    const unsubscribe = onAbort(signal, () => reject(new AbortError(signal.reason)));
    started.then(resolve, reject).finally(unsubscribe);
  });
}

/** AbortSignal's own `aborted`, never a getter the caller defined on the signal object. */
const abortedGetter = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')?.get;
const signalAborted = abortedGetter && uncurryThis(abortedGetter as (this: AbortSignal) => boolean);
function isAborted(signal: AbortSignal): boolean {
  return signalAborted ? Boolean(signalAborted(signal)) : signal.aborted;
}

/**
 * Runs native `work` with an abort flag of the addon (`new Flag()`, oxidize-napi's `AbortFlag`) that
 * `signal` sets, for as long as the work runs: the job checks it between slices and stops early.
 */
export function withAbortFlag<F extends { abort(): void }, T>(
  signal: AbortSignal | undefined,
  Flag: new () => F,
  work: (flag?: F) => Promise<T>,
): Promise<T> {
  if (signal === undefined) return work();
  const flag = new Flag();
  // Started before the signal is touched, as in `abortable`: an abort that came first sets the
  // flag at once, and the job stops at its first check.
  const started = work(flag);
  const unsubscribe = onAbort(signal, () => flag.abort());
  return started.finally(unsubscribe);
}
