// A real npm registry for the release test: Verdaccio, offline, on 127.0.0.1, with one user.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

/**
 * Starts Verdaccio with its storage in `work`. Returns its URL, the environment that points npm at
 * it (a private cache: a re-run publishes the same versions with new contents), and `stop()`,
 * which kills it by its PID.
 */
export async function startRegistry(/** @type {string} */ verdaccio, /** @type {string} */ work) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(work, 'verdaccio.yaml');
  // No uplinks: the registry serves only what the test publishes, and never reaches the network.
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
  const server = spawn(verdaccio, ['--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = () => {
    if (server.exitCode === null && server.pid !== undefined) process.kill(server.pid);
  };
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${url}-/ping`)).ok) break;
      } catch {
        // Not listening yet.
      }
      if (attempt > 100 || server.exitCode !== null) throw new Error('verdaccio did not start');
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
    /** @type {Record<string, string>} */
    const env = {
      NPM_CONFIG_USERCONFIG: npmrc,
      NPM_CONFIG_CACHE: join(work, 'npm-cache'),
      NPM_CONFIG_AUDIT: 'false',
      NPM_CONFIG_FUND: 'false',
      NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    };
    return { url, port, env, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
