// What the two implementations have in common: the contract the native and the JavaScript backend
// each fulfil. api.ts checks arguments before either sees them; the backends import this, not the
// API that wraps them.

export type Implementation = 'native' | 'js';

/** What an implementation provides. Arguments arrive checked. */
export interface Backend {
  readonly implementation: Implementation;
  __function__(a: string, b: string): number;
  __function__Async(a: string, b: string): Promise<number>;
}
