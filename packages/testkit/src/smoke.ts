// A pair's smoke call: one call and its known answer, made wherever the package is installed
// (`npm run test:release`: npm, pnpm, Yarn; Node, Bun, Deno; bundles) and by the loader and panic
// checks. Typed against the pair's API, so a renamed or changed function fails to compile instead
// of failing at run time. Its functions travel as source text into fresh processes: they may use
// only their parameters and globals (Buffer, TextEncoder, …), never a variable of their file.
// No vitest import here: plain scripts (scripts/test-release.mjs) load this module.

export interface Smoke<A> {
  /** The call, over the package's default export; may return a promise. */
  probe: (api: A) => unknown;
  /** The probe's value, as JSON would carry it. */
  expected: unknown;
  /** A call made on both implementations with random bytes, whose JSON values must be equal. */
  differential?: (api: A, bytes: Uint8Array) => unknown;
}

/** A function's source as an expression: method shorthand (`probe(api) {…}`) is not one. */
export function sourceOf(fn: (...args: never[]) => unknown): string {
  let source = Function.prototype.toString.call(fn);
  if (!isExpression(source)) {
    const method = /^(async\s+)?/.exec(source)?.[0] ?? '';
    source = `${method}function ${source.slice(method.length)}`;
  }
  // tsx (esbuild with keepNames) wraps inner named functions in `__name(fn, "name")`, a helper of
  // the file it compiled: the fresh process gets its own, which keeps the function as it is.
  return source.includes('__name(') ? `((__name) => (${source}))((fn) => fn)` : source;
}

/** Whether `source` parses as an expression (compiled, never run). */
function isExpression(source: string): boolean {
  try {
    new Function(`return (${source});`);
    return true;
  } catch {
    return false;
  }
}

/** The smoke call as source text and JSON, for a script that runs it in another process. */
export function serializeSmoke<A>(smoke: Smoke<A>): { probe: string; expected: unknown; differential?: string } {
  return {
    probe: sourceOf(smoke.probe),
    expected: smoke.expected,
    ...(smoke.differential ? { differential: sourceOf(smoke.differential) } : {}),
  };
}
