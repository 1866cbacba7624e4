// Every target a napi package ships a binary for, and how the release builds and tests it: the one
// definition that .github/workflows/release.yml (its build and test matrices come from
// scripts/release-plan.mjs), scripts/build-release.mjs (this machine's binary, built the release
// way) and scripts/test-release.mjs read. Each package's package.json `napi.targets` must list the
// same triples (release-plan.mjs checks it): the napi CLI reads that list to write the loader and the
// platform packages.
import { execFileSync } from 'node:child_process';

/**
 * @typedef {object} Target
 * @property {string} triple the Rust target triple
 * @property {string} buildHost the GitHub Actions runner that builds it
 * @property {string} flags extra `napi build` flags
 * @property {string} buildEnv `NAME=value` pairs the build runs with
 * @property {string} testHost the runner whose CPU and OS run it
 * @property {boolean} alpine tested in a node:alpine container (musl)
 */

/** @type {Target[]} */
export const TARGETS = [
  // glibc builds link against glibc 2.17 through napi-rs's cross toolchain, so one binary runs on
  // every mainstream Linux. The toolchain's GCC 4.8.5 cannot compile AVX-512 C code (a crate
  // with such kernels drops them silently: for a SIMD hash, 2.2–2.4× slower), so C is compiled with clang, as
  // napi-rs/node-rs does for these targets (.github/workflows/ci.yaml, lines 113 and 122:
  // `build: TARGET_CC=clang yarn build --target x86_64-unknown-linux-gnu --use-napi-cross`); napi
  // build gives clang the toolchain's sysroot (--sysroot, --gcc-toolchain).
  linux('x86_64-unknown-linux-gnu', '--use-napi-cross', 'TARGET_CC=clang', 'ubuntu-latest'),
  linux('aarch64-unknown-linux-gnu', '--use-napi-cross', 'TARGET_CC=clang', 'ubuntu-24.04-arm'),
  // musl (Alpine) through cargo-zigbuild. JavaScript actions do not run inside Alpine containers on
  // arm64 runners, so musl builds are tested with a plain `docker run` on the runner of their CPU.
  { ...linux('x86_64-unknown-linux-musl', '--cross-compile', '', 'ubuntu-latest'), alpine: true },
  { ...linux('aarch64-unknown-linux-musl', '--cross-compile', '', 'ubuntu-24.04-arm'), alpine: true },
  native('x86_64-apple-darwin', 'macos-latest', 'macos-15-intel'),
  native('aarch64-apple-darwin', 'macos-latest', 'macos-latest'),
  native('x86_64-pc-windows-msvc', 'windows-latest', 'windows-latest'),
  native('aarch64-pc-windows-msvc', 'windows-latest', 'windows-11-arm'),
];

/** @returns {Target} */
function linux(/** @type {string} */ triple, flags = '', buildEnv = '', testHost = 'ubuntu-latest') {
  return { triple, buildHost: 'ubuntu-latest', flags, buildEnv, testHost, alpine: false };
}

/** @returns {Target} */
function native(/** @type {string} */ triple, /** @type {string} */ buildHost, /** @type {string} */ testHost) {
  return { triple, buildHost, flags: '', buildEnv: '', testHost, alpine: false };
}

/** The Rust host triple of this machine (what `cargo build` targets without --target). */
export function hostTriple() {
  const host = /^host: (.+)$/m.exec(execFileSync('rustc', ['-vV'], { encoding: 'utf8' }))?.[1];
  if (host === undefined) throw new Error('`rustc -vV` printed no host line');
  return host;
}

/** `A=1 B=2` → `{ A: '1', B: '2' }`. */
export function parseBuildEnv(/** @type {string} */ buildEnv) {
  return Object.fromEntries(
    buildEnv
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}
