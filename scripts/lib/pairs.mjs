// The pairs of a repository: the packages under packages/ whose package.json has a `napi` field
// (runtime and testkit have none). One definition, for the commands, their tests and CI
// (scripts/napi-packages.mjs prints it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The pairs' folder names under `root`/packages, in directory order. */
export function pairNames(/** @type {string} */ root = join(import.meta.dirname, '..', '..')) {
  const packages = join(root, 'packages');
  return readdirSync(packages).filter((name) => {
    const manifest = join(packages, name, 'package.json');
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).napi !== undefined;
  });
}
