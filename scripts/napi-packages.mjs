// Lists the napi packages of the monorepo (packages/<name> whose package.json has a `napi` field),
// one name per line, or as a JSON array with --json (for a GitHub Actions matrix).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', 'packages');
const names = readdirSync(root).filter((name) => {
  const manifest = join(root, name, 'package.json');
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).napi !== undefined;
});
console.log(process.argv.includes('--json') ? JSON.stringify(names) : names.join('\n'));
