// `npm run test:release`: publish → install, proven on a real npm registry (Verdaccio, offline, on
// 127.0.0.1), the ways users install. Steps, in order:
//   build    this machine's binary of every napi package, built the release way (build-release.mjs)
//   audit    every binary about to be published (audit-binary.mjs)
//   publish  the shared runtime, then each pair through scripts/publish.mjs (what the release
//            workflow runs), after publint, attw and a check of what each tarball holds
//   install  each pair into fresh projects outside the repo, then the call in its test/smoke.ts
//            (and, where native loads, a short native-against-JS differential run) in each runtime:
//              npm, pnpm, Yarn 4; a lockfile made for another platform (npm and pnpm);
//              --omit=optional (the JS fallback, with its warning); Node 20, 22, 24, 26, Bun,
//              Deno (with and without permissions); a server bundled by esbuild and by Vite (SSR);
//              ESM, CommonJS and TypeScript consumers; a platform package from another release.
// It prints a table (installer × runtime → implementation, result), and fails when any row does.
// Runtimes and package managers come from the npm registry, cached in ~/.cache/oxidize-release.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseTriple } from '@napi-rs/cli';
import { auditBinary } from './audit-binary.mjs';
import { implVariable } from './lib/cli.mjs';
import { pairNames } from './lib/pairs.mjs';
import { startRegistry } from './lib/registry.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const work = mkdtempSync(join(tmpdir(), 'oxidize-release-'));
const started = Date.now();
/** @type {Record<string, string>} */
let npmEnv = {};

// Pinned: a new release of one of these is a change to review, not something a test run picks up.
const NODE_PACKAGE = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
// Node 20 too: ci.yml runs this script under Node 22, and the kit supports ^20.19.
const TOOLS = {
  node20: `${NODE_PACKAGE}@20.20.2`,
  node22: `${NODE_PACKAGE}@22.23.3`,
  node24: `${NODE_PACKAGE}@24.21.0`,
  node26: `${NODE_PACKAGE}@26.12.1`,
  bun: 'bun@1.4.4',
  deno: 'deno@2.9.6',
  pnpm: 'pnpm@12.21.0',
  yarn: '@yarnpkg/cli-dist@4.18.1',
};
/** What each tool's command is, inside its install folder. */
const TOOL_BIN = {
  node20: ['node_modules', NODE_PACKAGE, 'bin', 'node'],
  node22: ['node_modules', NODE_PACKAGE, 'bin', 'node'],
  node24: ['node_modules', NODE_PACKAGE, 'bin', 'node'],
  node26: ['node_modules', NODE_PACKAGE, 'bin', 'node'],
  bun: ['node_modules', '.bin', 'bun'],
  deno: ['node_modules', '.bin', 'deno'],
  pnpm: ['node_modules', '.bin', 'pnpm'],
  yarn: ['node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js'],
};

function step(/** @type {string} */ message) {
  console.log(`\n[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
}

/**
 * This process's environment without the variables that choose or override a binary
 * (NAPI_RS_NATIVE_LIBRARY_PATH, <PREFIX>_<NAME>_IMPL): set in the caller's shell, they would make a
 * row pass on another binary than the installed one.
 */
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('NAPI_RS_') && !/^[A-Z0-9_]+_IMPL$/.test(name)),
);

/** Runs a command; returns its stdout. `env` is added to the base environment and npm's. */
function run(
  /** @type {string} */ command,
  /** @type {string[]} */ args,
  options = /** @type {{cwd?: string, env?: Record<string, string | undefined>}} */ ({}),
) {
  try {
    return execFileSync(command, args, {
      cwd: options.cwd ?? work,
      env: { ...baseEnv, ...npmEnv, ...options.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      // A runtime or installer that hangs fails its row instead of stalling CI.
      timeout: 300_000,
    });
  } catch (error) {
    const { stdout, stderr } = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

/** Installs every tool (from the public registry, not Verdaccio) in the background; cached between runs. */
function fetchTools() {
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'oxidize-release');
  const exec = promisify(execFile);
  /** @type {Record<string, Promise<string>>} */
  const tools = {};
  for (const [tool, spec] of Object.entries(TOOLS)) {
    const dir = join(cache, spec.replace(/[@/]/g, '_'));
    const command = join(dir, ...TOOL_BIN[/** @type {keyof typeof TOOL_BIN} */ (tool)]);
    tools[tool] = existsSync(command)
      ? Promise.resolve(command)
      : exec('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', dir, spec], {
          // The user's registry, not Verdaccio's: these are the tools, not what is tested.
          env: { ...process.env, NPM_CONFIG_UPDATE_NOTIFIER: 'false' },
        }).then(() => command);
    // Awaited where used; a failure is reported there.
    tools[tool].catch(() => {});
  }
  return tools;
}

/**
 * What a tarball may hold. Every file must match one of `allowed`; every pattern in `required`
 * must be matched; the packed size has a ceiling. Anything new in a tarball has to be added here,
 * on purpose.
 */
const MAIN_PACKAGE = {
  allowed: [/^package\.json$/, /^README\.md$/, /^dist\/(.+\/)?[\w-]+\.(js|d\.ts)$/, /^binding\/index\.(cjs|d\.cts)$/],
  required: [
    /^dist\/index\.js$/,
    /^dist\/index\.d\.ts$/,
    /^dist\/js\/index\.js$/,
    /^dist\/native\/index\.js$/,
    /^binding\/index\.cjs$/,
  ],
  maxBytes: 64 * 1024,
};
const RUNTIME_PACKAGE = {
  allowed: [/^package\.json$/, /^README\.md$/, /^dist\/[\w-]+\.(js|d\.ts)$/],
  required: [/^dist\/index\.js$/, /^dist\/index\.d\.ts$/],
  maxBytes: 16 * 1024,
};
const PLATFORM_PACKAGE = {
  allowed: [/^package\.json$/, /^README\.md$/, /^[\w-]+\.[\w-]+\.node$/],
  required: [/\.node$/],
  maxBytes: 1024 * 1024,
};

/** `dir`'s tarball holds what `expected` allows, and its compiled files come from `sources` as they are now. */
function checkTarball(/** @type {string} */ dir, /** @type {typeof MAIN_PACKAGE} */ expected, sources = '') {
  const [packed] = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], { cwd: dir }));
  const files = packed.files.map((/** @type {{ path: string }} */ file) => file.path);
  for (const file of files) {
    assert.ok(
      expected.allowed.some((pattern) => pattern.test(file)),
      `${packed.name}: unexpected file in the tarball: ${file}`,
    );
    // tsc -b never deletes the output of a source that was renamed or removed: such a file would
    // ship (and could be imported) although no source makes it any more.
    const compiled = /^dist\/(.+)\.(?:js|d\.ts)$/.exec(file)?.[1];
    if (sources !== '' && compiled !== undefined) {
      assert.ok(
        existsSync(join(sources, `${compiled}.ts`)),
        `${packed.name}: ${file} has no source ${compiled}.ts: a stale build output (npm run build starts from a clean dist/)`,
      );
    }
  }
  for (const pattern of expected.required) {
    assert.ok(
      files.some((/** @type {string} */ file) => pattern.test(file)),
      `${packed.name}: no file matches ${pattern}`,
    );
  }
  assert.ok(
    packed.size <= expected.maxBytes,
    `${packed.name}: ${packed.size} bytes packed, limit ${expected.maxBytes}`,
  );
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
    assert.equal(manifest.scripts?.[script], undefined, `${packed.name} has a ${script} script`);
  }
  console.log(`  ${packed.name}: ${files.length} files, ${(packed.size / 1024).toFixed(1)} KiB packed`);
}

/** publint, attw and the tarball check on a package folder. */
function lintPackage(/** @type {string} */ dir, /** @type {typeof MAIN_PACKAGE} */ expected, sources = '') {
  run(join(BIN, 'publint'), ['run', '--strict', dir]);
  const tarball = run('npm', ['pack', '--pack-destination', work], { cwd: dir }).trim().split('\n').at(-1) ?? '';
  run(join(BIN, 'attw'), [join(work, tarball), '--profile', 'esm-only', '--format', 'table-flipped']);
  checkTarball(dir, expected, sources);
}

/**
 * A copy of packages/<name> as npm would pack it, limited to the binaries this machine built, which
 * go through `napi artifacts` like a CI artifact (the package itself does not ship them).
 */
function stage(/** @type {string} */ name) {
  const source = join(ROOT, 'packages', name);
  const target = join(work, 'stage', name);
  mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'dist', 'binding']) {
    cpSync(join(source, entry), join(target, entry), { recursive: true });
  }
  const artifacts = join(work, 'artifacts', name);
  mkdirSync(artifacts, { recursive: true });
  const binaries = readdirSync(join(target, 'binding')).filter((file) => file.endsWith('.node'));
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  // `<pair>.linux-x64-gnu.node` → the target whose platform package napi names `…-linux-x64-gnu`.
  const built = binaries.map((file) => file.split('.').at(-2));
  manifest.napi.targets = manifest.napi.targets.filter((/** @type {string} */ triple) =>
    built.includes(parseTriple(triple).platformArchABI),
  );
  assert.ok(manifest.napi.targets.length > 0, `no binary of ${name} for a release target in ${built}`);
  writeFileSync(join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of binaries) {
    cpSync(join(target, 'binding', file), join(artifacts, file));
    rmSync(join(target, 'binding', file));
  }
  return { dir: target, artifacts, manifest, binaries: binaries.map((file) => join(artifacts, file)) };
}

/** A fresh ESM project outside the repo. */
function project(/** @type {string} */ label, /** @type {Record<string, unknown>} */ extra = {}) {
  const dir = join(work, 'consumers', label);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${label}`, private: true, version: '1.0.0', type: 'module', ...extra }),
  );
  return dir;
}

/** @typedef {{ probe: string, expected: unknown, differential?: string }} Smoke */

/**
 * packages/<name>/test/smoke.ts (typed against the pair's API) as source text: its functions are
 * run in the consumer projects. Loaded with tsx, as the tests load it.
 */
function readSmoke(/** @type {string} */ name) {
  const file = pathToFileURL(join(ROOT, 'packages', name, 'test', 'smoke.ts')).href;
  const serializer = pathToFileURL(join(ROOT, 'packages', 'testkit', 'dist', 'smoke.js')).href;
  const script = `const { smoke } = await import(${JSON.stringify(file)});
    const { serializeSmoke } = await import(${JSON.stringify(serializer)});
    console.log(JSON.stringify(serializeSmoke(smoke)));`;
  /** @type {Smoke} */
  const smoke = JSON.parse(
    run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT }),
  );
  return smoke;
}

/**
 * The script each runtime runs in a consumer project: loads the package, makes the smoke call and,
 * with `differential`, compares native with JS on random inputs. Prints one JSON line.
 */
function probeScript(/** @type {string} */ pkg, /** @type {Smoke} */ smoke, /** @type {string} */ importer) {
  const differential = smoke.differential
    ? `
  const { default: js } = await import('${pkg}/js');
  const same = ${smoke.differential};
  for (let round = 0; round < 200; round++) {
    const bytes = new Uint8Array(Math.floor(Math.random() ** 3 * 100_000));
    for (let at = 0; at < bytes.length; at++) bytes[at] = Math.random() * 256;
    const [a, b] = [await same(api, bytes), await same(js, bytes)];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('native and js differ on ' + bytes.length + ' bytes');
  }
  differential = 200;`
    : '';
  return `import { Buffer } from 'node:buffer';
import process from 'node:process';
const warnings = [];
process.on('warning', (w) => warnings.push({ code: w.code, message: w.message }));
${importer}
let differential = 0;
// Comparing the JS build with itself proves nothing.
if (api.implementation === 'native') {${differential}
}
const result = await (${smoke.probe})(api);
await new Promise((resolve) => setTimeout(resolve, 10));
let loaded = [];
try {
  const { createRequire } = await import('node:module');
  loaded = Object.keys(createRequire(import.meta.url).cache ?? {}).filter((file) => file.endsWith('.node'));
} catch {}
console.log(JSON.stringify({ implementation: api.implementation, result, warnings, loaded, differential, Buffer: typeof Buffer }));
`;
}

/** @typedef {{ pkg: string, installer: string, runtime: string, expected: 'native' | 'js', result: string, ok: boolean }} Row */
/** The package the rows being recorded are about (the table has a row per package and install). */
let rowPackage = '';
/** @type {Row[]} */
const rows = [];

/**
 * Runs `command args` (a script printing probeScript's line) and records the row: the implementation
 * it loaded, the smoke call's answer, the warnings. `check` may add assertions.
 */
async function expectRun(
  /** @type {Omit<Row, 'result' | 'ok' | 'pkg'>} */ row,
  /** @type {() => Promise<string[]> | string[]} */ commandLine,
  /** @type {{ cwd: string, smoke: Smoke, env?: Record<string, string>, check?: (probe: any) => void }} */ options,
) {
  const at = Date.now();
  try {
    const [command = '', ...args] = await commandLine();
    const output = run(command, args, { cwd: options.cwd, env: options.env });
    const probe = JSON.parse(output.trim().split('\n').at(-1) ?? '');
    assert.equal(probe.implementation, row.expected, `loaded ${probe.implementation}`);
    assert.deepEqual(probe.result, options.smoke.expected);
    if (row.expected === 'native') assert.deepEqual(probe.warnings, [], 'no warning');
    else {
      assert.equal(probe.warnings.length, 1, `one warning, got ${JSON.stringify(probe.warnings)}`);
      assert.equal(probe.warnings[0].code, 'OXIDIZE_NATIVE_FALLBACK');
    }
    options.check?.(probe);
    const extra = probe.differential ? `, native = js on ${probe.differential} random inputs` : '';
    rows.push({ ...row, pkg: rowPackage, ok: true, result: `ok (${((Date.now() - at) / 1000).toFixed(1)} s${extra})` });
  } catch (error) {
    const message = /** @type {Error} */ (error).message.split('\n').slice(0, 6).join(' | ');
    rows.push({ ...row, pkg: rowPackage, ok: false, result: `FAILED: ${message}` });
  }
}

/** Records a row for a setup step (an install) that failed, so the table says where it broke. */
async function setup(/** @type {string} */ installer, /** @type {() => Promise<unknown> | unknown} */ work) {
  try {
    await work();
    return true;
  } catch (error) {
    rows.push({
      pkg: rowPackage,
      installer,
      runtime: '(install)',
      expected: 'native',
      ok: false,
      result: `FAILED: ${/** @type {Error} */ (error).message.split('\n').slice(0, 8).join(' | ')}`,
    });
    return false;
  }
}

function printTable() {
  const header = ['package', 'installed with', 'runs in', 'expects', 'result'];
  const lines = rows.map((row) => [row.pkg, row.installer, row.runtime, row.expected, row.result]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (/** @type {string[]} */ cells) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(`\n${format(header)}\n${format(widths.map((width) => '-'.repeat(width)))}`);
  for (const line of lines) console.log(format(line));
}

/** publish: the shared runtime first (every pair depends on it), through the release's script. */
function publishRuntime() {
  const runtimeDir = join(ROOT, 'packages', 'runtime');
  const runtimeName = JSON.parse(readFileSync(join(runtimeDir, 'package.json'), 'utf8')).name;
  step(`publish ${runtimeName}: publint, attw, what the tarball holds, publish`);
  lintPackage(runtimeDir, RUNTIME_PACKAGE, join(runtimeDir, 'src'));
  run(process.execPath, [join(ROOT, 'scripts', 'publish.mjs'), runtimeDir], { cwd: ROOT });
  assert.match(
    run(process.execPath, [join(ROOT, 'scripts', 'publish.mjs'), runtimeDir], { cwd: ROOT }),
    /already published/,
    'publishing an unchanged runtime again is a no-op',
  );
}

/** publish: one pair, after its audit and package checks; returns what the install steps need. */
function publishPair(/** @type {string} */ name) {
  const staged = stage(name);
  const pkg = staged.manifest.name;
  step(`audit ${pkg}: the binaries about to be published`);
  // LLVM's tools are a Debian package on Linux (and the release audits every platform's binary
  // there, in its publish job); elsewhere build-release.mjs skips the audit too.
  for (const binary of process.platform === 'linux' ? staged.binaries : []) {
    const { checks } = auditBinary(binary);
    for (const check of checks) console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
    const failed = checks.filter((check) => !check.ok);
    assert.equal(failed.length, 0, `${binary}: ${failed.map((check) => `${check.name} (${check.detail})`).join(', ')}`);
  }
  step(`publish ${pkg}: publint, attw, what the tarball holds, scripts/publish.mjs`);
  lintPackage(staged.dir, MAIN_PACKAGE, join(ROOT, 'packages', name, 'src'));
  run(process.execPath, [join(ROOT, 'scripts', 'publish.mjs'), staged.dir, '--artifacts', staged.artifacts], {
    cwd: ROOT,
  });
  for (const platformDir of readdirSync(join(staged.dir, 'npm'))) {
    checkTarball(join(staged.dir, 'npm', platformDir), PLATFORM_PACKAGE);
  }
  const published = JSON.parse(run('npm', ['view', pkg, '--json']));
  const platformPackages = Object.keys(published.optionalDependencies ?? {});
  assert.ok(platformPackages.length > 0, 'the published package lists its platform packages');
  for (const platform of platformPackages) {
    assert.equal(
      published.optionalDependencies[platform],
      staged.manifest.version,
      `${platform} pinned to the exact version`,
    );
    assert.equal(JSON.parse(run('npm', ['view', platform, 'version', '--json'])), staged.manifest.version);
  }
  const smoke = readSmoke(name);
  return { ...staged, pkg, smoke, platformPackages };
}

/** install: every way users install and run `pkg`, each a row of the table. */
async function installEverywhere(
  /** @type {string} */ name,
  /** @type {ReturnType<typeof publishPair>} */ pair,
  /** @type {Record<string, Promise<string>>} */ tools,
) {
  const { pkg, smoke, platformPackages } = pair;
  rowPackage = pkg;
  const script = probeScript(pkg, smoke, `const { default: api } = await import('${pkg}');`);
  const withProbe = (/** @type {string} */ dir) => {
    writeFileSync(join(dir, 'probe.mjs'), script);
    return dir;
  };
  const fromPlatformPackage = (/** @type {string} */ dir) => (/** @type {any} */ probe) =>
    assert.ok(
      probe.loaded.some(
        (/** @type {string} */ file) => file.startsWith(dir) && file.includes(`${platformPackages[0]}/`),
      ),
      `the binary is loaded from the installed platform package, got ${probe.loaded}`,
    );

  step(`install ${pkg}: npm, then Node 20, 22, 24, 26, Bun and Deno`);
  const npm = withProbe(project(`${name}-npm`));
  if (await setup('npm', () => run('npm', ['install', pkg], { cwd: npm }))) {
    for (const major of ['node20', 'node22', 'node24', 'node26']) {
      const node = await tools[major];
      const version = node ? run(node, ['--version']).trim() : major;
      await expectRun(
        { installer: 'npm', runtime: `Node ${version.slice(1)}`, expected: 'native' },
        async () => [(await tools[major]) ?? '', 'probe.mjs'],
        {
          cwd: npm,
          smoke,
          check: fromPlatformPackage(npm),
        },
      );
    }
    await expectRun(
      { installer: 'npm', runtime: 'Bun 1.4.4', expected: 'native' },
      async () => [(await tools.bun) ?? '', 'probe.mjs'],
      { cwd: npm, smoke, check: fromPlatformPackage(npm) },
    );
    // Deno asks for each permission: reading the package and its binary, the loader's environment
    // variables, and loading a native library (ffi).
    await expectRun(
      { installer: 'npm', runtime: 'Deno 2.9.6 --allow-read --allow-env --allow-ffi', expected: 'native' },
      async () => [(await tools.deno) ?? '', 'run', '--allow-read', '--allow-env', '--allow-ffi', 'probe.mjs'],
      { cwd: npm, smoke, env: { NO_COLOR: '1' }, check: fromPlatformPackage(npm) },
    );
    // Without permissions the package still works: a denied environment read counts as unset, and a
    // denied addon load falls back to JavaScript with a warning that names the permission.
    await expectRun(
      { installer: 'npm', runtime: 'Deno 2.9.6 (no permissions)', expected: 'js' },
      async () => [(await tools.deno) ?? '', 'run', 'probe.mjs'],
      {
        cwd: npm,
        smoke,
        env: { NO_COLOR: '1' },
        check: (probe) => assert.match(probe.warnings[0].message, /--allow-read --allow-env --allow-ffi/),
      },
    );
  }

  step(`install ${pkg}: npm --omit=optional (the JS fallback, with its warning)`);
  const slim = withProbe(project(`${name}-slim`));
  if (await setup('npm --omit=optional', () => run('npm', ['install', pkg, '--omit=optional'], { cwd: slim }))) {
    await expectRun(
      { installer: 'npm --omit=optional', runtime: `Node ${process.versions.node}`, expected: 'js' },
      () => [process.execPath, 'probe.mjs'],
      { cwd: slim, smoke },
    );
  }

  step(`install ${pkg}: npm ci from a lockfile made for macOS arm64 (npm/cli#4828)`);
  const foreign = withProbe(project(`${name}-npm-foreign-lockfile`));
  const madeElsewhere = await setup('npm, lockfile made on darwin-arm64, then npm ci', () => {
    run('npm', ['install', pkg, '--os=darwin', '--cpu=arm64'], { cwd: foreign });
    rmSync(join(foreign, 'node_modules'), { recursive: true, force: true });
    run('npm', ['ci'], { cwd: foreign });
  });
  if (madeElsewhere) {
    await expectRun(
      {
        installer: 'npm, lockfile made on darwin-arm64, then npm ci',
        runtime: `Node ${process.versions.node}`,
        expected: 'native',
      },
      () => [process.execPath, 'probe.mjs'],
      {
        cwd: foreign,
        smoke,
        check: fromPlatformPackage(foreign),
      },
    );
  }

  step(`install ${pkg}: pnpm, and pnpm from a lockfile made for macOS arm64`);
  const pnpm = withProbe(project(`${name}-pnpm`));
  const pnpmArgs = async () => ['--store-dir', join(work, 'pnpm-store'), '--registry', registryUrl];
  if (
    await setup('pnpm', async () =>
      run((await tools.pnpm) ?? 'pnpm', [...(await pnpmArgs()), 'add', pkg], { cwd: pnpm }),
    )
  ) {
    await expectRun(
      { installer: `pnpm ${TOOLS.pnpm.split('@')[1]}`, runtime: `Node ${process.versions.node}`, expected: 'native' },
      () => [process.execPath, 'probe.mjs'],
      { cwd: pnpm, smoke, check: fromPlatformPackage(pnpm) },
    );
  }
  // pnpm records only the platforms in `supportedArchitectures` (default: this one) in its lockfile.
  const pnpmForeign = withProbe(project(`${name}-pnpm-foreign-lockfile`));
  const pnpmElsewhere = await setup('pnpm, lockfile made on darwin-arm64, then --frozen-lockfile', async () => {
    const settings = join(pnpmForeign, 'pnpm-workspace.yaml');
    writeFileSync(settings, 'supportedArchitectures:\n  os: [darwin]\n  cpu: [arm64]\n');
    run((await tools.pnpm) ?? 'pnpm', [...(await pnpmArgs()), 'add', pkg], { cwd: pnpmForeign });
    rmSync(settings);
    rmSync(join(pnpmForeign, 'node_modules'), { recursive: true, force: true });
    run((await tools.pnpm) ?? 'pnpm', [...(await pnpmArgs()), 'install', '--frozen-lockfile'], { cwd: pnpmForeign });
  });
  if (pnpmElsewhere) {
    await expectRun(
      {
        installer: 'pnpm, lockfile made on darwin-arm64, then --frozen-lockfile',
        runtime: `Node ${process.versions.node}`,
        expected: 'native',
      },
      () => [process.execPath, 'probe.mjs'],
      { cwd: pnpmForeign, smoke, check: fromPlatformPackage(pnpmForeign) },
    );
  }

  step(`install ${pkg}: Yarn 4 (node-modules linker)`);
  const yarn = withProbe(project(`${name}-yarn`));
  writeFileSync(
    join(yarn, '.yarnrc.yml'),
    [
      'nodeLinker: node-modules',
      `npmRegistryServer: "${registryUrl.replace(/\/$/, '')}"`,
      'unsafeHttpWhitelist: ["127.0.0.1"]',
      // Yarn caches registry metadata (tarball URLs, with this run's port) in its global folder.
      `globalFolder: "${join(work, 'yarn-global')}"`,
      'enableGlobalCache: false',
      'enableTelemetry: false',
      // Yarn holds back versions published in the last days; these were published seconds ago.
      'npmMinimalAgeGate: 0',
      '',
    ].join('\n'),
  );
  writeFileSync(join(yarn, 'yarn.lock'), '');
  if (
    await setup('Yarn 4', async () =>
      run(process.execPath, [await tools.yarn, 'add', pkg], {
        cwd: yarn,
        env: { YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
      }),
    )
  ) {
    await expectRun(
      {
        installer: `Yarn ${TOOLS.yarn.split('@').at(-1)} (node-modules)`,
        runtime: `Node ${process.versions.node}`,
        expected: 'native',
      },
      () => [process.execPath, 'probe.mjs'],
      {
        cwd: yarn,
        smoke,
        check: fromPlatformPackage(yarn),
      },
    );
  }

  step(`install ${pkg}: a server bundled by esbuild and by Vite (SSR build)`);
  if (existsSync(join(npm, 'node_modules'))) {
    // The server answers one request with the smoke call's result, then closes.
    writeFileSync(
      join(npm, 'server.mjs'),
      probeScript(
        pkg,
        { ...smoke, differential: undefined },
        `import http from 'node:http';
const { default: api } = await import('${pkg}');
const server = http.createServer((request, response) => response.end('ok'));
await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
await (await fetch('http://127.0.0.1:' + server.address().port + '/')).text();
server.close();`,
      ),
    );
    // A napi package cannot be bundled: its loader picks a .node file at run time. Both bundlers
    // must leave it external, loaded from node_modules; esbuild needs to be told, Vite's SSR build
    // externalizes dependencies by default.
    await expectRun(
      { installer: 'npm + esbuild --bundle', runtime: `Node ${process.versions.node}`, expected: 'native' },
      () => {
        run(
          join(BIN, 'esbuild'),
          [
            'server.mjs',
            '--bundle',
            '--platform=node',
            '--format=esm',
            `--external:${pkg}`,
            '--outfile=esbuild-out/server.mjs',
          ],
          { cwd: npm },
        );
        return [process.execPath, 'esbuild-out/server.mjs'];
      },
      { cwd: npm, smoke, check: fromPlatformPackage(npm) },
    );
    await expectRun(
      { installer: 'npm + vite build --ssr', runtime: `Node ${process.versions.node}`, expected: 'native' },
      () => {
        run(
          process.execPath,
          [
            join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
            'build',
            '--ssr',
            'server.mjs',
            '--outDir',
            'vite-out',
            '--logLevel',
            'warn',
          ],
          { cwd: npm },
        );
        const output = readdirSync(join(npm, 'vite-out')).find((file) => /\.m?js$/.test(file)) ?? 'server.js';
        return [process.execPath, join('vite-out', output)];
      },
      { cwd: npm, smoke, check: fromPlatformPackage(npm) },
    );
  }
  return npm;
}

/** ESM, CommonJS and TypeScript consumers of the npm install; a platform package from another release. */
function consumers(
  /** @type {string} */ name,
  /** @type {ReturnType<typeof publishPair>} */ pair,
  /** @type {string} */ npm,
) {
  const { pkg, smoke, dir, manifest } = pair;
  step(`${pkg}: ESM, CommonJS and TypeScript consumers`);
  const expected = JSON.stringify(smoke.expected);
  writeFileSync(
    join(npm, 'esm.mjs'),
    `import api from '${pkg}';\nconsole.log(api.implementation, JSON.stringify(await (${smoke.probe})(api)));\n`,
  );
  writeFileSync(
    join(npm, 'cjs.cjs'),
    `const api = require('${pkg}').default;\n(async () => console.log(api.implementation, JSON.stringify(await (${smoke.probe})(api))))();\n`,
  );
  assert.equal(run(process.execPath, ['esm.mjs'], { cwd: npm }).trim(), `native ${expected}`);
  assert.equal(run(process.execPath, ['cjs.cjs'], { cwd: npm }).trim(), `native ${expected}`);
  // The package's own test/consumer.ts, type-checked as a user's project would.
  cpSync(join(ROOT, 'packages', name, 'test', 'consumer.ts'), join(npm, 'consumer.ts'));
  for (const moduleResolution of ['nodenext', 'bundler']) {
    writeFileSync(
      join(npm, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: moduleResolution === 'nodenext' ? 'nodenext' : 'esnext',
          moduleResolution,
          target: 'es2022',
          strict: true,
          noEmit: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        files: ['consumer.ts'],
      }),
    );
    run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', npm], { cwd: npm });
  }

  step(`${pkg}: a platform package from an older release is detected`);
  const drifted = `${manifest.version.replace(/\d+$/, (/** @type {string} */ patch) => String(Number(patch) + 1))}-drift.0`;
  const stale = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // A main package whose optional dependency still points at the previous release's binary.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...stale, version: drifted }, null, 2));
  run('npm', ['publish', '--tag', 'drift'], { cwd: dir });
  const old = project(`${name}-drift`);
  run('npm', ['install', `${pkg}@${drifted}`], { cwd: old });
  writeFileSync(
    join(old, 'probe.mjs'),
    probeScript(pkg, { ...smoke, differential: undefined }, `const { default: api } = await import('${pkg}');`),
  );
  const detected = JSON.parse(run(process.execPath, ['probe.mjs'], { cwd: old }));
  assert.equal(detected.implementation, 'js', 'a mismatched binary is not used');
  assert.match(
    detected.warnings[0]?.message ?? '',
    new RegExp(`version ${manifest.version.replace(/\./g, '\\.')}.*${drifted.replace(/\./g, '\\.')}`),
  );
  const forced = run(
    process.execPath,
    ['--input-type=module', '-e', `import('${pkg}').catch((e) => console.log(e.message))`],
    {
      cwd: old,
      env: { [implVariable(name)]: 'native' },
    },
  );
  assert.match(forced, /version/);
  console.log(`  ${detected.warnings[0].message.split('. ')[0]}.`);
}

let registryUrl = '';
/** @type {(() => void) | undefined} */
let stopRegistry;
try {
  const tools = fetchTools();
  const names = pairNames(ROOT);
  step("build: this machine's binaries, the release way (npm run build:release)");
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-release.mjs'), ...names], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  // What is packed is compiled now, from the sources as they are, into an emptied dist/.
  step('build: the TypeScript, from a clean dist/ (npm run build:ts)');
  execFileSync('npm', ['run', '--silent', 'build:ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });

  step('starting verdaccio');
  const registry = await startRegistry(join(BIN, 'verdaccio'), work);
  registryUrl = registry.url;
  npmEnv = registry.env;
  stopRegistry = registry.stop;

  publishRuntime();
  for (const name of names) {
    const pair = publishPair(name);
    const npm = await installEverywhere(name, pair, tools);
    consumers(name, pair, npm);
  }
  printTable();
  const failed = rows.filter((row) => !row.ok);
  assert.equal(failed.length, 0, `${failed.length} of ${rows.length} installs failed (the table above)`);
  step(`publish → install: all ${rows.length} installs and the package checks passed`);
  rmSync(work, { recursive: true, force: true });
} catch (error) {
  if (rows.length > 0 && rows.some((row) => !row.ok)) printTable();
  console.error(`\nkept for a look: ${work} (the consumer projects, the registry's storage)`);
  throw error;
} finally {
  stopRegistry?.();
}
