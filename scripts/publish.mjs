// Publishes one napi package: a platform package per target (each holding one prebuilt binary),
// then the package itself with those as exact-version optionalDependencies. Every step is a napi
// CLI command, so this file only puts them in order, and checks what they made.
//
// A package without an addon (packages/runtime, which every pair depends on) is published as it
// is; --artifacts is ignored for it. Either way, a version already on the registry is skipped:
// each package has its own version, and a release publishes only those that changed. A prerelease
// version (0.2.0-rc.1) goes to the `next` dist-tag (npm refuses a prerelease without a tag), unless
// npm_config_tag says otherwise.
//
// --dry-run publishes nothing and proves as much of the real publish as it can:
// `napi pre-publish --dry-run` only validates the platform packages (it neither publishes them nor
// writes the optionalDependencies), so this packs each platform package, checks that its binary is
// in the tarball, runs `npm publish --dry-run` on that tarball, and prints the optionalDependencies
// the real run would write into package.json, before `npm publish --dry-run` of the package.
//
// The release workflow runs it against npmjs.com, and `npm run test:release` runs it against a
// local registry: the path users install from is the path the tests exercise.
//
//   node scripts/publish.mjs <package-dir> --artifacts <dir> [--dry-run]
//   node scripts/publish.mjs packages/runtime [--dry-run]
//
// <dir> holds the built `<binaryName>.<triple>.node` files, in any layout (napi artifacts searches it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { readNapiConfig } from '@napi-rs/cli';

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
const isDryRun = values['dry-run'];
const dryRun = isDryRun ? ['--dry-run'] : [];
const napi = resolve(import.meta.dirname, '..', 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js');

/** @param {string} command @param {string[]} args @param {string} [dir] */
function run(command, args, dir = cwd) {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: dir, stdio: 'inherit' });
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

const manifestPath = join(cwd, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const { name, version, napi: addon } = manifest;
// Passed on to every npm publish below, napi pre-publish's included (it runs `npm publish` with this
// process's environment).
if (version.includes('-')) process.env.npm_config_tag ??= 'next';
// Every package has its own version, and a release publishes the ones whose version is new: a pair
// nobody bumped (or the runtime) is left as it is on the registry.
if (isPublished(name, version)) {
  console.log(`${name}@${version} is already published; nothing to do`);
  process.exit(0);
}
if (addon === undefined) {
  run('npm', ['publish', ...dryRun]);
  process.exit(0);
}
if (values.artifacts === undefined) throw new Error(`${name} has an addon: pass --artifacts <dir> with its binaries`);

// npm/<platform>/package.json for every target in package.json's napi.targets.
run(process.execPath, [napi, 'create-npm-dirs']);
// Each binary into its platform package.
run(process.execPath, [napi, 'artifacts', '--output-dir', resolve(values.artifacts)]);

// What create-npm-dirs made: one package per target, this version, this package's `repository`
// (npm provenance rejects a platform package without it, as it would the main package).
const { packageName, targets } = await readNapiConfig(manifestPath);
const platforms = targets.map((target) => {
  const dir = join(cwd, 'npm', target.platformArchABI);
  const platform = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const expected = `${packageName}-${target.platformArchABI}`;
  const problems = [
    platform.name !== expected && `is named ${platform.name}, not ${expected}`,
    platform.version !== version && `has version ${platform.version}, not ${version}`,
    !isDeepStrictEqual(platform.repository, manifest.repository) &&
      `has repository ${JSON.stringify(platform.repository)}, not ${JSON.stringify(manifest.repository)}`,
    !existsSync(join(dir, platform.main)) &&
      `has no ${platform.main} (no binary for ${target.triple} in ${values.artifacts})`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`npm/${target.platformArchABI}/package.json ${problems.join('; ')}`);
  return { dir, name: platform.name, main: /** @type {string} */ (platform.main) };
});

if (!isDryRun) {
  // Publishes the platform packages and writes the exact-version optionalDependencies. No GitHub
  // release: npm is where users get the binaries.
  run(process.execPath, [napi, 'pre-publish', '--tag-style', 'npm', '--no-gh-release']);
  run('npm', ['publish']);
  process.exit(0);
}

// Validates the platform packages as the real run does, and stops there.
run(process.execPath, [napi, 'pre-publish', '--tag-style', 'npm', '--no-gh-release', '--dry-run']);
const packed = mkdtempSync(join(tmpdir(), 'oxidize-publish-'));
try {
  for (const platform of platforms) {
    console.log(`$ npm pack --json --pack-destination ${packed}   (in npm/${platform.dir.split(/[\\/]/).at(-1)})`);
    const [tarball] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', packed], {
        cwd: platform.dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const files = tarball.files.map((/** @type {{ path: string }} */ file) => file.path);
    if (!files.includes(platform.main)) throw new Error(`${tarball.id}: ${platform.main} is not in the tarball`);
    console.log(`  ${tarball.id}: ${files.join(', ')}; ${(tarball.size / 1024).toFixed(1)} KiB packed`);
    run('npm', ['publish', '--dry-run', join(packed, tarball.filename)], platform.dir);
  }
} finally {
  rmSync(packed, { recursive: true, force: true });
}
// What `napi pre-publish` writes before the real `npm publish` (resolveRootOptionalDependencies in
// @napi-rs/cli: every target's package, at exactly this version, added to any already there).
const optionalDependencies = {
  ...manifest.optionalDependencies,
  ...Object.fromEntries(platforms.map((platform) => [platform.name, version])),
};
console.log(
  `\noptionalDependencies the real run writes into ${name}'s package.json before publishing it:\n${JSON.stringify(optionalDependencies, null, 2)}\n`,
);
run('npm', ['publish', '--dry-run']);
