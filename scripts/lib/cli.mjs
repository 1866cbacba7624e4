// What the kit's commands (new, rename) share: --help, refusing bad input with the usage before
// anything changes, the rule their names follow, and formatting what they wrote.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Lower case letters, digits and single hyphens, starting with a letter: a name that is valid as an
 * npm name, a Cargo package name, a file name and, upper-cased, part of an environment variable.
 */
const KIT_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,40}$/;

/** A kit name as it appears in environment variables: `fuzzy-match` → `FUZZY_MATCH`. */
export const upperSnake = (/** @type {string} */ name) => name.toUpperCase().replace(/-/g, '_');

/**
 * The environment variable that forces pair `name`'s implementation: `<PREFIX>_<NAME>_IMPL`, the
 * prefix from package.json's `template` (what `npm run rename` sets). The one definition: `new`
 * writes it into a pair, the release test and workflow read it from here.
 */
export function implVariable(/** @type {string} */ name) {
  const { template } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
  return `${upperSnake(template.prefix)}_${upperSnake(name)}_IMPL`;
}

/** Why `name` cannot be the kit's prefix or a pair's name, or undefined when it can. */
export function nameProblem(/** @type {string} */ name) {
  if (!KIT_NAME.test(name)) return 'lower case letters, digits and single hyphens only, starting with a letter';
  // Windows opens a device for these, with or without an extension: packages/aux, aux.bench.ts and
  // the like could not be checked out there.
  if (/^(?:con|prn|aux|nul|com\d|lpt\d)$/.test(name)) return 'a reserved file name on Windows';
}

/** Why `name` cannot be a new pair's name, or undefined when it can. */
export function pairNameProblem(/** @type {string} */ name) {
  // napi-rs publishes pair P's binaries as P-<platform>-<arch>[-<abi>] and P-wasm32-wasi[p1]
  // (parseTriple in @napi-rs/cli; the arch is Node's process.arch): a pair named like one would take
  // that npm name from pair P, existing or added later.
  const platform =
    /-(?:(?:darwin|linux|win32|freebsd|android|openharmony)-(?:x64|arm64|arm|ia32|loong64|mips|mipsel|ppc|ppc64|riscv64|s390|s390x|universal)(?:-[a-z0-9]+)?|wasm32-wasi(?:p1)?)$/;
  if (platform.test(name)) return 'shaped like a platform package name (<pair>-<os>-<cpu>, <pair>-wasm32-wasi)';
  return nameProblem(name);
}

/**
 * `util.parseArgs` (with `--help` added) for a command: `--help` prints `help` and exits; bad
 * arguments, and the returned `fail(message)`, print the message and the usage and exit with 2.
 * The returned `stop(message)` is for a problem of the environment or the repository, not of the
 * command line: it prints the message without the usage and exits with 1.
 * @template {import('node:util').ParseArgsConfig} const T
 * @param {string} command
 * @param {string} help
 * @param {T} config
 * @returns {ReturnType<typeof parseArgs<T>> & { fail: (message: string) => never, stop: (message: string) => never }}
 */
export function parseCommandLine(command, help, config) {
  /** @type {(message: string) => never} */
  const fail = (message) => {
    console.error(`${command}: ${message}\n\n${help}`);
    process.exit(2);
  };
  /** @type {(message: string) => never} */
  const stop = (message) => {
    console.error(`${command}: ${message}`);
    process.exit(1);
  };
  let parsed;
  try {
    const options = { ...config.options, help: { type: /** @type {const} */ ('boolean'), short: 'h' } };
    parsed = parseArgs({ ...config, options });
  } catch (error) {
    // Unknown options, missing values, stray arguments: the user's mistake, not the script's.
    const { code, message } = /** @type {{ code?: string, message: string }} */ (error);
    if (!code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    fail(message.split('. ')[0] ?? message);
  }
  if (/** @type {{ help?: boolean }} */ (parsed.values).help) {
    console.log(help);
    process.exit(0);
  }
  return /** @type {ReturnType<typeof parseArgs<T>> & { fail: typeof fail, stop: typeof stop }} */ ({
    ...parsed,
    fail,
    stop,
  });
}

/**
 * Gives `files` (relative to `root`) the formatting lint expects: new names sort and wrap
 * differently (imports are ordered, lines have a maximum width). `biome check --write`, not
 * `format`, as it also orders imports; files Biome does not handle or ignores are skipped. Rust
 * files are formatted by `cargo fmt --all`. Returns false, having said what to run, when a
 * formatter is missing or left problems.
 */
export function formatFiles(/** @type {string} */ root, /** @type {string[]} */ files) {
  let done = true;
  // Started with node: npm's .bin shims are not executables on Windows.
  const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  if (!existsSync(biome)) {
    console.log('  (not formatted: Biome is not installed; after npm install, run npm run format)');
    done = false;
  } else {
    const args = ['check', '--write', '--files-ignore-unknown=true', '--no-errors-on-unmatched', ...files];
    const result = spawnSync(process.execPath, [biome, ...args], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
      console.log(`  Biome left problems to fix by hand:\n${result.stdout}${result.stderr}`);
      done = false;
    }
  }
  if (files.some((file) => file.endsWith('.rs'))) {
    const result = spawnSync('cargo', ['fmt', '--all'], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
      console.log(`  (cargo fmt --all failed: ${result.error?.message ?? result.stderr.trim()})`);
      done = false;
    }
  }
  return done;
}
