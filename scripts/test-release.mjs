// `npm run test:release`: publish → install, proven on a real npm registry (Verdaccio, offline, on
// 127.0.0.1). It publishes the shared runtime, this machine's platform package and each napi
// package with scripts/publish.mjs (what the release workflow runs), then, in fresh projects
// outside the repo (each package's test/smoke.json says which call to make and its answer):
//   1. npm install <pkg>               → native, loaded from the installed platform package
//   2. npm install --omit=optional     → the JS fallback, with its warning
//   3. ESM import, CommonJS require, TypeScript type-check (nodenext and bundler)
//   4. a platform package from an older release → detected by the version check, clear message
// plus publint and `attw --profile esm-only` on the packed package. The registry is stopped by its
// PID whatever happens.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { upperSnake } from './lib/cli.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const work = mkdtempSync(join(tmpdir(), 'oxidize-release-'));
const started = Date.now();
/** @type {import('node:child_process').ChildProcess | undefined} */
let registry;

function step(/** @type {string} */ message) {
  console.log(`\n[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
}

/** Runs a command; returns its stdout. `env` is added to this process's environment. */
function run(
  /** @type {string} */ command,
  /** @type {string[]} */ args,
  options = /** @type {{cwd?: string, env?: Record<string, string>}} */ ({}),
) {
  return execFileSync(command, args, {
    cwd: options.cwd ?? work,
    env: { ...process.env, ...npmEnv, ...options.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((done, fail) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (address && typeof address === 'object' ? done(address.port) : fail(new Error('no port'))));
      });
    })
  );
}

/** @type {Record<string, string>} */
let npmEnv = {};

async function startRegistry() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(work, 'verdaccio.yaml');
  // No uplinks: the registry serves only what this test publishes, and never reaches the network.
  writeFileSync(
    config,
    [
      `storage: ${join(work, 'storage')}`,
      `auth: { htpasswd: { file: ${join(work, 'htpasswd')}, max_users: 10 } }`,
      'uplinks: {}',
      `packages: { '**': { access: $all, publish: $authenticated } }`,
      'web: { enable: false }',
      'middlewares: { audit: { enabled: false } }',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  registry = spawn(join(BIN, 'verdaccio'), ['--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}-/ping`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (attempt > 100 || registry.exitCode !== null) throw new Error('verdaccio did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // `npm adduser` wants a terminal; the registry's user API gives a token directly.
  const response = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-test', password: 'release-test-password' }),
  });
  const { token } = /** @type {{ token: string }} */ (await response.json());
  assert.ok(token, `no token from verdaccio (HTTP ${response.status})`);
  const npmrc = join(work, 'npmrc');
  writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  // A private cache: a re-run publishes the same versions with new contents.
  npmEnv = {
    NPM_CONFIG_USERCONFIG: npmrc,
    NPM_CONFIG_CACHE: join(work, 'npm-cache'),
    NPM_CONFIG_AUDIT: 'false',
    NPM_CONFIG_FUND: 'false',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
  };
  return url;
}

/** A copy of packages/<name> as npm would pack it, limited to the target this machine builds. */
function stage(/** @type {string} */ name) {
  const source = join(ROOT, 'packages', name);
  const target = join(work, 'stage', name);
  mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'dist', 'binding']) {
    cpSync(join(source, entry), join(target, entry), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  /** @type {Record<string, string>} */
  const hosts = { linux: 'unknown-linux-gnu', darwin: 'apple-darwin', win32: 'pc-windows-msvc' };
  /** @type {Record<string, string>} */
  const arches = { x64: 'x86_64', arm64: 'aarch64' };
  const host = hosts[process.platform];
  const arch = arches[process.arch];
  manifest.napi.targets = [`${arch}-${host}`];
  writeFileSync(join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The binary goes through `napi artifacts`, like a CI artifact; the package itself does not ship it.
  const artifacts = join(work, 'artifacts', name);
  mkdirSync(artifacts, { recursive: true });
  for (const file of readdirSync(join(target, 'binding'))) {
    if (file.endsWith('.node')) {
      cpSync(join(target, 'binding', file), join(artifacts, file));
      rmSync(join(target, 'binding', file));
    }
  }
  return { dir: target, artifacts, manifest };
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

function checkTarball(/** @type {string} */ dir, /** @type {typeof MAIN_PACKAGE} */ expected) {
  const [packed] = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], { cwd: dir }));
  const files = packed.files.map((/** @type {{ path: string }} */ file) => file.path);
  for (const file of files) {
    assert.ok(
      expected.allowed.some((pattern) => pattern.test(file)),
      `${packed.name}: unexpected file in the tarball: ${file}`,
    );
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

/** A fresh project outside the repo that installs `spec` from the local registry. */
function consumer(/** @type {string} */ label, /** @type {string} */ spec, /** @type {string[]} */ installFlags = []) {
  const dir = join(work, 'consumers', label);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${label}`, private: true, version: '1.0.0' }),
  );
  run('npm', ['install', spec, ...installFlags], { cwd: dir });
  return dir;
}

/** @typedef {{ probe: string, expected: unknown }} Smoke */

const PROBE = (/** @type {string} */ pkg, /** @type {Smoke} */ smoke) => `
  const warnings = [];
  process.on('warning', (w) => warnings.push({ code: w.code, message: w.message }));
  const { default: api } = await import('${pkg}');
  const { createRequire } = await import('node:module');
  const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.endsWith('.node'));
  const result = await (${smoke.probe});
  await new Promise((resolve) => setImmediate(resolve));
  console.log(JSON.stringify({ implementation: api.implementation, result, loaded, warnings }));
`;

function probe(/** @type {string} */ dir, /** @type {string} */ pkg, /** @type {Smoke} */ smoke, env = {}) {
  return JSON.parse(run(process.execPath, ['--input-type=module', '-e', PROBE(pkg, smoke)], { cwd: dir, env }));
}

try {
  const names = run(process.execPath, [join(ROOT, 'scripts', 'napi-packages.mjs')])
    .trim()
    .split('\n');
  step('starting verdaccio');
  await startRegistry();

  // Every pair depends on the runtime, so it goes first, through the same script as in a release.
  const runtimeDir = join(ROOT, 'packages', 'runtime');
  const runtimeName = JSON.parse(readFileSync(join(runtimeDir, 'package.json'), 'utf8')).name;
  step(`${runtimeName}: publint, attw, what the tarball holds, publish`);
  run(join(BIN, 'publint'), ['run', '--strict', runtimeDir]);
  const runtimeTarball =
    run('npm', ['pack', '--pack-destination', work], { cwd: runtimeDir }).trim().split('\n').at(-1) ?? '';
  run(join(BIN, 'attw'), [join(work, runtimeTarball), '--profile', 'esm-only', '--format', 'table-flipped']);
  checkTarball(runtimeDir, RUNTIME_PACKAGE);
  run(process.execPath, [join(ROOT, 'scripts', 'publish.mjs'), runtimeDir], { cwd: ROOT });
  assert.match(
    run(process.execPath, [join(ROOT, 'scripts', 'publish.mjs'), runtimeDir], { cwd: ROOT }),
    /already published/,
    'publishing an unchanged runtime again is a no-op',
  );

  for (const name of names) {
    const { dir, artifacts, manifest } = stage(name);
    const pkg = manifest.name;
    const variable = `OXIDIZE_${upperSnake(name)}_IMPL`;
    /** @type {Smoke} */
    const smoke = JSON.parse(readFileSync(join(ROOT, 'packages', name, 'test', 'smoke.json'), 'utf8'));

    step(`${pkg}: publint and attw on the packed package`);
    run(join(BIN, 'publint'), ['run', '--strict', dir]);
    const tarball = run('npm', ['pack', '--pack-destination', work], { cwd: dir }).trim().split('\n').at(-1) ?? '';
    run(join(BIN, 'attw'), [join(work, tarball), '--profile', 'esm-only', '--format', 'table-flipped']);

    step(`${pkg}: what the tarball holds: an explicit list, no sources, tests or install scripts`);
    checkTarball(dir, MAIN_PACKAGE);

    step(`${pkg}: publishing with scripts/publish.mjs`);
    run(process.execPath, [join(ROOT, 'scripts', 'publish.mjs'), dir, '--artifacts', artifacts], { cwd: ROOT });
    for (const platformDir of readdirSync(join(dir, 'npm'))) {
      checkTarball(join(dir, 'npm', platformDir), PLATFORM_PACKAGE);
    }
    const published = JSON.parse(run('npm', ['view', pkg, '--json']));
    const platformPackages = Object.keys(published.optionalDependencies ?? {});
    assert.ok(platformPackages.length > 0, 'the published package lists its platform packages');
    for (const platform of platformPackages) {
      assert.equal(
        published.optionalDependencies[platform],
        manifest.version,
        `${platform} pinned to the exact version`,
      );
      assert.equal(JSON.parse(run('npm', ['view', platform, 'version', '--json'])), manifest.version);
    }
    assert.equal(
      published.scripts?.install ?? published.scripts?.postinstall ?? published.scripts?.preinstall,
      undefined,
      'no install scripts',
    );

    step(`${pkg}: 1. npm install → native, from the platform package`);
    const full = consumer(`${name}-full`, pkg);
    const native = probe(full, pkg, smoke);
    assert.equal(native.implementation, 'native');
    assert.deepEqual(native.result, smoke.expected);
    assert.equal(native.warnings.length, 0);
    assert.ok(
      native.loaded.some(
        (/** @type {string} */ file) => file.includes(`${platformPackages[0]}/`) && file.startsWith(full),
      ),
      `the binary is loaded from the installed platform package, got ${native.loaded}`,
    );

    step(`${pkg}: 2. npm install --omit=optional → the JS fallback, with its warning`);
    const slim = consumer(`${name}-slim`, pkg, ['--omit=optional']);
    const fallback = probe(slim, pkg, smoke);
    assert.equal(fallback.implementation, 'js');
    assert.deepEqual(fallback.result, smoke.expected);
    assert.equal(fallback.warnings.length, 1);
    assert.equal(fallback.warnings[0].code, 'OXIDIZE_NATIVE_FALLBACK');

    step(`${pkg}: 3. ESM, CommonJS and TypeScript consumers`);
    const expected = JSON.stringify(smoke.expected);
    writeFileSync(
      join(full, 'esm.mjs'),
      `import api from '${pkg}';\nconsole.log(api.implementation, JSON.stringify(await (${smoke.probe})));\n`,
    );
    writeFileSync(
      join(full, 'cjs.cjs'),
      `const api = require('${pkg}').default;\n(async () => console.log(api.implementation, JSON.stringify(await (${smoke.probe}))))();\n`,
    );
    assert.equal(run(process.execPath, ['esm.mjs'], { cwd: full }).trim(), `native ${expected}`);
    assert.equal(run(process.execPath, ['cjs.cjs'], { cwd: full }).trim(), `native ${expected}`);
    // The package's own test/consumer.ts, type-checked as a user's project would.
    cpSync(join(ROOT, 'packages', name, 'test', 'consumer.ts'), join(full, 'consumer.ts'));
    for (const moduleResolution of ['nodenext', 'bundler']) {
      const module = moduleResolution === 'nodenext' ? 'nodenext' : 'esnext';
      writeFileSync(
        join(full, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module,
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
      run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', full], { cwd: full });
    }

    step(`${pkg}: 4. a platform package from an older release is detected`);
    const drifted = `${manifest.version.replace(/\d+$/, (/** @type {string} */ patch) => String(Number(patch) + 1))}-drift.0`;
    const stale = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // A main package whose optional dependency still points at the previous release's binary.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...stale, version: drifted }, null, 2));
    run('npm', ['publish', '--tag', 'drift'], { cwd: dir });
    const old = consumer(`${name}-drift`, `${pkg}@${drifted}`);
    const detected = probe(old, pkg, smoke);
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
        env: { [variable]: 'native' },
      },
    );
    assert.match(forced, /version/);
    console.log(`  ${detected.warnings[0].message.split('. ')[0]}.`);
  }
  step('publish → install: all checks passed');
} finally {
  if (registry?.pid !== undefined) {
    process.kill(registry.pid);
    console.log(`stopped verdaccio (PID ${registry.pid})`);
  }
  rmSync(work, { recursive: true, force: true });
}
