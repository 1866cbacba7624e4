// Sets the version of one napi pair everywhere it lives, so that they cannot drift apart:
// packages/<name>/package.json, crates/<name>/Cargo.toml (the binary reports it, and the loader
// checks it), Cargo.lock, package-lock.json, and the platform packages if they exist
// (`napi version`). Platform packages made later by `napi create-npm-dirs` take it from package.json.
//
//   npm run bump -- <name> <version>        e.g. npm run bump -- fuzzy 0.2.0
//
// `npm run bump -- runtime <version>` sets the shared runtime's version, and the range every pair
// depends on it with: a range the workspace copy does not satisfy would make npm fetch the
// runtime from the registry instead of linking this repository's.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, version] = process.argv.slice(2);
// Semantic versioning, as npm and Cargo both require, without build metadata (`+...`): npm drops
// it and Cargo keeps it, so the binary's version would never match its package's.
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
if (name === undefined || version === undefined || !SEMVER.test(version)) {
  console.error('usage: npm run bump -- <name> <version>   (a package under packages/, a semver version)');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
const run = (/** @type {string} */ command, /** @type {string[]} */ args) =>
  // npm is npm.cmd on Windows, which only a shell can start.
  execFileSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

if (!existsSync(join(root, 'packages', name, 'package.json'))) {
  console.error(`bump: there is no package packages/${name}`);
  process.exit(2);
}

if (!existsSync(join(root, 'crates', name))) {
  // A package without an addon (the runtime). Its version and its dependents' range change
  // together, before npm resolves anything (`npm version` would reinstall in between).
  const manifestPath = join(root, 'packages', name, 'package.json');
  const own = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (own.private || own.napi !== undefined) {
    console.error(
      `bump: packages/${name} is ${own.private ? 'private (never published)' : `a napi package without crates/${name}`}`,
    );
    process.exit(2);
  }
  const packageName = own.name;
  const dependents = [];
  writeFileSync(manifestPath, `${JSON.stringify({ ...own, version }, null, 2)}\n`);
  for (const dependent of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dependent, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    if (manifest.dependencies?.[packageName] === undefined) continue;
    manifest.dependencies[packageName] = `^${version}`;
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    dependents.push(dependent);
  }
  run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund']);
  console.log(`${name} is now ${version}, and every package that depends on it asks for ^${version}`);
  // The new range ships only with a new version of each dependent.
  for (const dependent of dependents)
    console.log(`  then publish ${dependent} with it: npm run bump -- ${dependent} <version>`);
  process.exit(0);
}

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
