// Scaffolds a new native/JS pair: crates/<name> (the Rust addon) and packages/<name> (the published
// TypeScript package), plus benches/<name>/ (its size sweep), wired into the Cargo and npm workspaces and the
// TypeScript build. Its example function, in the shape of the user's (text in, a value out; bytes in,
// bytes out), builds, passes its tests and runs its benchmark as generated; replace it with yours.
//
//   npm run new -- <name> [--shape text|bytes] [--function <name>] [--dry-run]
//
// templates/pair/ holds what every pair has; templates/shapes/<shape>/ the example function and
// everything that names it. The shared logic (choosing native or JS, the fallback warning, the
// environment override, the addon loader's errors, the test harness, the Rust layer) is not
// copied: the pair depends on packages/runtime, crates/napi, and its tests on packages/testkit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { formatFiles, implVariable, pairNameProblem, parseCommandLine } from './lib/cli.mjs';

/** The shapes users bring, each an example function that fits it. */
const SHAPES = {
  text: {
    function: 'distance',
    example: 'an edit distance',
    summary: 'text in, a value out: (a: string, b: string) => number, an edit distance',
    description: 'Edit distance for Node.js: a Rust (napi-rs) addon with a pure-TypeScript fallback, one API',
    keywords: ['levenshtein', 'edit-distance', 'napi-rs', 'rust', 'native'],
  },
  bytes: {
    function: 'grayscale',
    example: 'the greyscale of RGBA pixels',
    summary: 'bytes in, bytes out: (rgba: Uint8Array, output?: Uint8Array) => Uint8Array, greyscale pixels',
    description:
      'Greyscale of RGBA pixels for Node.js: a Rust (napi-rs) addon with a pure-TypeScript fallback, one API',
    keywords: ['grayscale', 'image', 'napi-rs', 'rust', 'native'],
  },
};

// Words JavaScript (strict mode and modules) or Rust (2024, reserved ones included) keep, and
// `then`: a module exporting it becomes thenable, and `await import()` of the package breaks.
const RESERVED = new Set(
  [
    'arguments await break case catch class const continue debugger default delete do else enum eval export',
    'extends false finally for function if implements import in instanceof interface let new null package',
    'private protected public return static super switch this throw true try typeof var void while with',
    'yield then constructor prototype',
    'abstract as async become box crate dyn fn gen impl loop macro match mod move mut override priv pub ref',
    'self struct trait type typeof unsafe unsized use virtual where',
  ]
    .join(' ')
    .split(' '),
);

/**
 * The names the templates already use, which the function's name must not take (or its file name,
 * or its module): every identifier the template code declares or imports, and every file stem.
 * Read from the templates themselves, so that a name added to them is refused from then on.
 */
function takenNames(/** @type {string[]} */ dirs) {
  const taken = new Set(['version', 'implementation', 'main', 'lib', 'mod', 'build']);
  const declared =
    /\b(?:function|const|let|class|interface|type|fn|mod|struct|enum|trait)\s+([A-Za-z_]\w*)|\bimport\s+(?:type\s+)?\{([^}]*)\}|\buse\s+[\w:]+::\{([^}]*)\}|\buse\s+[\w:]+::(\w+);/g;
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      taken.add(file.split('/').at(-1)?.split('.')[0] ?? '');
      for (const match of readFileSync(join(dir, file), 'utf8').matchAll(declared)) {
        for (const list of match.slice(1)) {
          for (const name of (list ?? '').split(',')) {
            const identifier = name.replace(/\btype\b|\bas\b.*|\bself\b/g, '').trim();
            if (/^[A-Za-z_]\w*$/.test(identifier) && !identifier.startsWith('__')) taken.add(identifier);
          }
        }
      }
    }
  }
  return taken;
}

/** Why `name` cannot be the example function's name, or undefined when it can. */
function functionNameProblem(/** @type {string} */ name, /** @type {Set<string>} */ taken) {
  // camelCase, each capital followed by a lower-case letter or digit; the bindings give napi-rs the
  // JS name explicitly (js_name), so digits and case need no round trip through snake_case.
  if (!/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)*$/.test(name)) return 'camelCase letters and digits, e.g. fuzzyMatch';
  if (name.endsWith('Async')) return 'the async twin gets the name <name>Async: give the plain name';
  const snake = name.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`);
  if (RESERVED.has(name) || RESERVED.has(snake)) return 'a word JavaScript or Rust reserves';
  if (taken.has(name) || taken.has(snake))
    return 'a name the generated code already uses (an import, a file, a module)';
}

const HELP = `Usage: npm run new -- <name> [--shape text|bytes] [--function <name>] [--dry-run]

  <name>             the pair's name: lower case letters, digits and single hyphens, starting with a
                     letter, e.g. fuzzy-match. It names everything: packages/<name> (@<scope>/<name>),
                     crates/<name> (Cargo package <prefix>-<name>), the addon <name>.<platform>.node,
                     the environment variable <PREFIX>_<NAME>_IMPL and benches/<name>/.
                     Not a reserved file name on Windows (aux, con, nul, com1, ...), nor a platform
                     package's (<pair>-linux-x64-gnu, <pair>-wasm32-wasi).
  --shape <shape>    the example to start from, in the shape of your function (default: text):
${Object.entries(SHAPES)
  .map(([shape, { summary }]) => `                       ${shape.padEnd(6)} ${summary}`)
  .join('\n')}
  --function <name>  the function's name, camelCase (default: the example's, distance or grayscale):
                     the sync export <name>, the async one <name>Async, the Rust fn in snake_case
  --dry-run          print what would be created, create nothing

Then: npm run build, npm test, npm run bench -- <name>.`;

const cli = parseCommandLine('new', HELP, {
  allowPositionals: true,
  options: {
    shape: { type: 'string', default: 'text' },
    function: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const { values, positionals } = cli;
// Declared with its type, so that TypeScript knows that nothing runs after a call to it.
/** @type {(message: string) => never} */
const fail = cli.fail;

const root = join(import.meta.dirname, '..');
const [name, ...extra] = positionals;
if (name === undefined) fail('a name is required');
if (extra.length > 0) fail(`one name only, got ${positionals.join(' ')}`);
const problem = pairNameProblem(name);
if (problem !== undefined) fail(`"${name}" is not a valid pair name: ${problem}`);
// The shared packages live beside the pairs; a pair with their name would take their place.
if (['runtime', 'testkit', 'napi'].includes(name)) fail(`"${name}" is the name of a shared package`);
if (!Object.hasOwn(SHAPES, values.shape)) {
  fail(`--shape must be one of ${Object.keys(SHAPES).join(', ')}, got "${values.shape}"`);
}
const shape = SHAPES[/** @type {keyof typeof SHAPES} */ (values.shape)];
const functionName = values.function ?? shape.function;
const functionProblem = functionNameProblem(
  functionName,
  takenNames([join(root, 'templates', 'pair'), join(root, 'templates', 'shapes', values.shape)]),
);
if (functionProblem !== undefined) fail(`"${functionName}" is not a valid function name: ${functionProblem}`);
for (const taken of [join('packages', name), join('crates', name), join('benches', name), join('examples', name)]) {
  if (existsSync(join(root, taken))) fail(`${taken} already exists`);
}

const { template } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const runtime = JSON.parse(readFileSync(join(root, 'packages', 'runtime', 'package.json'), 'utf8'));
/** @type {[string, string][]} */
const placeholders = [
  ['__scope__', template.scope],
  ['__crate__', `${template.prefix}-${name}`],
  ['__ENV_VAR__', implVariable(name)],
  ['__runtime_version__', runtime.version],
  // The GitHub repository npm provenance checks (README: First-time setup): the same as the runtime's.
  [
    '__repository_url__',
    (typeof runtime.repository === 'string' ? runtime.repository : runtime.repository?.url) ??
      'git+https://github.com/OWNER/REPO.git',
  ],
  ['__name__', name],
  ['__function_snake__', functionName.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`)],
  ['__Function__', functionName[0]?.toUpperCase() + functionName.slice(1)],
  ['__function__', functionName],
  ['__description__', shape.description],
  ['__keywords__', JSON.stringify(shape.keywords)],
];
const fill = (/** @type {string} */ text) => placeholders.reduce((out, [from, to]) => out.split(from).join(to), text);

/** @returns {string[]} every file under `dir`, relative to it */
function walk(/** @type {string} */ dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

// What every pair has, then the shape's example function and everything that names it.
const common = join(root, 'templates', 'pair');
const example = join(root, 'templates', 'shapes', /** @type {string} */ (values.shape));
/** @type {[string, string][]} [template folder, file in it] */
const sources = [
  ...walk(common).map((file) => /** @type {[string, string]} */ ([common, file])),
  ...walk(example).map((file) => /** @type {[string, string]} */ ([example, file])),
].sort((a, b) => a[1].localeCompare(b[1]));
const targets = sources.map(([, file]) => fill(file));
const created = [...targets];
for (const [dir, file] of values['dry-run'] ? [] : sources) {
  mkdirSync(dirname(join(root, fill(file))), { recursive: true });
  writeFileSync(join(root, fill(file)), fill(readFileSync(join(dir, file), 'utf8')));
}

/** Adds project references to a tsconfig.json (the build orders projects by them, not by the list). */
function addReferences(/** @type {string} */ file, /** @type {string[]} */ paths) {
  const config = JSON.parse(readFileSync(join(root, file), 'utf8'));
  const references = /** @type {{ path: string }[]} */ (config.references ?? []);
  for (const path of paths) {
    if (!references.some((reference) => reference.path === path)) references.push({ path });
  }
  config.references = references;
  if (!values['dry-run']) writeFileSync(join(root, file), `${JSON.stringify(config, null, 2)}\n`);
  created.push(`${file} (references ${paths.join(', ')})`);
}
// The root build compiles the new package and type-checks its tests and its benches.
addReferences('tsconfig.json', [`packages/${name}`, `packages/${name}/test`, `benches/${name}`]);

console.log(`new: ${values['dry-run'] ? 'would create' : 'created'} the pair "${name}"`);
for (const file of created) console.log(`  ${file}`);
if (values['dry-run']) process.exit(0);

// The templates are not linted (placeholders sort and wrap differently from the names that replace
// them), so the generated files, and the references added above, get the formatting lint expects.
const formatted = formatFiles(root, [...targets, 'tsconfig.json']);

// Links the new workspace package and records it in package-lock.json; Cargo.lock follows at
// the first build. Scripts are skipped: the build is the next step, and the user's to run.
try {
  execFileSync(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' },
  );
} catch {
  // The files are all written; only the link is missing. Running `new` again would refuse the
  // name that now exists, so say what finishes the job instead.
  console.error(`\nnew: the pair is in place, but npm install failed (see above). Run npm install to link it.`);
  process.exit(1);
}
console.log(`
Next:${formatted ? '' : '\n  npm run format                     formats the new files (Biome, cargo fmt)'}
  npm run build                      compiles crates/${name} and packages/${name}
  npm test                           lint, cargo test and every suite, including the new pair's
  npm run bench -- ${name}${' '.repeat(Math.max(1, 18 - name.length))}the size sweep: where native wins, and where JS does

Then make ${functionName} yours: it computes ${shape.example} (${shape.summary.split(':')[0]}) until you
replace it. Every place that holds the example:
${[...walk(example), join('packages', '__name__', 'package.json')]
  .map(fill)
  .sort()
  .map((file) => `  ${file}${file.endsWith('package.json') ? ' (description, keywords)' : ''}`)
  .join('\n')}
TypeScript checks the tests' calls (smoke.ts, panics.test.ts) against the API: after you change
src/api.ts, npm run build names every call left to update.`);
