// Removes a pair, so that a repository made from the template holds only the functions its team
// ships: the reverse of `npm run new`.
//
//   npm run remove -- <name> [--dry-run]
//
// A pair owns four folders (crates/<name>, packages/<name>, benches/<name>, examples/<name>) and
// the blocks of Markdown between `<!-- pair:<name> -->` and `<!-- /pair:<name> -->`. Everything else
// refers to pairs only through those: project references in tsconfig.json files, the root
// package.json's scripts that run its files, the lockfiles. The release workflow's matrices come
// from the packages themselves (scripts/release-plan.mjs), so they need no edit.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatFiles, parseCommandLine } from './lib/cli.mjs';

const HELP = `Usage: npm run remove -- <name> [--dry-run]

  <name>     a pair: packages/<name> (a package.json with a "napi" field) and crates/<name>
  --dry-run  print what would be removed and changed, change nothing

Removes crates/<name>, packages/<name>, benches/<name> and examples/<name>; the project references
to them in tsconfig.json files; the root package.json's scripts that run their files; the
Markdown between <!-- pair:<name> --> and <!-- /pair:<name> --> (README.md, docs/, SECURITY.md);
then updates package-lock.json and Cargo.lock. Refuses the last pair: the kit's tests, benchmarks
and release need one (npm run new -- <name> adds another). Ends by listing any file that still
mentions the name.`;

const { values, positionals, fail } = parseCommandLine('remove', HELP, {
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false } },
});
const dryRun = values['dry-run'];
const root = join(import.meta.dirname, '..');
const [name, ...extra] = positionals;
if (name === undefined) fail('the name of the pair to remove is required');
if (extra.length > 0) fail(`one name only, got ${positionals.join(' ')}`);

const pairs = execFileSync(process.execPath, [join(root, 'scripts', 'napi-packages.mjs')], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .filter(Boolean);
if (!pairs.includes(name) || !existsSync(join(root, 'crates', name, 'Cargo.toml'))) {
  // The shared packages (runtime, testkit, napi) live beside the pairs but are not pairs.
  fail(`"${name}" is not a pair (the pairs: ${pairs.join(', ') || 'none'})`);
}
if (pairs.length === 1) {
  fail(`"${name}" is the last pair: add yours first (npm run new -- <name>), then remove this one`);
}

/** Files git tracks or would track (new, not ignored): the repository as a clone has it. */
function repositoryFiles() {
  const list = (/** @type {string[]} */ args) =>
    execFileSync('git', ['ls-files', '-z', ...args], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  return [...new Set([...list([]), ...list(['--others', '--exclude-standard'])])].filter((file) =>
    existsSync(join(root, file)),
  );
}
const folders = ['crates', 'packages', 'benches', 'examples'].map((top) => `${top}/${name}`);
const owned = (/** @type {string} */ path) =>
  folders.some((folder) => path === folder || path.startsWith(`${folder}/`));
/** @type {string[]} */
const changes = [];
/** JSON files rewritten here, to be given the formatting lint expects. */
const rewritten = ['package.json'];

for (const folder of folders) {
  if (!existsSync(join(root, folder))) continue;
  changes.push(`remove ${folder}/`);
  // Build outputs (binding/, dist/, test-addon/) go with it: they belong to no other pair.
  if (!dryRun) rmSync(join(root, folder), { recursive: true, force: true });
}

const files = repositoryFiles().filter((file) => !owned(file));

// Project references: the root build's, and any other project that points into the pair.
for (const file of files.filter((path) => path.endsWith('tsconfig.json'))) {
  const config = JSON.parse(readFileSync(join(root, file), 'utf8'));
  if (!Array.isArray(config.references)) continue;
  const base = relative(root, join(root, file, '..'));
  const kept = config.references.filter(
    (/** @type {{ path: string }} */ reference) => !owned(relative(root, join(root, base, reference.path))),
  );
  if (kept.length === config.references.length) continue;
  changes.push(`${file}: drop the references into the pair`);
  config.references = kept;
  rewritten.push(file);
  if (!dryRun) writeFileSync(join(root, file), `${JSON.stringify(config, null, 2)}\n`);
}

// The root scripts that run the pair's files (its examples, its long stress run).
const manifestPath = join(root, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const runsPairFiles = (/** @type {string} */ command) =>
  folders.some((folder) => new RegExp(`(^|[\\s'"=])(\\./)?${folder}/`).test(command));
const scripts = Object.entries(manifest.scripts ?? {}).filter(([, command]) => runsPairFiles(String(command)));
if (scripts.length > 0) {
  changes.push(`package.json: drop the scripts ${scripts.map(([script]) => script).join(', ')}`);
  for (const [script] of scripts) delete manifest.scripts[script];
  if (!dryRun) writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

// The pair's sections of the docs. A start without its end is a mistake in the file, not a section
// to guess the end of: stop before changing it.
const start = `<!-- pair:${name} -->`;
const end = `<!-- /pair:${name} -->`;
for (const file of files.filter((path) => path.endsWith('.md'))) {
  const text = readFileSync(join(root, file), 'utf8');
  if (!text.includes(start)) continue;
  const lines = text.split('\n');
  /** @type {string[]} */
  const kept = [];
  let inside = 0;
  let sections = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === start) {
      if (inside > 0) fail(`${file}:${index + 1}: ${start} inside another one`);
      inside = index + 1;
      sections++;
    } else if (line.trim() === end) {
      if (inside === 0) fail(`${file}:${index + 1}: ${end} without its start`);
      inside = 0;
    } else if (inside === 0) {
      kept.push(line);
    }
  }
  if (inside > 0) fail(`${file}:${inside}: ${start} without its end (${end})`);
  changes.push(`${file}: remove ${sections} section${sections === 1 ? '' : 's'} marked ${start}`);
  // A section between two paragraphs leaves two blank lines where there was one.
  if (!dryRun) writeFileSync(join(root, file), kept.join('\n').replace(/\n{3,}/g, '\n\n'));
}

changes.push('package-lock.json (npm install) and Cargo.lock (cargo metadata): drop the pair and what only it used');
changes.push('.github/workflows/release.yml: nothing to edit (its matrices are made from packages/ at run time)');
console.log(`remove: ${dryRun ? 'would remove' : 'removing'} the pair "${name}"`);
for (const change of changes) console.log(`  ${change}`);
if (dryRun) process.exit(0);

formatFiles(root, rewritten);
// npm drops the workspace, its links and the dependencies only it had; Cargo rewrites its lockfile
// for the members that are left. Neither changes the versions of what stays.
execFileSync(
  'npm',
  ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
  {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  },
);
execFileSync('cargo', ['metadata', '--format-version', '1', '--offline'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});

// What no rule above covers: a mention in code or docs written since. Listed, not edited: only a
// person can tell whether the sentence still makes sense.
const word = new RegExp(`(^|[^a-z0-9])${name.replace(/-/g, '[-_]')}($|[^a-z0-9])`, 'i');
const mentions = repositoryFiles()
  .filter((file) => !file.endsWith('package-lock.json') && !file.endsWith('Cargo.lock'))
  .flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    if (text.includes('\0')) return [];
    return text
      .split('\n')
      .flatMap((line, index) => (word.test(line) ? [`  ${file}:${index + 1}: ${line.trim().slice(0, 120)}`] : []));
  });
console.log(`\nremove: "${name}" is gone. Next: npm test`);
if (mentions.length > 0) {
  console.log(`\nStill mentioning "${name}" (not covered by a marked section; read and edit by hand):`);
  console.log(mentions.join('\n'));
}
