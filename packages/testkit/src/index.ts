// `@oxidize/testkit`: the test harness every pair's tests use (private to this repository, never
// published). A pair passes in its three entry points (the default export and the `/js` and
// `/native` subpaths) and gets the checks that prove the two implementations interchangeable.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Smoke, serializeSmoke, sourceOf } from './smoke.js';

export { type Smoke, serializeSmoke, sourceOf } from './smoke.js';

/** What every pair's API has: the name of the implementation behind it. */
export interface Api {
  readonly implementation: 'native' | 'js';
}

export interface Pair<T extends Api> {
  /** The default export: native if its addon loads, else JavaScript. */
  chosen: T;
  js: T;
  native: T;
}

/** Every entry point of a pair, labelled for `describe.each`: each subpath, and the default. */
export function entryPoints<T extends Api>({ chosen, js, native }: Pair<T>): [string, T][] {
  return [
    ['js', js],
    ['native', native],
    [`default (${chosen.implementation})`, chosen],
  ];
}

/**
 * What every pair's entry points promise: each subpath is the implementation it is named after,
 * the default export names the one it chose, and (given an async call that takes a signal) an
 * aborted signal rejects with an AbortError whose cause is the abort reason, from every entry point.
 */
export function describeEntryPoints<T extends Api>(
  pair: Pair<T>,
  abortable?: (api: T, signal: AbortSignal) => Promise<unknown>,
): void {
  test('the subpaths are the implementations they are named after', () => {
    expect(pair.js.implementation).toBe('js');
    expect(pair.native.implementation).toBe('native');
    expect(['native', 'js']).toContain(pair.chosen.implementation);
  });
  if (abortable === undefined) return;
  test.each(entryPoints(pair))('%s: an aborted signal rejects with an AbortError', async (_name, api) => {
    const reason = new Error('no longer needed');
    const error = await errorOf(() => abortable(api, AbortSignal.abort(reason)));
    expect(error.name).toBe('AbortError');
    expect(error.cause).toBe(reason);
  });
}

/** The error `call` throws or rejects with; fails the test if it succeeds. */
export async function errorOf(call: () => unknown): Promise<Error> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** What a call did, in a form two implementations can be compared by: its value, or its error. */
async function outcome(call: () => unknown): Promise<{ value: unknown } | { error: object }> {
  try {
    return { value: await call() };
  } catch (error) {
    const { name, message, code } = error as Error & { code?: string };
    return { error: { class: (error as object).constructor?.name, name, message, code } };
  }
}

/** [what, the call, the error class, a word the message must contain (the argument's name)] */
export type BadInput<T> = [what: string, call: (api: T) => unknown, errorClass: ErrorConstructor, word: string];

/**
 * Each bad input throws (or rejects with) the expected class naming the argument, from every entry
 * point, and both implementations throw the same class, code and message.
 */
export function describeBadInputs<T extends Api>(pair: Pair<T>, cases: BadInput<T>[]): void {
  describe.each(entryPoints(pair))('bad input: %s', (_name, api) => {
    test.each(cases)('%s', async (_what, call, errorClass, word) => {
      const error = await errorOf(() => call(api));
      expect(error).toBeInstanceOf(errorClass);
      expect(error.message).toContain(word);
      // Node's own kind of error, with a code callers can test, never one the engine threw on the way.
      expect((error as { code?: unknown }).code, error.message).toMatch(/^ERR_[A-Z0-9_]+$/);
    });
  });
  test.each(cases)('same error from both implementations: %s', async (_what, call) => {
    const fromJs = await errorOf(() => call(pair.js));
    const fromNative = await errorOf(() => call(pair.native));
    expect(fromNative.constructor).toBe(fromJs.constructor);
    expect(fromNative.message).toBe(fromJs.message);
    expect((fromNative as { code?: string }).code).toBe((fromJs as { code?: string }).code);
  });
}

/**
 * A differential property test: for random arguments, the native and the JavaScript
 * implementation return equal values, or fail with the same error.
 */
export function testDifferential<T extends Api, Args extends unknown[]>(
  name: string,
  pair: Pair<T>,
  args: { [K in keyof Args]: fc.Arbitrary<Args[K]> },
  call: (api: T, ...args: Args) => unknown,
  options: { numRuns?: number; seed?: number } = {},
): void {
  test(`native = JS: ${name}`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...(args as fc.Arbitrary<unknown>[])), async (values) => {
        const fromNative = await outcome(() => call(pair.native, ...(values as Args)));
        const fromJs = await outcome(() => call(pair.js, ...(values as Args)));
        expect(fromNative).toEqual(fromJs);
      }),
      { numRuns: options.numRuns ?? 200, seed: options.seed },
    );
  });
}

/**
 * Runs an ES module `script` in a fresh Node process and parses the JSON it prints. Which addon
 * loads is up to `env` alone: the inherited NAPI_RS_NATIVE_LIBRARY_PATH and `unset` are removed.
 */
function runFresh(script: string, env: Record<string, string>, unset: string[]) {
  const inherited = { ...process.env };
  for (const name of ['NAPI_RS_NATIVE_LIBRARY_PATH', ...unset]) delete inherited[name];
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out);
}

export interface LoaderCheck<A> {
  /** The npm package, e.g. `@oxidize/fuzzy`. */
  packageName: string;
  /** The environment variable that forces an implementation, e.g. `OXIDIZE_FUZZY_IMPL`. */
  variable: string;
  /** The pair's smoke call (test/smoke.ts), made over the default export in each process. */
  smoke: Smoke<A>;
}

// The override honoured by napi-rs's generated loader; pointing it nowhere simulates a platform
// with no binary (or an install made with --omit=optional).
const NO_BINARY = { NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/addon.node' };
// The triple napi-rs names this machine's binary with, e.g. linux-x64-gnu, darwin-arm64, win32-x64-msvc.
const TRIPLE = `${process.platform}-${process.arch}(-gnu|-musl|-msvc)?`;

/**
 * How the default export chooses, observed in fresh Node processes (the choice is made once, at
 * import): native by default, the variable forces either, a missing addon falls back to JavaScript
 * with one warning, a forced native that cannot load throws, and a misspelt value is an error.
 */
export function describeLoader<A>({ packageName, variable, smoke }: LoaderCheck<A>): void {
  const { probe, expected, differential } = serializeSmoke(smoke);
  const script = (specifier: string, prelude = '') => `${prelude}
    let warnings = [];
    process.on('warning', (w) => warnings.push({ code: w.code, message: w.message }));
    import(${JSON.stringify(specifier)}).then(
      async ({ default: api }) => {
        const result = await (${probe})(api);
        setImmediate(() => console.log(JSON.stringify({ implementation: api.implementation, result, warnings })));
      },
      (e) => console.log(JSON.stringify({ error: e.message, cause: String(e.cause) })),
    );
  `;
  const run = (env: Record<string, string>, specifier = packageName, prelude = '') =>
    runFresh(script(specifier, prelude), env, [variable]);
  // Deno without --allow-env throws on reading a variable (its message, its error name) instead of
  // returning undefined; `pattern` says which reads are denied.
  const denyEnvironment = (pattern: string) => `
    const real = process.env;
    process.env = new Proxy(real, {
      get(target, key) {
        if (typeof key === 'string' && /${pattern}/.test(key)) {
          const error = new Error('Requires env access to "' + key + '", run again with the --allow-env flag');
          error.name = 'NotCapable';
          throw error;
        }
        return Reflect.get(target, key);
      },
    });`;

  // Deno without --allow-read throws on reading a file; `pattern` says which paths are denied.
  const denyReads = (pattern: string) => `
    const fs = (await import('node:fs')).default;
    const read = fs.readFileSync;
    fs.readFileSync = function (path, ...rest) {
      if (/${pattern}/.test(String(path))) {
        const error = new Error('Requires read access to "' + path + '", run again with the --allow-read flag');
        error.name = 'NotCapable';
        throw error;
      }
      return read.call(this, path, ...rest);
    };`;

  describe(`${packageName}: how the default export chooses`, () => {
    test('native by default, without a warning', () => {
      expect(run({})).toEqual({ implementation: 'native', result: expected, warnings: [] });
    });

    // test:release runs the differential call in every runtime it installs into; here it runs once
    // in a fresh process too, so that a call that cannot run there (one that uses a variable of
    // its file) fails `npm test`, not only the release test.
    test.runIf(differential !== undefined)('the smoke differential call: native = JS on random bytes', () => {
      const compare = `
        const { default: api } = await import(${JSON.stringify(`${packageName}/native`)});
        const { default: js } = await import(${JSON.stringify(`${packageName}/js`)});
        const same = ${differential};
        let compared = 0;
        for (const length of [0, 1, 3, 4, 64, 1000, 4096, 65_537]) {
          const bytes = new Uint8Array(length).map(() => Math.floor(Math.random() * 256));
          const [a, b] = [await same(api, bytes), await same(js, bytes)];
          if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('native and js differ on ' + length + ' bytes');
          compared++;
        }
        console.log(JSON.stringify({ compared }));`;
      expect(runFresh(compare, {}, [variable])).toEqual({ compared: 8 });
    });

    test(`${variable}=js forces JavaScript, without a warning`, () => {
      expect(run({ [variable]: 'js' })).toEqual({ implementation: 'js', result: expected, warnings: [] });
    });

    test('falls back to JavaScript with one warning, which names the real reason first', () => {
      const result = run(NO_BINARY);
      expect(result.implementation).toBe('js');
      expect(result.result).toEqual(expected);
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0].code).toBe('OXIDIZE_NATIVE_FALLBACK');
      expect(result.warnings[0].message).toMatch(
        new RegExp(`^${packageName}: NAPI_RS_NATIVE_LIBRARY_PATH is set to "${NO_BINARY.NAPI_RS_NATIVE_LIBRARY_PATH}"`),
      );
      expect(result.warnings[0].message).toMatch(new RegExp(`built for ${TRIPLE}\\.`));
      expect(result.warnings[0].message).toContain(`${variable}=js`);
    });

    test('with addons disabled (--no-addons), the warning says so, not "reinstall"', () => {
      const result = run({ NODE_OPTIONS: '--no-addons' });
      expect(result.implementation).toBe('js');
      expect(result.result).toEqual(expected);
      expect(result.warnings[0].message).toMatch(
        new RegExp(`^${packageName}: native addons are disabled in this process`),
      );
      expect(result.warnings[0].message).not.toContain('Reinstall');
    });

    test(`a denied read of ${variable} counts as unset (Deno without --allow-env): native`, () => {
      expect(run({ [variable]: 'js' }, packageName, denyEnvironment(`^${variable}$`))).toEqual({
        implementation: 'native',
        result: expected,
        warnings: [],
      });
    });

    test('a denied permission while loading the addon falls back with a warning naming it', () => {
      const result = run({}, packageName, denyEnvironment('^(OXIDIZE|NAPI_RS)_'));
      expect(result.implementation).toBe('js');
      expect(result.result).toEqual(expected);
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0].message).toMatch(
        new RegExp(`^${packageName}: the runtime denied a permission loading the native addon needs`),
      );
      expect(result.warnings[0].message).toContain('--allow-read --allow-env --allow-ffi');
      expect(result.warnings[0].message).toContain('Requires env access to');
    });

    test('forced native with its package.json unreadable (Deno without --allow-read) names the permission', () => {
      const result = run({ [variable]: 'native' }, packageName, denyReads('[\\\\/]package\\.json$'));
      expect(result.error).toMatch(
        new RegExp(`^${packageName}: the runtime denied a permission loading the native addon needs`),
      );
      expect(result.error).toContain('--allow-read');
      // Bundling is what a missing package.json means, not an unreadable one.
      expect(result.error).not.toMatch(/bundl/i);
    });

    test('forced native that cannot load throws, naming the reason and keeping the cause', () => {
      const result = run({ ...NO_BINARY, [variable]: 'native' });
      expect(result.error).toContain(`${packageName}: NAPI_RS_NATIVE_LIBRARY_PATH is set to`);
      expect(result.cause).toContain('Cannot find native binding');
    });

    test('importing /native throws the same clear error when the addon cannot load', () => {
      expect(run(NO_BINARY, `${packageName}/native`).error).toContain('NAPI_RS_NATIVE_LIBRARY_PATH is set to');
    });

    test(`an unknown ${variable} value is an error, not a silent default`, () => {
      expect(run({ [variable]: 'rust' }).error).toContain(`${variable} must be "js" or "native"`);
    });
  });
}

/** The keys of `A` whose values are functions: a pair's exports. */
export type FunctionKeys<A> = { [K in keyof A]-?: A[K] extends (...args: never[]) => unknown ? K : never }[keyof A];
type PanicCall<A, D> = (api: A, trigger: string, data: D) => unknown;

export interface PanicCheck<A, D = undefined> {
  /** The npm package, e.g. `@oxidize/fuzzy`; its `/native` subpath is what is called. */
  packageName: string;
  /** The folder `npm run build:test-addon` builds the `panic-trigger` feature into. */
  addonDir: string;
  /** The input that makes the panic-trigger build panic (default: {@link PANIC_TRIGGER}). */
  trigger?: string;
  /**
   * Every exported function (the type requires one call per function of the API, by its name; more
   * may be added), called with the trigger. Like the smoke call, each travels as source into a
   * fresh process: it may use its parameters (`data` is passed as JSON) and globals only.
   */
  calls: { [K in FunctionKeys<A>]: PanicCall<A, D> } & Record<string, PanicCall<A, D>>;
  /** JSON-safe values the calls need (a file name…). */
  data?: D;
  /** The smoke call, which must still work after all the panics: the process lives on. */
  smoke: Smoke<A>;
}

/**
 * A Rust panic must reach JavaScript as an exception and leave the process running: each call,
 * made with the panic-trigger build in a fresh process, throws an Error saying "panic trigger hit",
 * and the process answers afterwards. The published build, given the same input, does not panic.
 */
/** What `oxidize_napi::trigger_test_panic` panics on in a `panic-trigger` build (crates/napi). */
export const PANIC_TRIGGER = 'oxidize:panic-trigger';

export function describePanics<A, D = undefined>({
  packageName,
  addonDir,
  trigger = PANIC_TRIGGER,
  calls,
  data,
  smoke,
}: PanicCheck<A, D>): void {
  const { probe, expected } = serializeSmoke(smoke);
  const script = `
    const { default: api } = await import(${JSON.stringify(`${packageName}/native`)});
    const trigger = ${JSON.stringify(trigger)};
    const data = ${JSON.stringify(data ?? null)};
    const calls = { ${Object.entries(calls)
      .map(([name, call]) => `${JSON.stringify(name)}: () => (${sourceOf(call)})(api, trigger, data)`)
      .join(', ')} };
    const results = {};
    for (const [name, call] of Object.entries(calls)) {
      try {
        await call();
        results[name] = 'no error';
      } catch (error) {
        results[name] = error.constructor.name + ': ' + error.message;
      }
    }
    console.log(JSON.stringify({ results, afterwards: await (${probe})(api) }));
  `;
  const run = (env: Record<string, string>) =>
    runFresh(script, env, []) as { results: Record<string, string>; afterwards: unknown };

  describe(`${packageName}: Rust panics`, () => {
    test('a panic in any exported function becomes a JS error, and the process lives on', () => {
      const addon = readdirSync(addonDir).find((file) => file.endsWith('.node'));
      if (addon === undefined) throw new Error(`no .node in ${addonDir}: run npm run build:test-addon`);
      const { results, afterwards } = run({ NAPI_RS_NATIVE_LIBRARY_PATH: join(addonDir, addon) });
      expect(Object.keys(results)).toEqual(Object.keys(calls));
      for (const [call, result] of Object.entries(results)) expect(result, call).toMatch(/^Error: .*panic trigger hit/);
      expect(afterwards).toEqual(expected);
    });

    test('the published build has no panic trigger', () => {
      const { results } = run({});
      for (const [call, result] of Object.entries(results)) expect(result, call).toBe('no error');
    });
  });
}

export {
  concat,
  FORMS,
  type IndependentPiecesCheck,
  type Piece,
  pieceArbitrary,
  testIndependentPieces,
} from './pieces.js';
