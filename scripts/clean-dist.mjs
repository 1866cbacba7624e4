// Part of `npm run build`: empties every package's dist/ before TypeScript compiles. `tsc -b` never
// deletes the output of a source that was renamed or removed, and npm packs all of dist/: a stale
// file would ship, importable, although no source makes it any more (npm run test:release checks).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const packages = join(import.meta.dirname, '..', 'packages');
for (const name of readdirSync(packages)) rmSync(join(packages, name, 'dist'), { recursive: true, force: true });
