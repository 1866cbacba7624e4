// `npm run test:new`: `npm run new` done to a copy of this repository outside it, once per shape,
// then what each generated pair promises: it builds, lints clean, passes its tests (cargo and vitest, against
// both implementations), runs its benchmark and publishes, all without an edit. Also checks that bad names
// and taken names are refused before anything changes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { copyRepository, ROOT, stepper } from './lib/copy-repo.mjs';
import { pairNames } from './lib/pairs.mjs';

// One pair per shape, one of them with a function name of its own: everything the templates name
// must follow it.
const PAIRS = [
  { name: 'demo-text', args: [], function: 'distance' },
  // A digit before a lower-case letter: napi-rs's own snake_case → camelCase would say luma8Bit.
  { name: 'demo-bytes', args: ['--shape', 'bytes', '--function', 'luma8bit'], function: 'luma8bit' },
];
// A pair the repository already has, whose name `new` must refuse (and its platform packages' names).
const [existing] = pairNames(ROOT);
const step = stepper();
step('copying the repository (tracked and new files, as a clone would have them)');
const copy = copyRepository('new');
// Registry crates compiled once are reused from this repository's target directory; the new
// crate is a package of its own, so nothing of ours is overwritten.
const env = { ...process.env, CARGO_TARGET_DIR: join(ROOT, 'target') };
const run = (/** @type {string} */ command, /** @type {string[]} */ args) =>
  // vitest and benny colour their output even when it is not a terminal.
  stripVTControlCharacters(
    execFileSync(command, args, { cwd: copy, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
  );

try {
  step('npm ci, as after cloning (offline, from the cache this repository filled)');
  run('npm', ['ci', '--offline', '--no-audit', '--no-fund']);

  step('bad and taken names are refused, and nothing changes');
  for (const args of [
    [],
    ['Demo'],
    ['9lives'],
    ['a--b'],
    [String(existing)],
    ['runtime'],
    [`${existing}-linux-x64-gnu`],
    [`${existing}-wasm32-wasi`],
    ['aux'],
    ['one', 'two'],
    ['-a'],
    ['ok', '--shape', 'json'],
    ['ok', '--function', 'Fuzzy'],
    ['ok', '--function', 'fuzzy_match'],
    ['ok', '--function', 'toHTML'],
    ['ok', '--function', 'matchAsync'],
    ['ok', '--function', 'version'],
    ['ok', '--shape', 'bytes', '--function', 'error'],
    // Found by the review of the shapes: reserved words, `then`, names and files of the templates.
    ['ok', '--function', 'gen'],
    ['ok', '--function', 'null'],
    ['ok', '--function', 'then'],
    ['ok', '--function', 'lib'],
    ['ok', '--function', 'backend'],
    ['ok', '--shape', 'bytes', '--function', 'allocate'],
    ['ok', '--shape', 'constructor'],
  ]) {
    const result = spawnSync(process.execPath, ['scripts/new.mjs', ...args], { cwd: copy, encoding: 'utf8' });
    assert.equal(result.status, 2, `new ${args.join(' ')} must fail`);
    assert.match(result.stderr, /^new: .*\n[\s\S]*\nUsage: /);
    assert.doesNotMatch(result.stderr, /^\s+at /m, `new ${args.join(' ')} printed a stack trace`);
  }
  const changes = () =>
    run('git', ['diff', '--name-only']) + run('git', ['ls-files', '--others', '--exclude-standard']);
  assert.equal(changes(), '', 'a refused new changed files');

  for (const pair of PAIRS) {
    step(`npm run new -- ${[pair.name, ...pair.args].join(' ')}`);
    const output = run('npm', ['run', '--silent', 'new', '--', pair.name, ...pair.args]);
    console.log(output);
    const generated = [`packages/${pair.name}`, `crates/${pair.name}`, `benches/${pair.name}`];
    const sweep = `benches/${pair.name}/sweep.bench.ts`;
    for (const file of [`crates/${pair.name}/src/lib.rs`, `packages/${pair.name}/src/index.ts`, sweep]) {
      assert.ok(existsSync(join(copy, file)), `${file} was not created`);
    }
    const manifest = JSON.parse(readFileSync(join(copy, 'packages', pair.name, 'package.json'), 'utf8'));
    assert.equal(manifest.name, `@oxidize/${pair.name}`);
    assert.equal(manifest.napi.binaryName, pair.name);
    assert.match(
      readFileSync(join(copy, 'crates', pair.name, 'Cargo.toml'), 'utf8'),
      new RegExp(`^name = "oxidize-${pair.name}"$`, 'm'),
    );
    run('git', ['add', '-A']);
    const placeholders = spawnSync('git', ['grep', '-n', '-E', '__[a-zA-Z_]+__', '--', ...generated], {
      cwd: copy,
      encoding: 'utf8',
    }).stdout;
    assert.equal(placeholders, '', `placeholders left in the generated files:\n${placeholders}`);
    // The list of places to replace names every file that holds the example.
    const listed = output.slice(output.indexOf('Every place'));
    for (const file of run('git', ['ls-files', ...generated])
      .trim()
      .split('\n')) {
      if (/src\/|test\/|bench/.test(file) && !/index\.ts$|helpers\.ts$|loader\.test\.ts$|tsconfig/.test(file)) {
        assert.ok(listed.includes(file), `the list of places to replace misses ${file}`);
      }
    }
    assert.ok(
      JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8')).packages[`packages/${pair.name}`],
      'the new package is in the npm workspace',
    );
  }

  step('npm run build: the new addons and packages compile');
  run('npm', ['run', 'build']);
  for (const { name } of PAIRS) {
    assert.ok(existsSync(join(copy, 'packages', name, 'binding', 'index.cjs')), 'no generated loader');
  }
  for (const pair of PAIRS) {
    const binding = readFileSync(join(copy, 'packages', pair.name, 'binding', 'index.d.cts'), 'utf8');
    assert.match(binding, new RegExp(`export declare function ${pair.function}\\(`), 'the sync export has the name');
    assert.match(
      binding,
      new RegExp(`export declare function ${pair.function}Async\\(`),
      'the async export has the name',
    );
  }

  step('npm run lint: the generated code is lint clean (biome, cargo fmt, clippy -D warnings)');
  run('npm', ['run', 'lint']);

  for (const { name } of PAIRS) {
    step(`cargo test -p oxidize-${name}: the plain Rust function's unit tests`);
    assert.match(run('cargo', ['test', '-p', `oxidize-${name}`]), /test result: ok\. [1-9]\d* passed/);

    step(`npm run build:test-addon: the panic-trigger build the panics test loads`);
    run('npm', ['run', 'build:test-addon', '--workspace', `packages/${name}`]);

    step(`vitest run packages/${name}/: the shared suite over both implementations, differential, loader, panics`);
    const tests = run(join('node_modules', '.bin', 'vitest'), ['run', `packages/${name}/`]);
    assert.match(tests, /Test Files\s+4 passed/);
    assert.match(tests, /Tests\s+\d+ passed/);

    step(`npm run bench:quick -- ${name}: the benny size sweep`);
    const bench = run('npm', ['run', 'bench:quick', '--', name]);
    assert.match(bench, /native \/ js/);
    console.log(bench.slice(bench.indexOf('┌')));
    const results = JSON.parse(readFileSync(join(copy, 'benches', name, 'results', 'quick', 'sweep.json'), 'utf8'));
    assert.equal(results.results.length, 12, 'four sizes × three ways');
    assert.ok(results.results.every((/** @type {{ opsPerSecond: number }} */ row) => row.opsPerSecond > 0));
  }

  const [gated] = PAIRS;
  const gateName = String(gated?.name);
  step(
    `the regression gate on ${gateName}'s sweep: a baseline from three quick runs, then it passes, then it catches a fall`,
  );
  run('npm', ['run', 'bench:quick', '--', gateName, '--baseline']);
  const baselineFile = join(copy, 'benches', gateName, 'baseline.json');
  const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
  assert.equal(Object.keys(baseline.ratios).length, 8, 'native / js and async / native at four sizes');
  assert.match(run('npm', ['run', 'bench:quick', '--', gateName]), /regression gate/);
  // Ratios an earlier run left behind, 100× too low, are cleared before the next run measures.
  const ratiosFile = join(copy, 'benches', gateName, 'results', 'quick', 'ratios.json');
  const stale = Object.fromEntries(Object.keys(baseline.ratios).map((name) => [name, 0.0001]));
  writeFileSync(ratiosFile, JSON.stringify({ ...stale, 'a ratio no suite measures any more': 0 }));
  assert.match(run('npm', ['run', 'bench:quick', '--', gateName]), /regression gate/);
  // A baseline 100× above what the pair does: every ratio has "fallen", and the gate must say so.
  const inflated = Object.fromEntries(
    Object.entries(baseline.ratios).map(([name, value]) => [name, Number(value) * 100]),
  );
  writeFileSync(baselineFile, JSON.stringify({ ...baseline, ratios: inflated }));
  const fallen = spawnSync('npm', ['run', 'bench:quick', '--', gateName], { cwd: copy, env, encoding: 'utf8' });
  assert.equal(fallen.status, 1, 'the gate passed ratios 100× below their baseline');
  assert.match(stripVTControlCharacters(fallen.stderr), /regression gate: 8 ratio\(s\) fell below their floor/);
  rmSync(baselineFile);

  for (const { name } of PAIRS) {
    step(`npm run debug -- ${name} --check: gdb stops in the pair's Rust function when Node calls it`);
    assert.match(run('npm', ['run', 'debug', '--', name, '--check']), /debug --check: gdb stopped in/);
  }

  step('npm run test:release: the new pairs publish and install like the existing ones (every installer and runtime)');
  const release = run('npm', ['run', 'test:release']);
  for (const { name } of PAIRS) {
    assert.match(release, new RegExp(`@oxidize/${name}: a platform package from an older release is detected`));
  }
  assert.match(release, /publish → install: all \d+ installs and the package checks passed/);

  step('new pair test passed');
} finally {
  rmSync(copy, { recursive: true, force: true });
}
