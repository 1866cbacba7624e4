// First-time setup of npm trusted publishing (README: First-time setup), run once by a maintainer
// on their own machine, logged in to npm. A trusted publisher can only be added to a package that
// exists, and the release workflow publishes through one (OIDC, no token), so for every package the
// workflow publishes (the shared runtime, each pair and each pair's platform packages, e.g.
// @<scope>/<pair>-linux-x64-gnu) this:
//   1. publishes a placeholder, version 0.0.0-bootstrap.0 under the dist-tag `bootstrap` (not
//      `latest`), unless the package exists already; it holds a package.json and a README only;
//   2. deprecates that placeholder, so that anyone who installs it is told what it is;
//   3. adds the trusted publisher: `npm trust github <package> --file release.yml
//      --repository <owner>/<repo> --allow-publish --yes`, unless the package has one already.
// Running it again is harmless: existing packages and trust configurations are left as they are,
// so run it again after `npm run new`, for the new pair's packages.
//
//   node scripts/trust-bootstrap.mjs [--dry-run] [--repository <owner>/<repo>] [--workflow release.yml]
//
// --dry-run prints every command, contacts no registry, and checks what it can offline: each
// placeholder with `npm pack --dry-run`, each trust command with `npm trust github … --dry-run`.
//
// `npm trust` needs npm 11.15.0 or newer (the --allow-publish flag; `npm trust` itself appeared in
// 11.10.0), two-factor authentication on the account, and an interactive login: npm asks for a
// second factor on the first call, and its web page offers to skip it for 5 minutes, long enough
// for every package (docs: npm-trust, "Bulk Usage"; 2 seconds between calls against rate limits).
// Whether the registry also points `latest` at a package's first version when that version was
// published under another dist-tag is not documented: if it does, `latest` names the deprecated
// placeholder until the first release moves it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readNapiConfig } from '@napi-rs/cli';
import { parseCommandLine } from './lib/cli.mjs';
import { githubRepository, PLACEHOLDER } from './lib/repository.mjs';

const HELP = `Usage: node scripts/trust-bootstrap.mjs [--dry-run] [--repository <owner>/<repo>] [--workflow <file>]

  --repository  the GitHub repository the release workflow runs in; by default the one every
                published package.json names in repository.url (they must agree)
  --workflow    the workflow file that publishes, under .github/workflows/ (default: release.yml)
  --dry-run     print every command, run none that changes the registry

For each published package (and each platform package): a placeholder version under the dist-tag
"bootstrap" if the package does not exist yet, then \`npm trust github\` for it. Needs npm 11.15.0+,
\`npm login\` and two-factor authentication on the account.`;

const VERSION = '0.0.0-bootstrap.0';
const DIST_TAG = 'bootstrap';
const MIN_NPM = [11, 15, 0];

const cli = parseCommandLine('trust-bootstrap', HELP, {
  options: {
    repository: { type: 'string' },
    workflow: { type: 'string', default: 'release.yml' },
    'dry-run': { type: 'boolean', default: false },
  },
});
/** @type {(message: string) => never} */
const fail = cli.fail;
const dryRun = cli.values['dry-run'];
const workflow = cli.values.workflow;
const root = join(import.meta.dirname, '..');
// npm is npm.cmd on Windows, which only a shell can start; the shell gets the arguments as one line.
const shell = process.platform === 'win32';
const quoted = (/** @type {string[]} */ args) =>
  shell ? args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg)) : args;

/** @param {string} name */
const manifestOf = (name) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
const published = readdirSync(join(root, 'packages'))
  .filter((name) => existsSync(join(root, 'packages', name, 'package.json')) && !manifestOf(name).private)
  .sort(
    (a, b) => Number(manifestOf(a).napi !== undefined) - Number(manifestOf(b).napi !== undefined) || a.localeCompare(b),
  );

// The repository: as given, or the one the packages name (npm provenance checks that they do).
const named = new Set(published.map((name) => githubRepository(manifestOf(name).repository) ?? '(none)'));
const repository = cli.values.repository ?? (named.size === 1 ? [...named][0] : undefined);
if (repository === undefined)
  fail(`the packages name different repositories (${[...named].join(', ')}): pass --repository <owner>/<repo>`);
if (repository === PLACEHOLDER || repository === '(none)')
  fail(`set repository.url in every published package.json first (README: First-time setup), or pass --repository`);
if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) fail(`"${repository}" is not <owner>/<repo>`);
if (!existsSync(join(root, '.github', 'workflows', workflow))) fail(`there is no .github/workflows/${workflow}`);

/** Every package the release workflow publishes, in the order it publishes them. */
/** @type {{ name: string, license?: string }[]} */
const packages = [];
for (const dir of published) {
  const manifest = manifestOf(dir);
  packages.push({ name: /** @type {string} */ (manifest.name), license: manifest.license });
  if (manifest.napi === undefined) continue;
  const { packageName, targets } = await readNapiConfig(join(root, 'packages', dir, 'package.json'));
  for (const target of targets)
    packages.push({ name: `${packageName}-${target.platformArchABI}`, license: manifest.license });
}

const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8', shell }).trim();
const tooOld = npmVersion
  .split('.')
  .map(Number)
  .reduce((order, part, i) => order || Math.sign(part - (MIN_NPM[i] ?? 0)), 0);
if (tooOld < 0)
  fail(`npm ${npmVersion} is too old for \`npm trust … --allow-publish\`: npm install -g npm@^${MIN_NPM.join('.')}`);

/** @param {string[]} args @param {{ cwd?: string, quiet?: boolean }} [options] */
function npm(args, options = {}) {
  if (!options.quiet) console.log(`$ npm ${args.join(' ')}`);
  return execFileSync('npm', quoted(args), {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    shell,
    // npm may ask for a one-time password or print a login URL: both need the terminal.
    stdio: options.quiet ? ['inherit', 'pipe', 'pipe'] : 'inherit',
  });
}

/** Whether `name` is on the registry (npm view fails with E404 for a package that is not). */
function exists(/** @type {string} */ name) {
  try {
    npm(['view', name, 'name'], { quiet: true });
    return true;
  } catch (error) {
    const { stderr } = /** @type {{ stderr?: string }} */ (error);
    if (/E404|404 Not Found/.test(stderr ?? '')) return false;
    throw error;
  }
}

/** The trusted publishers `name` has: `npm trust list --json` prints one JSON object per configuration. */
function trustConfigs(/** @type {string} */ name) {
  const text = execFileSync('npm', ['trust', 'list', name, '--json'], {
    cwd: root,
    encoding: 'utf8',
    shell,
    stdio: ['inherit', 'pipe', 'inherit'],
  }).trim();
  if (text === '') return [];
  const parsed = JSON.parse(text.startsWith('[') ? text : `[${text.replace(/}\s*{/g, '},{')}]`);
  return /** @type {{ file?: string, repository?: string, id?: string }[]} */ (parsed);
}

const work = mkdtempSync(join(tmpdir(), 'oxidize-trust-'));
/** Writes the placeholder for `name`; returns its folder. */
function placeholder(/** @type {{ name: string, license?: string }} */ pkg) {
  const dir = join(work, pkg.name.replace(/[@/]/g, '_'));
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: pkg.name,
    version: VERSION,
    description: `Placeholder published once so that npm trusted publishing could be set up for ${pkg.name}: no code. Install a release.`,
    license: pkg.license,
    repository: { type: 'git', url: `git+https://github.com/${repository}.git` },
    publishConfig: { access: 'public', tag: DIST_TAG },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(dir, 'README.md'),
    `# ${pkg.name}\n\nA placeholder, published so that npm trusted publishing could be configured before the first release. It contains no code.\nReleases: https://github.com/${repository}\n`,
  );
  return dir;
}

const deprecation = `placeholder for setting up trusted publishing, not a release: install a released version`;
/** @param {{ name: string }} pkg */
const trustArgs = (pkg) => [
  'trust',
  'github',
  pkg.name,
  '--file',
  workflow,
  '--repository',
  repository,
  '--allow-publish',
  '--yes',
];

console.log(
  `trust-bootstrap: ${packages.length} packages, trusted publisher github.com/${repository} .github/workflows/${workflow}${dryRun ? ' (dry run)' : ''}\n`,
);
/** Prints, and in a dry run only checks, what a real run does; returns the exit code. */
async function main() {
  if (dryRun) {
    for (const pkg of packages) {
      const dir = placeholder(pkg);
      console.log(`# ${pkg.name}: if it does not exist yet (npm view ${pkg.name} name fails with E404)`);
      console.log(`$ npm publish --access public --tag ${DIST_TAG}   (in a folder holding the placeholder)`);
      // The placeholder as npm would pack it (offline).
      npm(['pack', '--dry-run', '--json'], { cwd: dir, quiet: true });
      console.log(`$ npm deprecate ${pkg.name}@${VERSION} "${deprecation}"`);
      console.log(`# ${pkg.name}: unless npm trust list ${pkg.name} shows a configuration already`);
      // Checks the command line with this npm, and prints what it would configure (offline).
      npm([...trustArgs(pkg), '--dry-run']);
    }
    console.log('\ndry run: nothing was published or configured');
    return 0;
  }

  try {
    console.log(`npm user: ${npm(['whoami'], { quiet: true }).trim()}`);
  } catch {
    console.error('trust-bootstrap: not logged in to npm: npm login first (an account with two-factor authentication)');
    return 1;
  }
  const mismatched = [];
  for (const pkg of packages) {
    console.log(`\n# ${pkg.name}`);
    if (exists(pkg.name)) console.log(`${pkg.name} exists: no placeholder`);
    else {
      npm(['publish', '--access', 'public', '--tag', DIST_TAG], { cwd: placeholder(pkg) });
      npm(['deprecate', `${pkg.name}@${VERSION}`, deprecation]);
    }
    const configs = trustConfigs(pkg.name);
    if (configs.some((config) => config.repository === repository && config.file === workflow)) {
      console.log(`${pkg.name} already trusts ${repository} ${workflow}`);
      continue;
    }
    if (configs.length > 0) {
      // The registry holds one configuration per package: replacing it is the owner's decision.
      mismatched.push(
        `${pkg.name}: ${JSON.stringify(configs)} (npm trust revoke ${pkg.name} --id <id>, then run this again)`,
      );
      continue;
    }
    npm(trustArgs(pkg));
    await sleep(2000);
  }
  if (mismatched.length > 0) {
    console.error(`\nthese packages trust another publisher; left as they are:\n  ${mismatched.join('\n  ')}`);
    return 1;
  }
  console.log(`\nevery package trusts github.com/${repository} .github/workflows/${workflow}`);
  return 0;
}

try {
  process.exitCode = await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
