// What a run of the release workflow builds and publishes, and the checks that must pass first.
//
// A release tag names one package and its version: `<name>-v<version>`, where <name> is the
// package's folder under packages/ (`fuzzy-v0.2.0`, `runtime-v0.1.1`). Each package has its own
// version, so one tag per package and version: another pair can be released at 0.2.0 too. The run
// stops here, before anything is built, unless the tag's version is the one in
// packages/<name>/package.json and, for a napi package, in crates/<name>/Cargo.toml (the binary
// reports that one, and the loader compares them): `npm run bump -- <name> <version>` sets both.
//
//   node scripts/release-plan.mjs --tag <name>-v<version>    a tag push
//   node scripts/release-plan.mjs [--package <name>]         a manual run (no --package: every package)
//
// Prints, and appends to $GITHUB_OUTPUT when it is set:
//   napi=<JSON array>     the napi packages to build and test (the build and test matrices)
//   variables=<JSON>      each napi package's <PREFIX>_<NAME>_IMPL variable (scripts/lib/cli.mjs)
//   targets=<JSON array>  every target's triple, build and test runner, flags (scripts/lib/targets.mjs)
//   publish=<dirs>        the package folders to publish, in order: the shared packages first
//                         (every pair depends on the runtime), then the napi packages. A version
//                         already on npm is skipped (scripts/publish.mjs), so naming the runtime in
//                         a pair's release publishes it only when its version is new.
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { implVariable } from './lib/cli.mjs';
import { TARGETS } from './lib/targets.mjs';

const { values } = parseArgs({ options: { tag: { type: 'string' }, package: { type: 'string' } } });
const root = join(import.meta.dirname, '..');
const problems = [];

/** @param {string} name */
const manifestOf = (name) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));

// The published packages: packages/<name> with a package.json that is not private.
const packages = readdirSync(join(root, 'packages'))
  .filter((name) => existsSync(join(root, 'packages', name, 'package.json')) && !manifestOf(name).private)
  .sort();
const isNapi = (/** @type {string} */ name) => manifestOf(name).napi !== undefined;
const shared = packages.filter((name) => !isNapi(name));

/** @param {string} message @returns {never} */
function fail(message) {
  console.log(`::error::${message}`);
  console.error(`release-plan: ${message}`);
  process.exit(1);
}

/** The packages this run releases: the tag's, the one asked for, or every one. */
function select() {
  if (values.tag !== undefined) {
    const match = /^(?<name>[a-z][a-z0-9-]*)-v(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(values.tag);
    const name = match?.groups?.name;
    const version = match?.groups?.version;
    if (name === undefined || version === undefined)
      fail(`tag ${values.tag} is not <name>-v<version> (e.g. fuzzy-v0.2.0, runtime-v0.1.1)`);
    if (!packages.includes(name))
      fail(`tag ${values.tag} names packages/${name}, which is not a published package (${packages.join(', ')})`);
    const own = manifestOf(name).version;
    if (own !== version)
      problems.push(
        `tag ${values.tag} is version ${version}, packages/${name}/package.json has ${own} (npm run bump -- ${name} ${version}, then tag that commit)`,
      );
    return [name];
  }
  if (values.package) {
    if (!packages.includes(values.package))
      fail(`there is no published package packages/${values.package} (${packages.join(', ')})`);
    return [values.package];
  }
  return packages;
}

const plan = select();
const napi = plan.filter(isNapi);
for (const name of napi) {
  const { version } = manifestOf(name);
  const cargoToml = join(root, 'crates', name, 'Cargo.toml');
  if (!existsSync(cargoToml)) {
    problems.push(`packages/${name} is a napi package without crates/${name}/Cargo.toml`);
    continue;
  }
  // The first `version = ` line is the [package] version (scripts/bump.mjs writes it there).
  const listed = JSON.stringify(manifestOf(name).napi.targets ?? []);
  const shipped = JSON.stringify(TARGETS.map((target) => target.triple));
  if (listed !== shipped)
    problems.push(`packages/${name}/package.json napi.targets is ${listed}, scripts/lib/targets.mjs builds ${shipped}`);
  const crateVersion = /^version = "(.*)"$/m.exec(readFileSync(cargoToml, 'utf8'))?.[1];
  if (crateVersion !== version)
    problems.push(
      `crates/${name}/Cargo.toml has version ${crateVersion ?? '(none)'}, packages/${name}/package.json ${version} (npm run bump -- ${name} ${version})`,
    );
}
if (problems.length > 0) {
  for (const problem of problems) console.log(`::error::${problem}`);
  console.error(`release-plan:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

// A pair's release publishes the shared packages first when their version is new: the pair depends on them.
const publish = [...new Set([...shared.filter((name) => napi.length > 0 || plan.includes(name)), ...napi])];
for (const name of publish) console.error(`release-plan: ${manifestOf(name).name}@${manifestOf(name).version}`);
const variables = Object.fromEntries(napi.map((name) => [name, implVariable(name)]));
const outputs = `napi=${JSON.stringify(napi)}\nvariables=${JSON.stringify(variables)}\ntargets=${JSON.stringify(TARGETS)}\npublish=${publish.map((name) => `packages/${name}`).join(' ')}\n`;
console.log(outputs);
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, outputs);
