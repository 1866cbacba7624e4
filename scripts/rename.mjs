// Renames the kit for its new owner, everywhere a name lives: npm scope and package names
// (platform packages are derived from them), Cargo package names and Rust crate identifiers,
// the OXIDIZE_* environment variables and warning codes, workflows, docs, examples, benches,
// both lockfiles. Names are checked before anything changes; running it twice is harmless.
//
//   npm run rename -- --scope @acme --prefix acme [--dry-run]
//
// The current names are kept in package.json under "template", so a renamed kit can be renamed again.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFiles, nameProblem, parseCommandLine, upperSnake } from './lib/cli.mjs';

const HELP = `Usage: npm run rename -- --scope @<scope> --prefix <prefix> [--dry-run]

  --scope    the npm scope of every package: @<scope>/<pair>, @<scope>/<pair>-linux-x64-gnu
  --prefix   the short name of the kit: the root package name, Cargo packages <prefix>-<pair>,
             environment variables <PREFIX>_<PAIR>_IMPL, the docs
  --dry-run  print what would change, change nothing

A scope is lower case: letters, digits, '-', '.', '_' or '~' after the '@'. A prefix is lower case
letters, digits and single hyphens, starting with a letter (it must make a valid npm name, Cargo
package name, Rust identifier and environment variable), and not a reserved file name on Windows
(aux, con, nul, com1, ...). Neither may be a word this repository already uses in another sense
(node, test, src, ...): the rename, and the next one, could not tell it from the kit's name.`;

const cli = parseCommandLine('rename', HELP, {
  options: {
    scope: { type: 'string' },
    prefix: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const { values } = cli;
// Declared with its type, so that TypeScript knows that nothing runs after a call to it.
/** @type {(message: string) => never} */
const fail = cli.fail;
const scope = values.scope?.replace(/^@/, '');
const prefix = values.prefix;
if (scope === undefined || prefix === undefined) fail('both --scope and --prefix are required');
if (!/^[a-z0-9][a-z0-9._~-]{0,100}$/.test(scope)) fail(`"${values.scope}" is not a valid npm scope`);
const problem = nameProblem(prefix);
if (problem !== undefined) fail(`"${prefix}" is not a valid prefix: ${problem}`);

const root = join(import.meta.dirname, '..');
const manifestPath = join(root, 'package.json');
const current = JSON.parse(readFileSync(manifestPath, 'utf8')).template;
if (current?.scope === undefined || current?.prefix === undefined)
  fail('package.json has no "template" names to rename from');
const next = { scope, prefix };

const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
const packages = files.flatMap((file) => /^packages\/([^/]+)\/package\.json$/.exec(file)?.[1] ?? []);

const escapeRegExp = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const snake = (/** @type {string} */ name) => name.replace(/-/g, '_');
const capital = (/** @type {string} */ name) => name[0]?.toUpperCase() + name.slice(1);
// A Markdown anchor keeps only letters, digits, '-' and '_' of its heading.
const slug = (/** @type {string} */ name) => name.replace(/[^\w-]/g, '');

/**
 * The places that hold the kit's names, and nothing else: the scope as `@<scope>` (in an anchor,
 * the heading's `@<scope>/fuzzy` is `#…-<scope>fuzzy`), the prefix as a whole word, never inside a
 * longer one, spelled upper snake, capitalised, kebab or snake case. A value after --scope or
 * --prefix (`--prefix <prefix>`, `'--prefix', '<prefix>'`) is an example of this command's arguments
 * (the README's, the tests'), not the kit's name. One regular expression for all of them, so that
 * nothing one replacement wrote is replaced again by another.
 */
function kitNames(/** @type {{ scope: string, prefix: string }} */ { scope, prefix }) {
  const notExample = (/** @type {string} */ flag) => `(?<!--${flag}['"]?(?:[ =]|,\\s*)['"]?)`;
  const word = (/** @type {string} */ group, /** @type {string[]} */ spellings) =>
    `${notExample('prefix')}(?<![A-Za-z0-9@])(?<${group}>${spellings.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`;
  const packageName = `(?:${packages.map(escapeRegExp).join('|') || '(?!)'})(?![a-z0-9])`;
  return new RegExp(
    [
      `${notExample('scope')}(?<!\\w)(?<scope>@${escapeRegExp(scope)})(?![\\w~-]|\\.\\w)`,
      `(?<=#[\\w-]*)(?<anchor>${escapeRegExp(slug(scope))})(?=${packageName})`,
      word('upper', [upperSnake(prefix)]),
      word('capital', [capital(prefix)]),
      word('lower', [...new Set([prefix, snake(prefix)])]),
    ].join('|'),
    'g',
  );
}
const oldNames = kitNames(current);
const newNames = kitNames(next);

/** The new spelling of a name `oldNames` found at `offset` in `text`. */
function respell(
  /** @type {string} */ name,
  /** @type {number} */ offset,
  /** @type {string} */ text,
  /** @type {Record<string, string | undefined>} */ groups,
) {
  if (groups.scope) return `@${next.scope}`;
  if (groups.anchor) return slug(next.scope);
  if (groups.upper) return upperSnake(next.prefix);
  if (groups.capital) return capital(next.prefix);
  // In Rust identifiers (`<prefix>_fuzzy::distance`) the prefix is in snake case.
  return name.includes('_') || text[offset + name.length] === '_' ? snake(next.prefix) : next.prefix;
}

/**
 * The `repository` URL of a package.json, as written in it: it names the GitHub repository, which npm
 * provenance checks (README: First-time setup), not the kit. A rename leaves it as it is, and a
 * kit name inside it (`github.com/<owner>/<prefix>-hash`) is no clash.
 */
function repositoryUrls(/** @type {string} */ file, /** @type {string} */ text) {
  if (!/(^|\/)package\.json$/.test(file)) return [];
  try {
    const { repository } = JSON.parse(text);
    const url = typeof repository === 'string' ? repository : repository?.url;
    return typeof url === 'string' ? [JSON.stringify(url)] : [];
  } catch {
    return [];
  }
}

/** `change` applied to `text` outside the occurrences of `kept`, which become `keptAs(occurrence)`. */
function outside(
  /** @type {string} */ text,
  /** @type {string[]} */ kept,
  /** @type {(part: string) => string} */ change,
  keptAs = (/** @type {string} */ occurrence) => occurrence,
) {
  if (kept.length === 0) return change(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(new RegExp(kept.map(escapeRegExp).join('|'), 'g'))) {
    out += change(text.slice(last, match.index)) + keptAs(match[0]);
    last = match.index + match[0].length;
  }
  return out + change(text.slice(last));
}

const changed = /** @type {Map<string, string>} */ (new Map());
const clashes = new Set();
for (const file of files) {
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    continue; // deleted in the work tree
  }
  if (text.includes('\0')) continue; // binary
  const kept = repositoryUrls(file, text);
  let updated = outside(text, kept, (part) =>
    part.replace(oldNames, (name, ...rest) => respell(name, rest.at(-3), rest.at(-2), rest.at(-1))),
  );
  let scanned = text;
  if (file === 'package.json') {
    const manifest = JSON.parse(updated);
    manifest.template = next;
    updated = `${JSON.stringify(manifest, null, 2)}\n`;
    // The record of the names is the kit's, whatever it looks like.
    scanned = JSON.stringify({ ...JSON.parse(text), template: undefined }, null, 2);
  }
  // The new names may occur nowhere but where the old ones are: elsewhere (`node:fs`, `npm test`)
  // this rename would make them look like the kit's, and the next one would change them too.
  const hide = (/** @type {string} */ match) => '\0'.repeat(match.length);
  const masked = outside(scanned, kept, (part) => part.replace(oldNames, hide), hide);
  for (const match of masked.matchAll(newNames)) {
    const name = match.groups?.scope || match.groups?.anchor ? `--scope @${next.scope}` : `--prefix ${next.prefix}`;
    const line = scanned.slice(0, match.index).split('\n').length;
    clashes.add(`  ${name}: ${file}:${line}: ${scanned.split('\n')[line - 1]?.trim().slice(0, 80)}`);
  }
  if (updated !== text) changed.set(file, updated);
}
if (clashes.size > 0) {
  const more = clashes.size > 5 ? `\n  … and ${clashes.size - 5} more lines` : '';
  fail(`a name this repository already uses in another sense, which a rename could not tell from the kit's:
${[...clashes].slice(0, 5).join('\n')}${more}`);
}

if (changed.size === 0) {
  console.log(`rename: nothing to change: the kit is already @${next.scope} / ${next.prefix}`);
  process.exit(0);
}
const dryRun = values['dry-run'];
console.log(
  `rename: @${current.scope} / ${current.prefix} → @${next.scope} / ${next.prefix}${dryRun ? ' (dry run)' : ''}`,
);
for (const file of changed.keys()) console.log(`  ${dryRun ? 'would change' : 'changed'} ${file}`);
if (dryRun) process.exit(0);
for (const [file, text] of changed) writeFileSync(join(root, file), text);
const formatted = formatFiles(root, [...changed.keys()]);
console.log(
  `\nNext: npm install (relinks the renamed workspace packages and rebuilds)${formatted ? '' : ', npm run format'}, then npm test.`,
);
