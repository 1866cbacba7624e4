// `npm run debug -- <name>`: builds packages/<name>'s addon with debug information (Cargo's dev
// profile: no optimisation, full symbols) into packages/<name>/binding/, where the package loads it,
// so a debugger stops at breakpoints in the pair's Rust code when Node calls it.
// `npm run build` puts the release build back.
//
// `npm run debug -- <name> --check` proves it works here: it runs Node under gdb in batch mode with a
// breakpoint on the pair's plain Rust function, makes the pair's smoke call (test/smoke.ts), and
// fails unless gdb stopped there, with that function on the stack below the napi-rs binding; then
// it puts the release build back.
// .vscode/launch.json has the same two sides for an editor: "Rust inside Node" (CodeLLDB) and
// "TypeScript" (Node's inspector).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine } from './lib/cli.mjs';

const HELP = `Usage: npm run debug -- <name> [--check] [--break <function>]

  <name>              a pair (packages/<name>, crates/<name>)
  --check             run the smoke call under gdb and check that it stops at the breakpoint
  --break <function>  the Rust function to stop at (default: debug-break in the crate's
                      [package.metadata.oxidize], a path inside the crate; else the pair's plain
                      function, <crate>::<function>::<function>, as \`npm run new\` lays it out)`;

const root = join(import.meta.dirname, '..');
const { values, positionals, fail, stop } = parseCommandLine('debug', HELP, {
  allowPositionals: true,
  options: { check: { type: 'boolean', default: false }, break: { type: 'string' } },
});
const [name] = positionals;
if (name === undefined || positionals.length > 1) fail('one pair name is required');
const manifest = join(root, 'crates', name, 'Cargo.toml');
if (!existsSync(manifest) || !existsSync(join(root, 'packages', name, 'package.json'))) {
  fail(`${name} is not a pair (no crates/${name}/Cargo.toml or packages/${name}/package.json)`);
}

// Before replacing the release build: without gdb, --check could not tell anything.
if (values.check && spawnSync('gdb', ['--version'], { stdio: 'ignore' }).error) {
  stop('gdb is not installed: install it (Debian, Ubuntu: apt-get install gdb; elsewhere your package manager)');
}

// Without --release, napi build uses Cargo's dev profile: debug information, no optimisation.
console.log(`== ${name}: napi build (dev profile) into packages/${name}/binding/`);
execFileSync(
  'npm',
  [
    'exec',
    '--',
    'napi',
    'build',
    '--platform',
    '--manifest-path',
    manifest,
    '--output-dir',
    'binding',
    '--js',
    'index.cjs',
    '--dts',
    'index.d.cts',
  ],
  { cwd: join(root, 'packages', name), stdio: 'inherit', shell: process.platform === 'win32' },
);
if (!values.check) {
  console.log(
    `\nDebug build in place. In VS Code: "Rust inside Node" (.vscode/launch.json); npm run build restores the release build.`,
  );
  process.exit(0);
}

// The breakpoint: the pair's plain Rust function, as `npm run new` names it (the smoke call reaches it),
// unless the crate names another one (a pair laid out otherwise, such as one written by hand).
const cargoToml = readFileSync(manifest, 'utf8');
const crate = /^name = "(.+)"$/m.exec(cargoToml)?.[1]?.replace(/-/g, '_');
const debugBreak = /^debug-break = "(.+)"$/m.exec(cargoToml)?.[1];
// The plain function is the module `x` whose `x.rs` defines `pub fn x(`.
const lib = readFileSync(join(root, 'crates', name, 'src', 'lib.rs'), 'utf8');
const module = [...lib.matchAll(/^pub mod (\w+);/gm)]
  .map((match) => match[1] ?? '')
  .find((candidate) => {
    const file = join(root, 'crates', name, 'src', `${candidate}.rs`);
    return existsSync(file) && new RegExp(`^pub fn ${candidate}\\(`, 'm').test(readFileSync(file, 'utf8'));
  });
if (values.break === undefined && debugBreak === undefined && module === undefined) {
  fail(`no module x in crates/${name}/src/lib.rs with its pub fn x: name the function with --break (or debug-break)`);
}
const target = values.break ?? (debugBreak ? `${crate}::${debugBreak}` : `${crate}::${module}::${module}`);
const pkg = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).name;
const smoke = pathToFileURL(join(root, 'packages', name, 'test', 'smoke.ts')).href;
const script = `const { smoke } = await import(${JSON.stringify(smoke)});
  const { default: api } = await import(${JSON.stringify(`${pkg}/native`)});
  console.log('smoke call returned', JSON.stringify(await smoke.probe(api)));`;

console.log(`\n== gdb: a breakpoint on ${target}, then the smoke call`);
const gdb = spawnSync(
  'gdb',
  [
    '-batch',
    '-nx',
    // The addon is loaded (dlopen) after Node starts: the breakpoint waits for it.
    '-ex',
    'set breakpoint pending on',
    '-ex',
    'set debuginfod enabled off',
    '-ex',
    'handle SIGUSR1 SIGUSR2 SIGPIPE nostop noprint',
    '-ex',
    `break ${target}`,
    '-ex',
    'run',
    '-ex',
    'bt 8',
    '-ex',
    'info args',
    '-ex',
    'kill',
    '--args',
    process.execPath,
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    script,
  ],
  { cwd: root, encoding: 'utf8', timeout: 120_000 },
);
// The benchmarks and everything else want the release build back, whatever gdb found.
console.log(`\n== ${name}: napi build --release, back in packages/${name}/binding/`);
execFileSync('npm', ['run', 'build:native', '--workspace', `packages/${name}`], {
  cwd: root,
  stdio: 'ignore',
  shell: process.platform === 'win32',
});
if (/** @type {{ code?: string } | undefined} */ (gdb.error)?.code === 'ETIMEDOUT') {
  stop('the smoke call under gdb did not finish in 120 s: does it hang without the debugger too?');
}
if (gdb.error) stop(`gdb could not run: ${gdb.error.message}`);
const output = `${gdb.stdout}${gdb.stderr}`;
console.log(
  output
    .split('\n')
    .filter((line) => /Breakpoint 1,|^#\d|^\w+ = /.test(line))
    .join('\n'),
);
// `Thread 1 "node" hit Breakpoint 1, oxidize_fuzzy::distance::distance (a=…) at crates/fuzzy/src/distance.rs:12`
const stopped = new RegExp(`Breakpoint 1, ${target}\\b.*\\) at \\S+\\.rs:\\d+`);
const problems = [
  stopped.test(output) ? '' : `gdb did not stop at ${target} (with its source file and line)`,
  /^#\d+ .* in .*napi/m.test(output) ? '' : 'the stack does not show the binding (oxidize_napi) below the function',
  output.includes('smoke call returned') ? 'the call ran to completion instead of stopping' : '',
].filter(Boolean);
if (problems.length > 0) {
  console.error(`\ndebug --check failed:\n  ${problems.join('\n  ')}\n\ngdb's output:\n${output}`);
  process.exit(1);
}
console.log(`\ndebug --check: gdb stopped in ${target} when Node called the pair`);
