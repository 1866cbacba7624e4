// Removes a pair, so that a repository made from the template holds only the functions its team
// ships: the reverse of `npm run new`.
//
//   npm run remove -- <name> [--dry-run] [--force]
//
// A pair owns four folders (crates/<name>, packages/<name>, benches/<name>, examples/<name>) and
// the blocks of Markdown between `<!-- pair:<name> -->` and `<!-- /pair:<name> -->`. Everything else
// refers to pairs only through those: project references in tsconfig.json files, the root
// package.json's scripts that run its files, the lockfiles. The release workflow's matrices come
// from the packages themselves (scripts/release-plan.mjs), so they need no edit.
//
// Every edit is worked out, and every file it needs is read and checked, before anything changes:
// a mistake found halfway would leave a repository that is neither with the pair nor without it,
// and that this command, no longer finding the pair, could not finish.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { formatFiles, parseCommandLine } from './lib/cli.mjs';
import { pairNames } from './lib/pairs.mjs';

const HELP = `Usage: npm run remove -- <name> [--dry-run] [--force]

  <name>     a pair: packages/<name> (a package.json with a "napi" field) and crates/<name>
  --dry-run  print what would be removed and changed, change nothing
  --force    remove it even with uncommitted changes in its folders (they are lost)

Removes crates/<name>, packages/<name>, benches/<name> and examples/<name>; the project references
to them in tsconfig.json files; the root package.json's scripts that only run their files; the
Markdown between <!-- pair:<name> --> and <!-- /pair:<name> --> (README.md, docs/, SECURITY.md);
then updates package-lock.json and Cargo.lock. Refuses the last pair: the kit's tests, benchmarks
and release need one (npm run new -- <name> adds another). Ends by listing any file that still
mentions the name.`;

const {
  values,
  positionals,
  fail,
  stop: stopCommand,
} = parseCommandLine('remove', HELP, {
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, force: { type: 'boolean', default: false } },
});
const dryRun = values['dry-run'];
const root = join(import.meta.dirname, '..');
const [name, ...extra] = positionals;
if (name === undefined) fail('the name of the pair to remove is required');
if (extra.length > 0) fail(`one name only, got ${positionals.join(' ')}`);

/** A problem with the repository: said before anything is changed. */
const stop = (/** @type {string} */ message) => stopCommand(`${message}\nNothing was changed.`);

const pairs = pairNames(root);
if (!pairs.includes(name) || !existsSync(join(root, 'crates', name, 'Cargo.toml'))) {
  // The shared packages (runtime, testkit, napi) live beside the pairs but are not pairs.
  fail(`"${name}" is not a pair (the pairs: ${pairs.join(', ') || 'none'})`);
}
if (pairs.length === 1) {
  fail(`"${name}" is the last pair: add yours first (npm run new -- <name>), then remove this one`);
}

const folders = ['crates', 'packages', 'benches', 'examples'].map((top) => `${top}/${name}`);
/** Whether a repository path (forward slashes, as git writes them) is in one of the pair's folders. */
const owned = (/** @type {string} */ path) =>
  folders.some((folder) => path === folder || path.startsWith(`${folder}/`));
const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' }).status === 0;
const isFile = (/** @type {string} */ file) => statSync(join(root, file), { throwIfNoEntry: false })?.isFile() === true;

/**
 * The repository's files as a clone has them (tracked, and new ones not ignored), with forward
 * slashes; submodules and links to folders are not files to read. Without git (a downloaded
 * archive), or inside a repository that ignores the kit, every file outside what builds and
 * installs make.
 */
function repositoryFiles() {
  if (inGit) {
    const list = (/** @type {string[]} */ args) =>
      execFileSync('git', ['ls-files', '-z', ...args], { cwd: root, encoding: 'utf8' })
        .split('\0')
        .filter(Boolean);
    const files = [...new Set([...list([]), ...list(['--others', '--exclude-standard'])])];
    if (files.includes('package.json')) return files.filter(isFile);
  }
  const generated = new Set(['.git', 'node_modules', 'target', 'dist', 'binding', 'test-addon', 'npm', '.tsbuild']);
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').some((part) => generated.has(part)));
}

// Uncommitted work in the pair's folders would be lost without a trace (new files included,
// whatever status.showUntrackedFiles says).
if (inGit && !values.force) {
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...folders], {
    cwd: root,
    encoding: 'utf8',
  });
  if (dirty.trim() !== '') {
    const message = `uncommitted changes in the pair's folders would be lost:\n${dirty}Commit or stash them, or pass --force.`;
    if (!dryRun) stop(message);
    console.log(`remove: the real run would stop here: ${message}`);
  }
}

// What remove may read and edit: not the pair's own files, and not templates/ (placeholders that
// `npm run new` fills, no pair's).
const files = repositoryFiles().filter((file) => !owned(file) && !file.startsWith('templates/'));

// Nothing that stays may depend on the pair: its build would break once the pair is gone.
const npmName = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).name;
const crateName = /^name = "(.+)"$/m.exec(readFileSync(join(root, 'crates', name, 'Cargo.toml'), 'utf8'))?.[1];
const dependents = files.filter((file) => {
  const base = file.split('/').at(-1);
  if (base === 'package.json' && file !== 'package.json') {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, file), 'utf8'));
    } catch {
      return false; // not a manifest npm would read either
    }
    return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some(
      (field) => manifest[field]?.[npmName] !== undefined,
    );
  }
  if (base === 'Cargo.toml' && crateName !== undefined) {
    const text = readFileSync(join(root, file), 'utf8');
    return new RegExp(`^\\s*${crateName}\\s*=`, 'm').test(text) || new RegExp(`["/]${name}"`).test(text);
  }
  return false;
});
if (dependents.length > 0) stop(`${dependents.join(', ')}: depends on the pair; remove that dependency first`);

/** @type {Map<string, string>} file → its new text, written only once everything is checked */
const edits = new Map();
/** @type {string[]} */
const changes = folders.filter((folder) => existsSync(join(root, folder))).map((folder) => `remove ${folder}/`);

// Project references: the root build's, and any other project that points into the pair. Plain
// JSON, as `npm run new` writes them; a file with comments that names the pair's folders is left
// for the user to edit.
for (const file of files.filter((path) => path.split('/').at(-1) === 'tsconfig.json')) {
  const text = readFileSync(join(root, file), 'utf8');
  let config;
  try {
    config = JSON.parse(text);
  } catch (error) {
    if (!folders.some((folder) => text.includes(folder))) continue;
    stop(
      `${file} is not plain JSON (${/** @type {Error} */ (error).message}): remove its references to the pair by hand, then run this again`,
    );
  }
  if (!Array.isArray(config.references)) continue;
  const base = posix.dirname(file);
  const kept = config.references.filter(
    (/** @type {{ path: string }} */ reference) =>
      !owned(posix.normalize(posix.join(base, String(reference.path).replaceAll('\\', '/')))),
  );
  if (kept.length === config.references.length) continue;
  changes.push(`${file}: drop the references into the pair`);
  edits.set(file, `${JSON.stringify({ ...config, references: kept }, null, 2)}\n`);
}

// The root scripts that only run the pair's files (its examples, its long stress run): every
// command of the script names paths, and all of them are in the pair. A script that also does
// something else is the user's to edit: it is listed, not deleted.
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** The paths a command names (its words with a slash), without quotes and a leading ./ */
const pathsOf = (/** @type {string} */ command) =>
  command
    .split(/\s+/)
    .map((word) =>
      word
        .replace(/^['"=]+|['"]+$/g, '')
        .replace(/^\.\//, '')
        .replace(/\/+$/, ''),
    )
    .filter((word) => word.includes('/'));
const scripts = Object.entries(manifest.scripts ?? {}).filter(([, command]) => pathsOf(String(command)).some(owned));
const onlyPairs = scripts.filter(([, command]) =>
  String(command)
    .split(/&&|\|\||;|\|/)
    .every((part) => pathsOf(part).length > 0 && pathsOf(part).every(owned)),
);
if (onlyPairs.length > 0) {
  changes.push(`package.json: drop the scripts ${onlyPairs.map(([script]) => script).join(', ')}`);
  for (const [script] of onlyPairs) delete manifest.scripts[script];
  edits.set('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
}

// The pair's sections of the docs. A start without its end is a mistake in the file, not a section
// to guess the end of.
const start = `<!-- pair:${name} -->`;
const end = `<!-- /pair:${name} -->`;
for (const file of files.filter((path) => path.endsWith('.md'))) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  if (!lines.some((line) => line.trim() === start || line.trim() === end)) continue;
  /** @type {string[]} */
  const kept = [];
  let inside = 0;
  let sections = 0;
  let afterSection = false;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === start) {
      if (inside > 0) stop(`${file}:${index + 1}: ${start} inside another one (line ${inside}): fix the markers first`);
      inside = index + 1;
      sections++;
    } else if (line.trim() === end) {
      if (inside === 0) stop(`${file}:${index + 1}: ${end} without its start: fix the markers first`);
      inside = 0;
      afterSection = true;
    } else if (inside === 0) {
      // A section between two paragraphs would leave two blank lines where there was one.
      if (!(afterSection && line.trim() === '' && kept.at(-1)?.trim() === '')) kept.push(line);
      afterSection = false;
    }
  }
  if (inside > 0) stop(`${file}:${inside}: ${start} without its end (${end}): fix the markers first`);
  changes.push(`${file}: remove ${sections} section${sections === 1 ? '' : 's'} marked ${start}`);
  edits.set(file, kept.join('\n'));
}

changes.push('package-lock.json (npm install) and Cargo.lock (cargo metadata): drop the pair and what only it used');
changes.push('.github/workflows/release.yml: nothing to edit (its matrices are made from packages/ at run time)');
console.log(`remove: ${dryRun ? 'would remove' : 'removing'} the pair "${name}"`);
for (const change of changes) console.log(`  ${change}`);
const partial = scripts.filter((script) => !onlyPairs.includes(script));
for (const [script] of partial) {
  console.log(`  package.json: the script "${script}" runs the pair's files among others: edit it by hand`);
}
if (dryRun) process.exit(0);

// Everything is checked: now change the repository. The edits first, the folders last, and of
// those crates/<name> last: with packages/<name>/package.json, its Cargo.toml is what makes the
// pair a pair, so a deletion that fails halfway (a file held open on Windows) can be run again.
for (const [file, text] of edits) writeFileSync(join(root, file), text);
formatFiles(
  root,
  [...edits.keys()].filter((file) => file.endsWith('.json')),
);
for (const folder of [...folders.slice(1), ...folders.slice(0, 1)]) {
  try {
    // Build outputs (binding/, dist/, test-addon/) go with it: they belong to no other pair.
    rmSync(join(root, folder), { recursive: true, force: true });
  } catch (error) {
    console.error(
      `\nremove: could not delete ${folder} (${/** @type {Error} */ (error).message}): free it, then run this again.`,
    );
    process.exit(1);
  }
}

// npm drops the workspace, its links and the dependencies only it had; Cargo rewrites its lockfile
// for the members that are left. Neither changes the versions of what stays.
/** @type {[string, string[], string][]} */
const lockfileUpdates = [
  [
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    'package-lock.json',
  ],
  ['cargo', ['metadata', '--format-version', '1', '--offline'], 'Cargo.lock'],
];
for (const [command, args, lockfile] of lockfileUpdates) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', command === 'npm' ? 'inherit' : 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    const why = result.error ? `${command} could not run (${result.error.message})` : `${command} failed (above)`;
    console.error(
      `\nremove: "${name}" is removed, but ${lockfile} is not updated: ${why}. Run ${command} ${args.slice(0, 3).join(' ')} to finish.`,
    );
    process.exit(1);
  }
}

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
