// Lists the napi packages of the monorepo (packages/<name> whose package.json has a `napi` field),
// one name per line, or as a JSON array with --json (for a GitHub Actions matrix).
import { pairNames } from './lib/pairs.mjs';

const names = pairNames();
console.log(process.argv.includes('--json') ? JSON.stringify(names) : names.join('\n'));
