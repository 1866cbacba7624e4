// `npm run build:release [-- <name>...] [--target <triple>]`: builds the binary of each napi
// package (every one by default) the way the release does, for this machine's target or --target.
// The release workflow's build job runs this same script, so the binary the tests, `npm run
// test:release` and the benchmarks use here is the one users install (for linux-x64-gnu: linked
// against glibc 2.17 by napi-rs's cross toolchain, C compiled by clang). It then audits what it built
// (scripts/audit-binary.mjs: glibc version, dependencies, AVX-512 kernels, stripped, size, exports).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditBinaries } from './audit-binary.mjs';
import { parseCommandLine } from './lib/cli.mjs';
import { pairNames } from './lib/pairs.mjs';
import { hostTriple, parseBuildEnv, TARGETS } from './lib/targets.mjs';

const HELP = `usage: npm run build:release [-- <name>...] [--target <triple>]

Builds packages/<name>'s binary (every napi package's by default) with the release workflow's
command line for <triple> (this machine's by default), into packages/<name>/binding/, then audits it.`;

const root = join(import.meta.dirname, '..');
const { values, positionals, fail } = parseCommandLine('build:release', HELP, {
  allowPositionals: true,
  options: { target: { type: 'string' } },
});
const triple = values.target ?? hostTriple();
const target =
  TARGETS.find((candidate) => candidate.triple === triple) ??
  fail(`${triple} is not a release target (scripts/lib/targets.mjs)`);
const napiPackages = pairNames(root);
for (const name of positionals) {
  if (!napiPackages.includes(name)) fail(`${name} is not a napi package (${napiPackages.join(', ')})`);
}
// A target folder of its own: Cargo does not notice that the C compiler changed (a crate's build
// script that compiles C through the cc crate does not watch the variables napi sets for it), so in the developer build's folder the
// release build could reuse C objects another compiler made. It also spares the two builds
// rebuilding each other's dependencies.
/** @type {NodeJS.ProcessEnv} */
const env = {
  ...process.env,
  CARGO_TARGET_DIR: join(root, 'target', 'release-build'),
  ...parseBuildEnv(target.buildEnv),
};

if (target.flags.includes('--use-napi-cross')) {
  if (env.TARGET_CC === 'clang') requireCommand('clang', 'clang');
  unpackCrossToolchain(triple);
}

const names = positionals.length > 0 ? positionals : napiPackages;
for (const name of names) {
  console.log(`\n== ${name}: ${target.buildEnv} napi build --target ${triple} ${target.flags}`);
  execFileSync(
    'npm',
    [
      'run',
      'build:native',
      '--workspace',
      `packages/${name}`,
      '--',
      '--target',
      triple,
      ...target.flags.split(' '),
    ].filter(Boolean),
    // npm is npm.cmd on Windows, which only a shell runs.
    { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' },
  );
}

// The audit reads every binary format with LLVM's tools; the publish job audits the other
// platforms' binaries on Linux, so here only a Linux host audits its own build.
if (process.platform === 'linux') {
  const binaries = names.flatMap((name) =>
    readdirSync(join(root, 'packages', name, 'binding'))
      .filter((file) => file.endsWith('.node'))
      .map((file) => join(root, 'packages', name, 'binding', file)),
  );
  if (!auditBinaries(binaries)) process.exit(1);
}

/**
 * `napi build --use-napi-cross` unpacks its toolchain with @napi-rs/lzma, whose binary needs Node
 * ^22.20 || ^24.12 || >=25: under Node 20 npm skips installing it and the build dies with "Cannot
 * find native binding". This unpacks the same npm package with tar beforehand, where the napi CLI
 * looks first (it skips unpacking when the folder has the toolchain's package.json).
 */
function unpackCrossToolchain(/** @type {string} */ triple) {
  // The folder the napi CLI looks in is named after the version of @napi-rs/cross-toolchain it requires.
  const cli = createRequire(createRequire(import.meta.url).resolve('@napi-rs/cli'));
  const { version } = cli('@napi-rs/cross-toolchain/package.json');
  const destination = join(homedir(), '.napi-rs', 'cross-toolchain', version, triple);
  if (existsSync(join(destination, 'package.json'))) return;
  requireCommand('xz', 'xz-utils');
  if (process.arch !== 'x64' && process.arch !== 'arm64')
    fail(`--use-napi-cross runs on x64 and arm64 Linux hosts only, not ${process.arch}`);
  const name = `@napi-rs/cross-toolchain-${process.arch}-target-${triple.split('-')[0]}`;
  const download = mkdtempSync(join(tmpdir(), 'oxidize-toolchain-'));
  try {
    const toolchain = `${name}@${availableVersion(name, version)}`;
    console.log(`== unpacking ${toolchain} into ${destination}`);
    const tarball = execFileSync('npm', ['pack', toolchain, '--silent'], { cwd: download, encoding: 'utf8' }).trim();
    execFileSync('tar', ['xzf', tarball], { cwd: download });
    mkdirSync(destination, { recursive: true });
    execFileSync('tar', ['xJf', join(download, 'package', `${triple}.tar.xz`), '-C', destination]);
  } catch (error) {
    rmSync(destination, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
}

/**
 * `version` of the toolchain package `name` when the registry has it, else its newest release of
 * the same major version (a mirror may lack some: the toolchains inside change rarely, and the
 * binary audit checks what matters of the result).
 */
function availableVersion(/** @type {string} */ name, /** @type {string} */ version) {
  /** @type {string[]} */
  const published = [
    JSON.parse(execFileSync('npm', ['view', name, 'versions', '--json'], { encoding: 'utf8' })),
  ].flat();
  if (published.includes(version)) return version;
  const major = version.split('.')[0];
  const sameMajor = published.filter((candidate) => candidate.split('.')[0] === major && !candidate.includes('-'));
  const newest = sameMajor.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
  if (newest === undefined) fail(`the registry has no ${name} ${major}.x (published: ${published.join(', ')})`);
  console.log(`== ${name}@${version} is not on the registry; using ${newest}, its newest ${major}.x`);
  return newest;
}

function requireCommand(/** @type {string} */ command, /** @type {string} */ debianPackage) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
  } catch {
    fail(
      `${command} is needed for a ${triple} release build: install it (Debian, Ubuntu: apt-get install ${debianPackage})`,
    );
  }
}
