import { invalidArgType } from './errors.js';

const NO_OPTIONS = Object.freeze({});

/** An `options` argument to read fields from: `undefined` reads as empty, a non-object is refused. */
export function toOptions<T extends object>(options: unknown): Partial<T> {
  if (options === undefined) return NO_OPTIONS;
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  return options as Partial<T>;
}

/** An optional `signal` option: `undefined` or an AbortSignal, nothing else. */
export function toSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
  }
  return signal;
}
