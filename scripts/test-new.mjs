// `npm run test:new`: `npm run new` done to a copy of this repository outside it, then what the
// generated pair promises: it builds, lints clean, passes its tests (cargo and vitest, against
// both implementations), runs its benchmark and publishes, all without an edit. Also checks that bad names
// and taken names are refused before anything changes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { copyRepository, ROOT, stepper } from './lib/copy-repo.mjs';

const NAME = 'demo-pair';
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
    ['blake3'],
    ['runtime'],
    ['blake3-linux-x64-gnu'],
    ['blake3-wasm32-wasi'],
    ['aux'],
    ['one', 'two'],
    ['-a'],
  ]) {
    const result = spawnSync(process.execPath, ['scripts/new.mjs', ...args], { cwd: copy, encoding: 'utf8' });
    assert.equal(result.status, 2, `new ${args.join(' ')} must fail`);
    assert.match(result.stderr, /^new: .*\n[\s\S]*\nUsage: /);
    assert.doesNotMatch(result.stderr, /^\s+at /m, `new ${args.join(' ')} printed a stack trace`);
  }
  const changes = () =>
    run('git', ['diff', '--name-only']) + run('git', ['ls-files', '--others', '--exclude-standard']);
  assert.equal(changes(), '', 'a refused new changed files');

  step(`npm run new -- ${NAME}`);
  console.log(run('npm', ['run', '--silent', 'new', '--', NAME]));
  for (const file of [`crates/${NAME}/src/lib.rs`, `packages/${NAME}/src/index.ts`, `benches/${NAME}.bench.ts`]) {
    assert.ok(existsSync(join(copy, file)), `${file} was not created`);
  }
  const manifest = JSON.parse(readFileSync(join(copy, 'packages', NAME, 'package.json'), 'utf8'));
  assert.equal(manifest.name, `@oxidize/${NAME}`);
  assert.equal(manifest.napi.binaryName, NAME);
  assert.match(readFileSync(join(copy, 'crates', NAME, 'Cargo.toml'), 'utf8'), /^name = "oxidize-demo-pair"$/m);
  run('git', ['add', '-A']);
  const generated = [`packages/${NAME}`, `crates/${NAME}`, `benches/${NAME}.bench.ts`];
  const placeholders = spawnSync('git', ['grep', '-n', '-E', '__[a-zA-Z_]+__', '--', ...generated], {
    cwd: copy,
    encoding: 'utf8',
  }).stdout;
  assert.equal(placeholders, '', `placeholders left in the generated files:\n${placeholders}`);
  assert.ok(
    JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8')).packages[`packages/${NAME}`],
    'the new package is in the npm workspace',
  );

  step('npm run build: the new addon and package compile');
  run('npm', ['run', 'build']);
  assert.ok(existsSync(join(copy, 'packages', NAME, 'binding', 'index.cjs')), 'no generated loader');

  step('npm run lint: the generated code is lint clean (biome, cargo fmt, clippy -D warnings)');
  run('npm', ['run', 'lint']);

  step(`cargo test -p oxidize-${NAME}: the plain Rust function's unit tests`);
  assert.match(run('cargo', ['test', '-p', `oxidize-${NAME}`]), /test result: ok\. [1-9]\d* passed/);

  step('npm run build:test-addon: the panic-trigger build the panics test loads');
  run('npm', ['run', 'build:test-addon', '--workspace', `packages/${NAME}`]);

  step(`vitest run packages/${NAME}/: the shared suite over both implementations, differential, loader, panics`);
  const tests = run(join('node_modules', '.bin', 'vitest'), ['run', `packages/${NAME}/`]);
  assert.match(tests, /Test Files\s+4 passed/);
  assert.match(tests, /Tests\s+\d+ passed/);

  step(`npm run bench:quick -- ${NAME}: the benny size sweep`);
  const bench = run('npm', ['run', 'bench:quick', '--', NAME]);
  assert.match(bench, /native \/ js/);
  console.log(bench.slice(bench.indexOf('┌')));
  const results = JSON.parse(readFileSync(join(copy, 'benches', 'results', 'quick', `${NAME}.json`), 'utf8'));
  assert.equal(results.results.length, 12, 'four lengths × three ways');
  assert.ok(results.results.every((/** @type {{ opsPerSecond: number }} */ row) => row.opsPerSecond > 0));

  step('npm run test:release: the new pair publishes and installs like blake3 (native, fallback, ESM, CJS, TS)');
  const release = run('npm', ['run', 'test:release']);
  assert.match(release, new RegExp(`@oxidize/${NAME}: 4\\. a platform package from an older release is detected`));
  assert.match(release, /all checks passed/);

  step('new pair test passed');
} finally {
  rmSync(copy, { recursive: true, force: true });
}
