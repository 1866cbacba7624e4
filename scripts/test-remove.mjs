// `npm run test:remove`: what a team does once its own function is in, done to copies of this
// repository outside it: add a pair with `npm run new`, take out the one the kit ships with
// `npm run remove`, then install, test, benchmark and release what is left, and check that the
// removed pair is not mentioned anywhere (`git grep -i`). Twice: as cloned, and after
// `npm run rename` (the kit's names change, the pair's stay). Also checks what `remove` refuses,
// that --dry-run changes nothing, and that a rename after the removal works too.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { copyRepository, ROOT, stepper } from './lib/copy-repo.mjs';
import { pairNames } from './lib/pairs.mjs';

// The pair the kit ships (the first, if there are several): the one a team removes.
const [SHIPPED] = pairNames(ROOT);
const PAIR = String(SHIPPED);
// The team's own pair (a name no pair has yet), and the names a rename gives the kit (written as
// the rename's arguments).
const OWN = ['mine', 'own-pair', 'own-pair-2'].find((name) => !existsSync(join(ROOT, 'packages', name)));
const RENAME = ['--scope', '@acme-rm', '--prefix', 'acmerm'];
const step = stepper();

/** A copy of the repository, with the commands the scenarios run in it. */
function scenario(/** @type {string} */ label) {
  const copy = copyRepository(label);
  // Registry crates compiled once are reused from this repository's target directory; the pairs
  // of the copy are packages of their own, so nothing of ours is overwritten.
  const env = { ...process.env, CARGO_TARGET_DIR: join(ROOT, 'target') };
  const run = (/** @type {string} */ command, /** @type {string[]} */ args) =>
    stripVTControlCharacters(
      execFileSync(command, args, { cwd: copy, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
    );
  const refused = (/** @type {string[]} */ args, /** @type {RegExp} */ why) => {
    const result = spawnSync(process.execPath, ['scripts/remove.mjs', ...args], { cwd: copy, encoding: 'utf8' });
    assert.equal(result.status, 2, `remove ${args.join(' ')} must fail`);
    assert.match(result.stderr, why, `remove ${args.join(' ')}`);
    assert.doesNotMatch(result.stderr, /^\s+at /m, `remove ${args.join(' ')} printed a stack trace`);
  };
  /** Commits everything in the copy, so that `git status` shows what the next commands change. */
  const commit = (/** @type {string} */ message) => {
    run('git', ['add', '-A']);
    run('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', 'commit', '-q', '-m', message]);
  };
  commit('as cloned');
  /** Every change to the copy since: modified, deleted and new files. */
  const changes = () => run('git', ['status', '--porcelain']);
  /** Lines of tracked and new files that name the removed pair, as `git grep -i` finds them. */
  const mentions = () => {
    run('git', ['add', '-A']);
    return spawnSync('git', ['grep', '-n', '-i', PAIR], { cwd: copy, encoding: 'utf8' }).stdout;
  };
  /**
   * The lines naming the pair that are not the pair's: outside its folders, its marked doc sections,
   * the paths into its folders and the lockfiles (a kit whose docs use the pair's name as an example
   * name has some). `remove`
   * must leave these as they are, and take out every other mention.
   */
  const foreignMentions = () => {
    run('git', ['add', '-A']);
    const listed = spawnSync('git', ['grep', '-l', '-i', PAIR], { cwd: copy, encoding: 'utf8' }).stdout;
    const pairPath = new RegExp(`(crates|packages|benches|examples)/${PAIR}([/"'\\s]|$)`);
    const ownedByPair = (/** @type {string} */ file) =>
      ['crates', 'packages', 'benches', 'examples'].some((top) => file.startsWith(`${top}/${PAIR}/`)) ||
      /(^|\/)(package-lock\.json|Cargo\.lock)$/.test(file);
    return listed
      .split('\n')
      .filter((file) => file !== '' && !ownedByPair(file))
      .flatMap((file) => {
        let inside = false;
        return readFileSync(join(copy, file), 'utf8')
          .split('\n')
          .filter((line) => {
            if (line.trim() === `<!-- pair:${PAIR} -->`) inside = true;
            else if (line.trim() === `<!-- /pair:${PAIR} -->`) inside = false;
            // A path into its folders (a tsconfig reference, a root script) is the pair's too.
            else return !inside && line.toLowerCase().includes(PAIR.toLowerCase()) && !pairPath.test(line);
            return false;
          })
          .map((line) => `${file}: ${line}`);
      })
      .sort();
  };
  return { copy, run, commit, refused, changes, mentions, foreignMentions };
}

/** new, then remove; checks what each leaves. */
function newThenRemove(/** @type {ReturnType<typeof scenario>} */ scene) {
  const { copy, run, refused, changes, mentions, foreignMentions } = scene;
  step(`npm run new -- ${OWN}`);
  run('npm', ['run', '--silent', 'new', '--', String(OWN)]);
  run('git', ['add', '-A']);
  const before = changes();
  const foreign = foreignMentions();

  step(`npm run remove -- ${PAIR} --dry-run changes nothing`);
  const dryRun = run(process.execPath, ['scripts/remove.mjs', PAIR, '--dry-run']);
  assert.match(dryRun, new RegExp(`would remove the pair "${PAIR}"`));
  if (readFileSync(join(copy, 'README.md'), 'utf8').includes(`<!-- pair:${PAIR} -->`)) {
    assert.match(dryRun, /README\.md: remove \d+ sections? marked/);
  }
  assert.match(dryRun, new RegExp(`remove crates/${PAIR}/`));
  assert.equal(changes(), before, '--dry-run changed files');

  step(`npm run remove -- ${PAIR}`);
  const output = run('npm', ['run', '--silent', 'remove', '--', PAIR]);
  console.log(output);
  for (const folder of ['crates', 'packages', 'benches', 'examples']) {
    assert.ok(!existsSync(join(copy, folder, PAIR)), `${folder}/${PAIR} is still there`);
  }
  assert.ok(existsSync(join(copy, 'packages', String(OWN), 'package.json')), 'the own pair went too');
  // For the pair the kit ships, nothing at all is left: `git grep -i` finds nothing.
  if (foreign.length === 0) {
    assert.doesNotMatch(output, /Still mentioning/, 'remove found mentions it could not take out');
    const left = mentions();
    assert.equal(left, '', `"${PAIR}" is still mentioned:\n${left}`);
  }
  assert.deepEqual(foreignMentions(), foreign, 'remove left mentions of the pair, or took out some that are not its');
  const lock = JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8'));
  assert.ok(!Object.keys(lock.packages).some((key) => key.includes(PAIR)), 'package-lock.json still has the pair');
  assert.doesNotMatch(readFileSync(join(copy, 'Cargo.lock'), 'utf8'), new RegExp(PAIR), 'Cargo.lock still has it');

  step(`the last pair is refused: remove -- ${OWN}`);
  refused([String(OWN)], new RegExp(`"${OWN}" is the last pair`));
}

/** What must work in what is left: install, the whole test suite, the benchmarks, the release. */
function whatIsLeftWorks(/** @type {ReturnType<typeof scenario>} */ { run }, /** @type {string} */ scope) {
  step('npm install, as after pulling the change');
  run('npm', ['install', '--offline', '--no-audit', '--no-fund']);

  step('npm test: build, lint, cargo test, vitest');
  const tests = run('npm', ['test']);
  assert.match(tests, /Tests\s+\d+ passed/);
  assert.match(tests, new RegExp(`packages/${OWN}/test/`), 'the own pair was tested');

  step('npm run bench:quick: every suite that is left');
  const bench = run('npm', ['run', 'bench:quick']);
  assert.match(bench, new RegExp(`=== ${OWN}/sweep`));
  assert.match(bench, /native \/ js/);
  assert.match(bench, /benchmarks done/);

  step('npm run test:release: what is left publishes and installs everywhere');
  const release = run('npm', ['run', 'test:release']);
  assert.match(release, new RegExp(`@${scope}/${OWN}: a platform package from an older release is detected`));
  assert.doesNotMatch(release, new RegExp(PAIR));
  assert.match(release, /publish → install: all \d+ installs and the package checks passed/);
}

const copies = [];
try {
  step('as cloned: new, remove, then everything that is left');
  const plain = scenario('remove');
  copies.push(plain.copy);
  step('npm ci, as after cloning (offline, from the cache this repository filled)');
  plain.run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts']);

  step('refused, with the usage, changing nothing: not a pair, a shared package, the last pair');
  plain.refused([], /^remove: the name of the pair to remove is required/);
  plain.refused(['no-such-pair'], /is not a pair/);
  for (const shared of ['runtime', 'testkit', 'napi']) plain.refused([shared], /is not a pair/);
  plain.refused([PAIR, 'other'], /one name only/);
  plain.refused([PAIR, '--bogus'], /Unknown option/);
  const pairs = pairNames(plain.copy);
  if (pairs.length === 1) plain.refused([PAIR], new RegExp(`"${PAIR}" is the last pair`));
  assert.equal(plain.changes(), '', 'a refused remove changed files');
  assert.match(plain.run(process.execPath, ['scripts/remove.mjs', '--help']), /^Usage: npm run remove/);

  step('a broken marker or a tsconfig.json it cannot parse stops it before anything changes');
  plain.run('npm', ['run', '--silent', 'new', '--', 'scratch-pair']);
  plain.commit('scratch');
  const docs = join(plain.copy, 'docs', 'scratch.md');
  writeFileSync(docs, '# x\n\n<!-- pair:scratch-pair -->\nabout it\n');
  const unclosed = spawnSync(process.execPath, ['scripts/remove.mjs', 'scratch-pair'], {
    cwd: plain.copy,
    encoding: 'utf8',
  });
  assert.equal(unclosed.status, 1);
  assert.match(
    unclosed.stderr,
    /docs\/scratch\.md:3: <!-- pair:scratch-pair --> without its end[\s\S]*Nothing was changed/,
  );
  rmSync(docs);
  const tsconfig = join(plain.copy, 'tsconfig.json');
  const plainConfig = readFileSync(tsconfig, 'utf8');
  writeFileSync(tsconfig, `// the root build\n${plainConfig}`);
  const comment = spawnSync(process.execPath, ['scripts/remove.mjs', 'scratch-pair'], {
    cwd: plain.copy,
    encoding: 'utf8',
  });
  assert.equal(comment.status, 1);
  assert.match(comment.stderr, /tsconfig\.json is not plain JSON[\s\S]*Nothing was changed/);
  writeFileSync(tsconfig, plainConfig);
  assert.equal(plain.changes(), '', 'a stopped remove changed files');

  step('a package that depends on the pair stops it; a script that also runs other files is kept');
  const testkitManifest = join(plain.copy, 'packages', 'testkit', 'package.json');
  const testkitText = readFileSync(testkitManifest, 'utf8');
  const testkit = JSON.parse(testkitText);
  writeFileSync(
    testkitManifest,
    JSON.stringify({ ...testkit, devDependencies: { ...testkit.devDependencies, '@oxidize/scratch-pair': '*' } }),
  );
  const dependent = spawnSync(process.execPath, ['scripts/remove.mjs', 'scratch-pair'], {
    cwd: plain.copy,
    encoding: 'utf8',
  });
  assert.equal(dependent.status, 1);
  assert.match(dependent.stderr, /packages\/testkit\/package\.json: depends on the pair[\s\S]*Nothing was changed/);
  writeFileSync(testkitManifest, testkitText);
  const rootManifest = join(plain.copy, 'package.json');
  const rootText = readFileSync(rootManifest, 'utf8');
  const root = JSON.parse(rootText);
  const scripts = {
    'scratch:only': 'node examples/scratch-pair/a.js && tsx benches/scratch-pair/b.ts',
    'scratch:mixed': 'node examples/scratch-pair/a.js | node scripts/other.mjs',
    'scratch:format': 'biome format --write packages/runtime packages/scratch-pair',
  };
  writeFileSync(rootManifest, JSON.stringify({ ...root, scripts: { ...root.scripts, ...scripts } }));
  const plan = plain.run(process.execPath, ['scripts/remove.mjs', 'scratch-pair', '--dry-run']);
  assert.match(plan, /drop the scripts scratch:only\n/);
  assert.match(plan, /the script "scratch:mixed" runs the pair's files among others: edit it by hand/);
  assert.match(plan, /the script "scratch:format" runs the pair's files among others: edit it by hand/);
  writeFileSync(rootManifest, rootText);
  assert.equal(plain.changes(), '', 'a dry run changed files');

  step('uncommitted work in the pair is not deleted without --force (even with untracked files hidden)');
  plain.run('git', ['config', 'status.showUntrackedFiles', 'no']);
  writeFileSync(join(plain.copy, 'crates', 'scratch-pair', 'src', 'wip.rs'), '// work in progress\n');
  const dirty = spawnSync(process.execPath, ['scripts/remove.mjs', 'scratch-pair'], {
    cwd: plain.copy,
    encoding: 'utf8',
  });
  assert.equal(dirty.status, 1);
  assert.match(dirty.stderr, /uncommitted changes in the pair's folders would be lost/);
  step('remove -- scratch-pair --force: a generated pair goes as cleanly as the shipped one');
  // A tracked link to a folder is listed by git, and is no file to read for mentions.
  symlinkSync(join('..', 'packages', 'testkit', 'src'), join(plain.copy, 'docs', 'testkit-src'));
  plain.run(process.execPath, ['scripts/remove.mjs', 'scratch-pair', '--force']);
  rmSync(join(plain.copy, 'docs', 'testkit-src'));
  plain.run('git', ['config', 'status.showUntrackedFiles', 'normal']);
  plain.run('git', ['add', '-A']);
  assert.equal(
    // This file names it, as the command's argument.
    spawnSync('git', ['grep', '-n', '-i', 'scratch-pair', '--', ':!scripts/test-remove.mjs'], {
      cwd: plain.copy,
      encoding: 'utf8',
    }).stdout,
    '',
  );
  plain.commit('scratch removed');

  newThenRemove(plain);

  whatIsLeftWorks(plain, 'oxidize');

  step(`then a rename: the kit's names change, "${PAIR}" stays gone, and what is left builds`);
  plain.run('npm', ['run', '--silent', 'rename', '--', ...RENAME]);
  assert.equal(plain.mentions(), '', `the rename brought "${PAIR}" back`);
  plain.run('npm', ['install', '--offline', '--no-audit', '--no-fund']);
  const script = `const m = await import('@${RENAME[1]?.slice(1)}/${OWN}'); console.log(m.implementation)`;
  assert.equal(plain.run(process.execPath, ['--input-type=module', '-e', script]).trim(), 'native');

  step('after a rename: rename, new, remove, then everything that is left');
  const renamed = scenario('remove-renamed');
  copies.push(renamed.copy);
  renamed.run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts']);
  renamed.run('npm', ['run', '--silent', 'rename', '--', ...RENAME]);
  // As a team would before going on (remove keeps uncommitted work in a pair's folders safe).
  renamed.commit('renamed');
  newThenRemove(renamed);
  whatIsLeftWorks(renamed, String(RENAME[1]?.slice(1)));

  step('remove test passed');
} finally {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
}
