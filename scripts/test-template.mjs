// `npm run test:template`: what a team does first with the template, done to a copy of this
// repository outside it: rename the kit, check that no old name is left, then install, build and
// run the copy's whole test suite. Also checks that bad names are refused before anything changes,
// that a scope containing the prefix is renamed once, and that a second rename with the same names
// changes nothing.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { copyRepository, ROOT, stepper } from './lib/copy-repo.mjs';
import { pairNames } from './lib/pairs.mjs';

// A pair of the repository, whose names the rename must change.
const [PAIR] = pairNames(ROOT);
const step = stepper();
// The names the copy gets, written as the rename's arguments: anywhere else in the repository they
// would be a use of them, and the rename refuses names the repository already uses.
const RENAME = ['--scope', '@acme-test', '--prefix', 'acmetest'];
const [SCOPE, PREFIX] = [RENAME[1]?.slice(1), RENAME[3]];
step('copying the repository (tracked and new files, as a clone would have them)');
const copy = copyRepository('template');
// Registry crates compiled once are reused from this repository's target directory; the renamed
// crate itself is a different package, so nothing of ours is overwritten.
const env = { ...process.env, CARGO_TARGET_DIR: join(ROOT, 'target') };
const run = (/** @type {string} */ command, /** @type {string[]} */ args) =>
  execFileSync(command, args, { cwd: copy, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

try {
  step('npm ci, as after cloning (offline, from the cache this repository filled)');
  run('npm', ['ci', '--offline', '--no-audit', '--no-fund']);

  step('bad names are refused, with the usage, and nothing changes');
  for (const args of [
    ['--scope', '@Acme', '--prefix', 'acme'],
    ['--scope', '@acme', '--prefix', '9lives'],
    ['--scope', '@acme'],
    ['--scope', '@acme', '--prefix', 'aux'],
    ['--scope', '@acme', '--prefix', 'node'], // node:fs, node_modules
    ['--scope', '@types', '--prefix', 'acme'], // @types/node
    ['--scope', '@acme', '--prefix', 'acme', '--bogus'],
  ]) {
    const result = spawnSync(process.execPath, ['scripts/rename.mjs', ...args], { cwd: copy, encoding: 'utf8' });
    assert.equal(result.status, 2, `rename ${args.join(' ')} must fail`);
    assert.match(result.stderr, /^rename: .*\n[\s\S]*\nUsage: /);
    assert.doesNotMatch(result.stderr, /^\s+at /m, `rename ${args.join(' ')} printed a stack trace`);
  }
  assert.equal(run('git', ['diff', '--name-only']), '', 'a refused rename changed files');

  // A scope that contains the prefix: the prefix must not be replaced again inside the new scope.
  const { template } = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
  const [labs, short] = [`${template.prefix}-labs`, template.prefix.slice(0, 2)];
  step(`npm run rename -- --scope @${labs} --prefix ${short}`);
  run(process.execPath, ['scripts/rename.mjs', '--scope', `@${labs}`, '--prefix', short]);
  const pairName = () => JSON.parse(readFileSync(join(copy, 'packages', String(PAIR), 'package.json'), 'utf8')).name;
  assert.equal(pairName(), `@${labs}/${PAIR}`);

  step(`npm run rename -- ${RENAME.join(' ')}`);
  console.log(run('npm', ['run', '--silent', 'rename', '--', ...RENAME]));
  const leftovers = spawnSync('git', ['grep', '-n', '-i', '-E', `${template.prefix}|\\b${short}[-_]`], {
    cwd: copy,
    encoding: 'utf8',
  }).stdout;
  assert.equal(leftovers, '', `old names left:\n${leftovers}`);
  assert.equal(pairName(), `@${SCOPE}/${PAIR}`);
  assert.match(
    readFileSync(join(copy, 'crates', String(PAIR), 'Cargo.toml'), 'utf8'),
    new RegExp(`^name = "${PREFIX}-${PAIR}"$`, 'm'),
  );
  assert.match(run(process.execPath, ['scripts/rename.mjs', ...RENAME]), /nothing to change/);

  step("npm install (relinks the renamed packages, rebuilds) and the copy's npm test");
  run('npm', ['install', '--offline', '--no-audit', '--no-fund']);
  // vitest colours its summary even when its output is not a terminal.
  const out = stripVTControlCharacters(run('npm', ['test']));
  assert.match(out, /Tests\s+\d+ passed/);
  // Every pair's package loads its native build under the new names.
  for (const pair of pairNames(copy)) {
    const script = `const m = await import('@${SCOPE}/${pair}'); console.log(m.implementation)`;
    assert.equal(run(process.execPath, ['--input-type=module', '-e', script]).trim(), 'native', pair);
  }
  step('template test passed');
} finally {
  rmSync(copy, { recursive: true, force: true });
}
