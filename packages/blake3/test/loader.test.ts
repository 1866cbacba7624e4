// How the default export chooses, observed in fresh Node processes (the choice is made once, at import).
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

const PROBE = `
  let warnings = [];
  process.on('warning', (w) => warnings.push({ code: w.code, message: w.message }));
  import('@oxidize/blake3').then(
    (m) => setImmediate(() => console.log(JSON.stringify({ implementation: m.implementation, digest: Buffer.from(m.hash('abc')).toString('hex'), warnings }))),
    (e) => console.log(JSON.stringify({ error: e.message, cause: String(e.cause) })),
  );
`;
const ABC = '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85';
// The override honoured by napi-rs's generated loader; pointing it nowhere simulates a platform
// with no binary (or an install made with --omit=optional).
const BROKEN = { NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/blake3.node' };
// The triple napi-rs names this machine's binary with, e.g. linux-x64-gnu, darwin-arm64, win32-x64-msvc.
const TRIPLE = `${process.platform}-${process.arch}(-gnu|-musl|-msvc)?`;

function probe(env: Record<string, string>, script = PROBE) {
  const { OXIDIZE_BLAKE3_IMPL: _, NAPI_RS_NATIVE_LIBRARY_PATH: __, ...inherited } = process.env;
  const out = execFileSync(process.execPath, ['--input-type=commonjs', '-e', script], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out);
}

test('native by default, without a warning', () => {
  expect(probe({})).toEqual({ implementation: 'native', digest: ABC, warnings: [] });
});

test('OXIDIZE_BLAKE3_IMPL=js forces JavaScript, without a warning', () => {
  expect(probe({ OXIDIZE_BLAKE3_IMPL: 'js' })).toEqual({ implementation: 'js', digest: ABC, warnings: [] });
});

test('falls back to JavaScript with one warning when the addon cannot load', () => {
  const result = probe(BROKEN);
  expect(result.implementation).toBe('js');
  expect(result.digest).toBe(ABC);
  expect(result.warnings).toHaveLength(1);
  expect(result.warnings[0].code).toBe('OXIDIZE_NATIVE_FALLBACK');
  expect(result.warnings[0].message).toMatch(new RegExp(`@oxidize/blake3-${TRIPLE}`));
  expect(result.warnings[0].message).toContain('OXIDIZE_BLAKE3_IMPL=js');
});

test('forced native that cannot load throws, naming the platform, the package and the cause', () => {
  const result = probe({ ...BROKEN, OXIDIZE_BLAKE3_IMPL: 'native' });
  expect(result.error).toMatch(new RegExp(`native addon for ${TRIPLE} `));
  expect(result.error).toMatch(new RegExp(`@oxidize/blake3-${TRIPLE}`));
  expect(result.cause).toContain('Cannot find native binding');
});

test('importing /native throws the same clear error when the addon cannot load', () => {
  const script = PROBE.replace("import('@oxidize/blake3')", "import('@oxidize/blake3/native')");
  expect(probe(BROKEN, script).error).toMatch(new RegExp(`native addon for ${TRIPLE} `));
});

test('an unknown OXIDIZE_BLAKE3_IMPL value is an error, not a silent default', () => {
  expect(probe({ OXIDIZE_BLAKE3_IMPL: 'rust' }).error).toContain('OXIDIZE_BLAKE3_IMPL must be "js" or "native"');
});
