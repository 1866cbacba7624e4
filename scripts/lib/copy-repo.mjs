// A copy of this repository outside it, as a clone would have it (tracked and new, unignored
// files; no node_modules, no build outputs), for the tests that change a repository: the rename
// and the scaffolding of a new pair run on a copy, never on the work tree.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Copies the repository into a new temporary directory, commits nothing, returns its path. */
export function copyRepository(/** @type {string} */ label) {
  const copy = mkdtempSync(join(tmpdir(), `oxidize-${label}-`));
  // Like a clone: traversable by others (one test runs a child process as the user nobody).
  chmodSync(copy, 0o755);
  const list = (/** @type {string[]} */ args) =>
    execFileSync('git', ['ls-files', '-z', ...args], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  for (const file of [...list([]), ...list(['--others', '--exclude-standard'])]) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    try {
      cpSync(join(ROOT, file), join(copy, file));
    } catch {
      // Deleted in the work tree but not yet in the index.
    }
  }
  execFileSync('git', ['init', '-q'], { cwd: copy });
  execFileSync('git', ['add', '-A'], { cwd: copy });
  return copy;
}

/** The step logger both tests use: seconds since start, then what is happening. */
export function stepper() {
  const started = Date.now();
  return (/** @type {string} */ message) =>
    console.log(`\n[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`);
}
