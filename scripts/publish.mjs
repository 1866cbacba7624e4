// Publishes one napi package: a platform package per target (each holding one prebuilt binary),
// then the package itself with those as exact-version optionalDependencies. Every step is a napi
// CLI command, so this file only puts them in order.
//
// The release workflow runs it against npmjs.com, and `npm run test:release` runs it against a
// local registry: the path users install from is the path the tests exercise.
//
//   node scripts/publish.mjs <package-dir> --artifacts <dir> [--dry-run]
//
// <dir> holds the built `<binaryName>.<triple>.node` files, in any layout (napi artifacts searches it).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { artifacts: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const [packageDir] = positionals;
if (packageDir === undefined || values.artifacts === undefined) {
  console.error('usage: node scripts/publish.mjs <package-dir> --artifacts <dir> [--dry-run]');
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

// npm/<triple>/package.json for every target in package.json's napi.targets.
run(process.execPath, [napi, 'create-npm-dirs']);
// Each binary into its platform package.
run(process.execPath, [napi, 'artifacts', '--output-dir', resolve(values.artifacts)]);
// Publishes the platform packages and writes the exact-version optionalDependencies. No GitHub
// release: npm is where users get the binaries.
run(process.execPath, [napi, 'pre-publish', '--tag-style', 'npm', '--no-gh-release', ...dryRun]);
run('npm', ['publish', ...dryRun]);
