// The version of a napi pair lives in three places: package.json (what npm installs, and what the
// platform packages and optionalDependencies are made from), Cargo.toml, and the binary built from
// it. `npm run bump` sets them together; this test fails if they ever differ.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

test('package.json, Cargo.toml and the built binary agree on the version', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'packages', 'blake3', 'package.json'), 'utf8'));
  const cargo = readFileSync(join(ROOT, 'crates', 'blake3', 'Cargo.toml'), 'utf8').match(/^version = "(.*)"$/m)?.[1];
  const binding = require('../binding/index.cjs') as { version(): string };
  expect(cargo).toBe(version);
  expect(binding.version()).toBe(version);
});
