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
import { parseArgs } from 'node:util';
import { KIT_NAME, upperSnake, usage } from './lib/cli.mjs';

const HELP = `Usage: npm run rename -- --scope @<scope> --prefix <prefix> [--dry-run]

  --scope    the npm scope of every package, e.g. @acme  → @acme/blake3, @acme/blake3-linux-x64-gnu
  --prefix   the short name of the kit, e.g. acme       → Cargo package acme-blake3, ACME_BLAKE3_IMPL,
             the root package name and the docs
  --dry-run  print what would change, change nothing

A scope is lower case: letters, digits, '-', '.', '_' or '~' after the '@'. A prefix is lower case
letters, digits and single hyphens, starting with a letter (it must make a valid npm name, Cargo
package name, Rust identifier and environment variable).`;

const { values } = parseArgs({
  options: {
    scope: { type: 'string' },
    prefix: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
/** @type {(message: string) => never} */
const fail = usage('rename', HELP, values.help);
const scope = values.scope?.replace(/^@/, '');
const prefix = values.prefix;
if (scope === undefined || prefix === undefined) fail('both --scope and --prefix are required');
if (!/^[a-z0-9][a-z0-9._~-]{0,100}$/.test(scope)) fail(`"${values.scope}" is not a valid npm scope`);
if (!KIT_NAME.test(prefix)) fail(`"${prefix}" is not a valid prefix`);

const root = join(import.meta.dirname, '..');
const manifestPath = join(root, 'package.json');
const current = JSON.parse(readFileSync(manifestPath, 'utf8')).template;
if (current?.scope === undefined || current?.prefix === undefined)
  fail('package.json has no "template" names to rename from');

const snake = (/** @type {string} */ name) => name.replace(/-/g, '_');
const capital = (/** @type {string} */ name) => name[0]?.toUpperCase() + name.slice(1);
// Most specific first: the scope, environment variables, Rust identifiers, then the word itself.
const replacements = /** @type {[string, string][]} */ ([
  [`@${current.scope}/`, `@${scope}/`],
  [`${upperSnake(current.prefix)}_`, `${upperSnake(prefix)}_`],
  [`${snake(current.prefix)}_`, `${snake(prefix)}_`],
  [current.prefix, prefix],
  [capital(current.prefix), capital(prefix)],
]).filter(([from, to]) => from !== to);

const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
const changed = [];
for (const file of files) {
  const path = join(root, file);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    continue; // deleted in the work tree
  }
  if (text.includes('\0')) continue; // binary
  let updated = text;
  for (const [from, to] of replacements) updated = updated.split(from).join(to);
  if (file === 'package.json') {
    const manifest = JSON.parse(updated);
    manifest.template = { scope, prefix };
    updated = `${JSON.stringify(manifest, null, 2)}\n`;
  }
  if (updated !== text) {
    changed.push(file);
    if (!values['dry-run']) writeFileSync(path, updated);
  }
}
if (changed.length === 0) {
  console.log(`rename: nothing to change: the kit is already @${scope} / ${prefix}`);
} else {
  console.log(
    `rename: @${current.scope} / ${current.prefix} → @${scope} / ${prefix}${values['dry-run'] ? ' (dry run)' : ''}`,
  );
  for (const file of changed) console.log(`  ${values['dry-run'] ? 'would change' : 'changed'} ${file}`);
  if (!values['dry-run']) {
    // New names sort and wrap differently (imports are ordered alphabetically, lines have a
    // maximum width), so the formatters put the code back into the shape lint expects.
    // Biome's launcher is started with node: npm's .bin shims are not executables on Windows.
    const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
    for (const [command, args] of /** @type {[string, string[]][]} */ ([
      [process.execPath, [biome, 'check', '--write']],
      ['cargo', ['fmt', '--all']],
    ])) {
      try {
        execFileSync(command, args, { cwd: root, stdio: 'ignore' });
      } catch {
        console.log(`  (could not run ${command} ${args.join(' ')}: run npm install, then npm run format)`);
      }
    }
    console.log('\nNext: npm install (relinks the renamed workspace packages and rebuilds), then npm test.');
  }
}
