// The public API, written once over either implementation. Every argument is checked here, before
// an implementation sees it, so the native and the JavaScript build throw the same errors (Node's
// own ERR_* codes, through @__scope__/runtime), and the implementations only receive valid input.
import { abortable, invalidArgType, invalidArgValue, outOfRange, toOptions, toSignal } from '@__scope__/runtime';
import type { Backend, Implementation } from './contract.js';


export interface __Function__Options {
  /** Rejects the call with an `AbortError` when it aborts (at once if it already has). */
  signal?: AbortSignal;
}

export interface Api {
  /**
   * The Levenshtein distance between `a` and `b`: the fewest single-character insertions,
   * deletions and substitutions that turn one into the other, counted in Unicode code points.
   * Runs on the calling thread: the fastest way for short strings.
   */
  __function__(a: string, b: string): number;
  /** The same, off the main thread when native: for long strings in a process that must stay responsive. */
  __function__Async(a: string, b: string, options?: __Function__Options): Promise<number>;
  readonly implementation: Implementation;
}

/** The longest string accepted, in UTF-16 code units: it bounds the work of one call (length × length). */
export const MAX_LENGTH = 16_384;

const LONE_SURROGATE = /\p{Cs}/u;

function checkString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
  if (value.length > MAX_LENGTH) throw outOfRange(`${name}.length`, `<= ${MAX_LENGTH}`, value.length);
  // Rust strings are UTF-8, and crossing into Rust turns a lone surrogate into U+FFFD: the two
  // implementations would then compare different strings. Refusing it keeps them in agreement.
  if (LONE_SURROGATE.test(value)) {
    throw invalidArgValue(`The "${name}" argument must be well-formed Unicode: it contains a lone surrogate`);
  }
  return value;
}

/** The public API over one implementation. */
export function createApi(backend: Backend): Api {
  return Object.freeze({
    implementation: backend.implementation,

    __function__(a: string, b: string): number {
      return backend.__function__(checkString(a, 'a'), checkString(b, 'b'));
    },

    async __function__Async(a: string, b: string, options?: __Function__Options): Promise<number> {
      const checkedA = checkString(a, 'a');
      const checkedB = checkString(b, 'b');
      const signal = toSignal(toOptions<__Function__Options>(options).signal);
      return abortable(signal, () => backend.__function__Async(checkedA, checkedB));
    },
  });
}
