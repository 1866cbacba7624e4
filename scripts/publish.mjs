// Publishes one napi package: a platform package per target (each holding one prebuilt binary),
// then the package itself with those as exact-version optionalDependencies. Every step is a napi
// CLI command, so this file only puts them in order.
//
// Without --artifacts it publishes a package that has no addon (packages/runtime, which every
// pair depends on). Either way, a version already on the registry is skipped: each package has
// its own version, and a release publishes only those that changed.
//
// The release workflow runs it against npmjs.com, and `npm run test:release` runs it against a
// local registry: the path users install from is the path the tests exercise.
//
//   node scripts/publish.mjs <package-dir> --artifacts <dir> [--dry-run]
//   node scripts/publish.mjs packages/runtime [--dry-run]
//
// <dir> holds the built `<binaryName>.<triple>.node` files, in any layout (napi artifacts searches it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { artifacts: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const [packageDir] = positionals;
if (packageDir === undefined) {
  console.error('usage: node scripts/publish.mjs <package-dir> [--artifacts <dir>] [--dry-run]');
  process.exit(2);
}
const cwd = resolve(packageDir);
const dryRun = values['dry-run'] ? ['--dry-run'] : [];
const napi = resolve(import.meta.dirname, '..', 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js');

/** @param {string} command @param {string[]} args */
function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

/** @param {string} name @param {string} version */
function isPublished(name, version) {
  try {
    // Prints nothing for a version that does not exist; fails (E404) for a package that does not.
    return (
      execFileSync('npm', ['view', `${name}@${version}`, 'version'], {
        cwd,
        encoding: 'utf8',
        stdio: 'pipe',
      }).trim() !== ''
    );
  } catch {
    return false;
  }
}

const { name, version, napi: addon } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
// Every package has its own version, and a release publishes the ones whose version is new: a pair
// nobody bumped (or the runtime) is left as it is on the registry.
if (isPublished(name, version)) {
  console.log(`${name}@${version} is already published; nothing to do`);
  process.exit(0);
}
if (values.artifacts === undefined) {
  if (addon !== undefined) throw new Error(`${name} has an addon: pass --artifacts <dir> with its binaries`);
  run('npm', ['publish', ...dryRun]);
  process.exit(0);
}

// npm/<triple>/package.json for every target in package.json's napi.targets.
run(process.execPath, [napi, 'create-npm-dirs']);
// Each binary into its platform package.
run(process.execPath, [napi, 'artifacts', '--output-dir', resolve(values.artifacts)]);
// Publishes the platform packages and writes the exact-version optionalDependencies. No GitHub
// release: npm is where users get the binaries.
run(process.execPath, [napi, 'pre-publish', '--tag-style', 'npm', '--no-gh-release', ...dryRun]);
run('npm', ['publish', ...dryRun]);
