// Sets the version of one napi pair everywhere it lives, so that they cannot drift apart:
// packages/<name>/package.json, crates/<name>/Cargo.toml (the binary reports it, and the loader
// checks it), Cargo.lock, package-lock.json, and the platform packages if they exist
// (`napi version`). Platform packages made later by `napi create-npm-dirs` take it from package.json.
//
//   npm run bump -- <name> <version>        e.g. npm run bump -- blake3 0.2.0
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, version] = process.argv.slice(2);
// Semantic versioning, as npm and Cargo both require, without build metadata (`+...`): npm drops
// it and Cargo keeps it, so the binary's version would never match its package's.
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
if (name === undefined || version === undefined || !SEMVER.test(version)) {
  console.error('usage: npm run bump -- <name> <version>   (a napi package under packages/, a semver version)');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
const run = (/** @type {string} */ command, /** @type {string[]} */ args) =>
  // npm is npm.cmd on Windows, which only a shell can start.
  execFileSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

run('npm', ['version', version, '--no-git-tag-version', '--allow-same-version', '--workspace', `packages/${name}`]);

const cargoToml = join(root, 'crates', name, 'Cargo.toml');
const manifest = readFileSync(cargoToml, 'utf8');
// The first `version = ` line is the [package] version (dependencies are inherited from the workspace).
const updated = manifest.replace(/^version = ".*"$/m, `version = "${version}"`);
if (updated === manifest && !manifest.includes(`version = "${version}"`))
  throw new Error(`no version line in ${cargoToml}`);
writeFileSync(cargoToml, updated);
// Records the new crate version in Cargo.lock without touching any dependency.
run('cargo', ['update', '--workspace', '--offline', '--quiet']);
run(process.execPath, [
  join(root, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js'),
  'version',
  '--cwd',
  `packages/${name}`,
]);
console.log(`${name} is now ${version} in package.json, Cargo.toml and the lockfiles`);
