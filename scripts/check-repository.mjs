// Fails unless every package about to be published names, in package.json `repository.url`, the
// GitHub repository this workflow runs in. npm provenance compares the two and rejects the publish
// with E422 when they differ (or the field is missing) — after the binaries are built, and possibly
// after some packages of the release went out. The release workflow runs this first in its publish
// job, dry runs included; the platform packages get their `repository` from their main package
// (`napi create-npm-dirs` copies it, and scripts/publish.mjs checks that it did).
//
//   node scripts/check-repository.mjs <owner>/<repo> <package-dir>...
//   e.g. node scripts/check-repository.mjs "$GITHUB_REPOSITORY" packages/runtime packages/fuzzy
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { githubRepository, PLACEHOLDER } from './lib/repository.mjs';

const [expected, ...dirs] = process.argv.slice(2);
if (expected === undefined || !/^[^/\s]+\/[^/\s]+$/.test(expected) || dirs.length === 0) {
  console.error('usage: node scripts/check-repository.mjs <owner>/<repo> <package-dir>...');
  process.exit(2);
}

const problems = [];
for (const dir of dirs) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const found = githubRepository(manifest.repository);
  // Compared as written: GitHub ignores case in URLs, but provenance names the repository as
  // GitHub spells it, and nothing says npm's comparison ignores case.
  const ok = found === expected;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${manifest.name} (${dir}): repository.url ${url ?? '(none)'}`);
  if (ok) continue;
  if (found === PLACEHOLDER)
    problems.push(`${dir}/package.json still has the template's placeholder ${PLACEHOLDER} (README: First-time setup)`);
  else problems.push(`${dir}/package.json: repository.url must be git+https://github.com/${expected}.git`);
}
if (problems.length > 0) {
  for (const problem of problems) console.log(`::error::${problem}`);
  console.error(
    `\nnpm provenance would reject these packages (E422): their repository.url must name ${expected}, the repository the workflow runs in.`,
  );
  process.exit(1);
}
console.log(`every package names github.com/${expected}`);
