import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The napi-rs triple naming the binary this machine needs, as in `<pair>.linux-x64-gnu.node`. */
function platformTriple(): string {
  const { platform, arch } = process;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  if (platform === 'linux') return `linux-${arch}-${libc()}`;
  return `${platform}-${arch}`;
}

/** glibc or musl: their binaries are not interchangeable. */
function libc(): string {
  try {
    // Node reports the glibc it runs on, if any.
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    return header?.glibcVersionRuntime ? 'gnu' : 'musl';
  } catch {
    // Deno without --allow-sys refuses the report; the napi loader's own test is to read ldd.
  }
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl') ? 'musl' : 'gnu';
  } catch {
    // Denied too (no --allow-read): say both rather than guess.
    return '{gnu,musl}';
  }
}

/**
 * `process.env[name]`, or undefined where reading it is denied: Deno without --allow-env throws
 * (NotCapable) instead, and a package must not die at import over a setting nobody made.
 */
export function readEnvironment(name: string): string | undefined {
  try {
    return process.env[name];
  } catch {
    return undefined;
  }
}

/**
 * Loads the addon of the pair whose package folder is `packageRoot` (from its `src/native/`:
 * `new URL('../../', import.meta.url)`), through the loader `napi build` generated in
 * `binding/index.cjs` (it picks the binary for this platform, the local build first, then the
 * platform package, and honours NAPI_RS_NATIVE_LIBRARY_PATH), and refuses a binary from another
 * release: it may expose different functions, or compute differently. Every failure names the
 * platform, the package and what to do; the original error is its `cause`. Nothing is read before
 * the call: with the JS implementation forced, nothing is.
 */
export function loadAddon<Binding extends { version(): string }>(packageRoot: URL): Binding {
  const require = createRequire(new URL('package.json', packageRoot));
  let manifest: { name?: string; version?: string; napi?: unknown } | undefined;
  try {
    manifest = require('./package.json');
  } catch (cause) {
    // Missing beside the code means bundled. Any other failure (a read that Deno without
    // --allow-read denies) is said as itself: "bundled" would send the user to the wrong fix.
    if ((cause as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw new Error(loadFailure(cause), { cause });
    throw notBesideItsFiles(cause);
  }
  // Bundled, `packageRoot` may land on the app's own package.json: a pair's has a `napi` field.
  if (manifest?.napi === undefined) throw notBesideItsFiles(undefined);
  const { name, version } = manifest as { name: string; version: string };
  let binding: Binding;
  try {
    binding = require('./binding/index.cjs') as Binding;
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'MODULE_NOT_FOUND' && /index\.cjs'/.test(String(cause))) {
      throw notBesideItsFiles(cause);
    }
    // Only on failure: on Linux it takes a diagnostic report to tell glibc from musl.
    throw new Error(`${name}: ${whyNotLoaded(cause, platformTriple(), name)}`, { cause });
  }
  const binaryVersion = binding.version();
  if (binaryVersion !== version) {
    throw new Error(
      `${name}: the native addon for ${platformTriple()} is version ${binaryVersion}, but ${name} is version ` +
        `${version}. A platform package from another release was installed (a stale lockfile or cache, or ` +
        'packages published out of step). Reinstall so that both come from the same release.',
    );
  }
  return binding;
}

/** The first line of every error in `error`'s cause chain (napi's loader chains one per place it looked). */
export function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  for (let at = error; at instanceof Error && messages.length < 20; at = at.cause) {
    messages.push(at.message.split('\n')[0] ?? '');
  }
  return messages;
}

/**
 * The permission a runtime denied while the addon was being loaded, said plainly, or undefined.
 * Deno without --allow-read, --allow-env or --allow-ffi refuses one step of the loading ("Requires
 * ffi access to …, run again with the --allow-ffi flag"), and only names the first it met: that is
 * a choice, not a broken install, and the fix is all three.
 */
export function permissionDenied(error: unknown): string | undefined {
  // Node's permission model (--permission) refuses a read outside --allow-fs-read with this code
  // and a message that names neither the file nor the flag.
  // napi's loader rebuilds the errors of its chain with their messages only: the message too.
  let depth = 0;
  for (let at = error; at instanceof Error && depth < 20; at = at.cause, depth++) {
    if (
      (at as { code?: unknown }).code === 'ERR_ACCESS_DENIED' ||
      /^Access to this API has been restricted/.test(at.message)
    ) {
      return (
        "Node's permission model denied a read the native addon needs (the package's own files), so it was not " +
        "loaded: allow the package's folder with --allow-fs-read, and addons with --allow-addons."
      );
    }
  }
  const denied = causeMessages(error).find((message) => /^Requires \w+ access|NotCapable/.test(message));
  if (denied === undefined) return undefined;
  return (
    'the runtime denied a permission loading the native addon needs, so it was not loaded: in Deno, run ' +
    `with --allow-read --allow-env --allow-ffi (or -A) for native (it said "${denied}").`
  );
}

/**
 * The package's own files (package.json, the generated loader) are not where its code expects them:
 * a bundler copied the code into a bundle and left them behind. Reinstalling would not help.
 */
function notBesideItsFiles(cause: unknown): Error {
  return new Error(
    "its native addon was not loaded: the package's own files (package.json, binding/) are not beside its " +
      'code, which is what bundling it does. Keep it external in the bundler (README: Troubleshooting, Bundlers).',
    { cause },
  );
}

/** Why loading failed, for the fallback warning: a denied permission said plainly, else the error. */
export function loadFailure(error: unknown): string {
  return permissionDenied(error) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Why the addon did not load, the real reason first. napi's loader reports every failure as
 * "Cannot find native binding. npm has a bug…", with what actually went wrong several causes
 * down: a process that forbids addons, or an override path that is wrong, would otherwise be
 * told to reinstall.
 */
function whyNotLoaded(error: unknown, triple: string, name: string): string {
  const messages = causeMessages(error);
  const disabled = messages.find((message) => /addons? (is|are) disabled|loading addons/i.test(message));
  if (disabled !== undefined) {
    return (
      'native addons are disabled in this process (--no-addons, or --permission without --allow-addons), ' +
      `so its native addon was not loaded: "${disabled}"`
    );
  }
  const denied = permissionDenied(error);
  if (denied !== undefined) return denied;
  const override = readEnvironment('NAPI_RS_NATIVE_LIBRARY_PATH');
  if (override) {
    const failure = messages.find((message) => message.includes(override)) ?? messages.at(-1);
    return (
      `NAPI_RS_NATIVE_LIBRARY_PATH is set to "${override}", which could not be loaded (${failure}). Unset it, ` +
      `or point it at a .node file built for ${triple}.`
    );
  }
  return (
    `the native addon for ${triple} could not be loaded. It is looked for in this package's ` +
    `binding/ folder (built by \`npm run build\`) and in the package ${name}-${triple}, which npm ` +
    'installs as an optional dependency. Reinstall without --omit=optional (or delete package-lock.json and ' +
    'node_modules if the lockfile was made on another platform), or build from source with Rust.'
  );
}
