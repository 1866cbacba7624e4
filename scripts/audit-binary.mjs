// `node scripts/audit-binary.mjs <file.node | directory>...`: audits napi-rs binaries before they are
// published, from one Linux host for every target (ELF, Mach-O and PE alike, with LLVM's tools), and
// exits with 1 naming each failed check. The target comes from the name the napi CLI gives the file,
// `<binaryName>.<platform>-<arch>[-<abi>].node`. Other scripts import auditBinary (one binary's
// checks) or auditBinaries (the printed report and whether all passed).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

// Users install a platform package without building anything: a binary must load on the oldest
// system we support, need nothing but the C runtime and stay small enough to download everywhere.
const MAX_GLIBC = '2.17'; // RHEL/CentOS 7, the baseline of Rust's *-linux-gnu targets and of napi-rs
const MAX_BYTES = 1024 * 1024;
// What Node looks up in an addon; any other export is an internal symbol leaking out (and, on Linux,
// one that can interpose on a symbol of the same name in Node or another addon).
const ENTRY_POINTS = ['napi_register_module_v1', 'node_api_module_get_api_version_v1'];

/** Libraries a binary may load: what every system running Node has. @type {Record<string, RegExp[]>} */
const ALLOWED_LIBRARIES = {
  gnu: [
    /^(?:libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libgcc_s\.so\.1)$/,
    /^ld-linux-[\w-]+\.so\.\d+$/,
  ],
  // libgcc_s (the unwinder): real musl binaries load it (@napi-rs/blake-hash 1.3.4). Node is C++ and
  // needs libstdc++, which needs libgcc, so it is there wherever Node runs on Alpine.
  musl: [/^libc\.musl-[\w-]+\.so\.1$/, /^libc\.so$/, /^libgcc_s\.so\.1$/],
  // libiconv: the libc crate links it on Apple targets (rust-lang/libc#2870; no longer std's copy,
  // but any crate using libc), real binaries load it (@node-rs/argon2 2.2.1, @napi-rs/lzma 1.5.3),
  // and it is part of macOS.
  darwin: [/^\/usr\/lib\/libSystem\.B\.dylib$/, /^\/usr\/lib\/libiconv\.2\.dylib$/],
  // Never the MSVC C runtime (vcruntime*, msvcp*, ucrtbase, api-ms-win-crt-*): it is only there when
  // the VC++ redistributable is installed, so it must be linked statically (+crt-static).
  win32: [
    /^(?:kernel32|ntdll|advapi32|bcrypt|bcryptprimitives|ws2_32|userenv|synchronization)\.dll$/i,
    /^api-ms-win-core-[\w-]+\.dll$/i,
  ],
};

/** Format and architecture as LLVM reports them, per napi platform and arch. @type {Record<string, RegExp>} */
const FORMATS = { linux: /^elf/, darwin: /^Mach-O/, win32: /^COFF/ };
/** @type {Record<string, string>} */
const ARCHES = { x64: 'x86_64', arm64: 'aarch64' };

/**
 * What crates/<binaryName>/Cargo.toml asks of its binary, under `[package.metadata.oxidize]`:
 * `require-avx512 = true` (x86_64 builds must hold AVX-512 code), `allow-exports = [...]` (symbols a
 * dependency exports, each with its reason in a comment there). Read through `cargo metadata`, a real
 * TOML parser: a typo fails here instead of switching a check off.
 * @returns {{ requireAvx512: boolean, allowExports: string[] }}
 */
function crateRules(/** @type {string} */ binaryName) {
  const manifest = join(import.meta.dirname, '..', 'crates', binaryName, 'Cargo.toml');
  if (!existsSync(manifest)) throw new Error(`no crates/${binaryName}/Cargo.toml: not a binary of this repository`);
  const metadata = JSON.parse(
    execFileSync(
      'cargo',
      ['metadata', '--format-version', '1', '--no-deps', '--offline', '--manifest-path', manifest],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  const own = metadata.packages.find(
    (/** @type {{ manifest_path: string }} */ p) => resolve(p.manifest_path) === resolve(manifest),
  );
  const rules = own?.metadata?.oxidize ?? {};
  // debug-break is scripts/debug.mjs's (where `npm run debug -- <pair> --check` stops); known, so
  // that a misspelt key of either script fails here.
  const known = ['require-avx512', 'allow-exports', 'debug-break'];
  const unknown = Object.keys(rules).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new Error(`${manifest}: unknown [package.metadata.oxidize] keys: ${unknown.join(', ')}`);
  const requireAvx512 = rules['require-avx512'] ?? false;
  const allowExports = rules['allow-exports'] ?? [];
  if (
    typeof requireAvx512 !== 'boolean' ||
    !Array.isArray(allowExports) ||
    allowExports.some((name) => typeof name !== 'string')
  )
    throw new Error(`${manifest}: require-avx512 must be a boolean and allow-exports a list of names`);
  return { requireAvx512, allowExports };
}

/** @type {Map<string, string>} */
const tools = new Map();

/** The LLVM tool `name`: plain, or versioned as Ubuntu installs it (llvm-objdump-18). */
function tool(/** @type {string} */ name) {
  const found = tools.get(name);
  if (found) return found;
  let bindir = '';
  try {
    // Ubuntu's runners install LLVM with versioned names only (llvm-objdump-18); llvm-config knows where.
    bindir = execFileSync('llvm-config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    // no llvm-config: try the names on PATH
  }
  const versions = Array.from({ length: 11 }, (_, at) => 24 - at);
  const candidates = [
    name,
    ...(bindir ? [join(bindir, name)] : []),
    ...versions.map((version) => `${name}-${version}`),
  ];
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      tools.set(name, candidate);
      return candidate;
    } catch {
      // not installed under this name: try the next one
    }
  }
  throw new Error(`${name} not found (nor ${name}-24 … ${name}-14): install LLVM (Debian/Ubuntu package \`llvm\`)`);
}

const run = (/** @type {string} */ name, /** @type {string[]} */ args) =>
  execFileSync(tool(name), args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });

/** The first group of each match of `pattern` (a /g regular expression) in `text`. */
const groups = (/** @type {string} */ text, /** @type {RegExp} */ pattern) =>
  [...text.matchAll(pattern)].map((m) => m[1]);

/** Dotted versions in numeric order: 2.2.5 < 2.3 < 2.14 < 2.17 < 2.17.1. */
const compareVersions = (/** @type {string} */ a, /** @type {string} */ b) =>
  a.localeCompare(b, 'en', { numeric: true });

/** @typedef {{ name: string, ok: boolean, detail: string }} Check */

/**
 * Audits one napi-rs binary; throws when its name or format is not a napi-rs target's.
 * @param {string} file
 * @returns {{ file: string, target: string, checks: Check[] }}
 */
export function auditBinary(file) {
  const match = /\.(linux|darwin|win32)-(x64|arm64)(?:-(gnu|musl|msvc))?\.node$/.exec(basename(file));
  if (!match || (match[1] === 'linux') !== (match[3] === 'gnu' || match[3] === 'musl'))
    throw new Error('not named <binaryName>.<platform>-<arch>[-<abi>].node for a supported target');
  const [, platform, arch, abi] = match;
  const target = match[0].slice(1, -'.node'.length);
  const sections = run('llvm-readobj', ['--sections', file]);
  const format = /^Format: (.*)$/m.exec(sections)?.[1] ?? '?';
  const machine = /^Arch: (.*)$/m.exec(sections)?.[1] ?? '?';
  if (!FORMATS[platform].test(format) || machine !== ARCHES[arch])
    throw new Error(`is ${format} (${machine}), not ${target}`);
  const sectionNames = groups(sections, /^ +Name: (\S*) \(/gm);
  const rules = crateRules(basename(file).split('.')[0] ?? '');
  /** @type {(name: string, ok: boolean, detail: string) => Check} */
  const check = (name, ok, detail) => ({ name, ok, detail });

  /** @returns {Check} */
  function glibc() {
    if (platform !== 'linux') return check('glibc', true, 'n/a');
    // Versions the loader checks: per library in .gnu.version_r (musl's loader ignores them, but any
    // means the binary was linked against glibc's libraries).
    const needs = run('llvm-readobj', ['--version-info', file]).split('VersionRequirements')[1] ?? '';
    const required = [];
    let from = '';
    for (const [, library, version] of needs.matchAll(/FileName: (\S+)|Name: GLIBC_([\d.]+)/g))
      if (library) from = library;
      else required.push({ version, from });
    if (abi === 'musl') {
      const found = required.map((r) => `GLIBC_${r.version} (${r.from})`);
      return check('glibc', !found.length, found.join(', ') || 'none');
    }
    const highest = required.reduce((max, r) => (compareVersions(r.version, max) > 0 ? r.version : max), '');
    if (!highest) return check('glibc', true, 'none');
    return check('glibc', compareVersions(highest, MAX_GLIBC) <= 0, `GLIBC_${highest}, limit ${MAX_GLIBC}`);
  }

  /** @returns {Check} */
  function dependencies() {
    /** @type {string[]} */
    let libraries;
    if (platform === 'darwin') {
      // Not LC_ID_DYLIB, the binary's own (build machine) install name, which is no dependency.
      const commands = run('llvm-objdump', ['--macho', '--private-headers', file]);
      libraries = groups(
        commands,
        /cmd LC_(?:LOAD|LOAD_WEAK|REEXPORT|LAZY_LOAD|LOAD_UPWARD)_DYLIB\n.*\n\s+name (\S+)/g,
      );
    } else if (platform === 'win32') {
      // Delay-loaded DLLs too: they must exist as soon as one of their functions is called.
      const imports = run('llvm-readobj', ['--coff-imports', file]);
      libraries = [...new Set(groups(imports, /^(?:Delay)?Import \{\n\s+Name: (\S+)/gm))];
    } else {
      const needed = run('llvm-readobj', ['--needed-libs', file]).split('NeededLibraries [')[1] ?? '';
      libraries = groups(needed.split(']')[0], /(\S+)/g);
    }
    const allowed = ALLOWED_LIBRARIES[platform === 'linux' ? abi : platform];
    const extra = libraries.filter((library) => !allowed.some((pattern) => pattern.test(library)));
    const crt = extra.some((library) => /^(?:vcruntime|msvcp|ucrtbase|api-ms-win-crt-)/i.test(library));
    const detail = extra.length
      ? `not allowed: ${extra.join(', ')}${crt ? ' (MSVC C runtime not linked statically)' : ''}`
      : libraries.join(', ');
    return check('dependencies', !extra.length, detail || 'none');
  }

  /** @returns {Check} */
  function avx512() {
    // A crate's AVX-512 kernels may be C (a SIMD hashing crate's are), compiled by the build machine's
    // compiler: one too old to know AVX-512 drops them silently, and the binary is then up to twice as slow on the CPUs that have it.
    // A crate with such kernels says so in its Cargo.toml; for the others the count is information.
    if (arch !== 'x64') return check('avx512', true, 'n/a');
    const disassembly = run('llvm-objdump', ['-d', '--no-show-raw-insn', file]);
    const count = disassembly.split('\n').filter((line) => /\bzmm\d/.test(line)).length;
    const required = rules.requireAvx512;
    const detail = `${count} instructions using zmm registers${required ? '' : ' (not required by its crate)'}`;
    return check('avx512', count > 0 || !required, detail);
  }

  /** @returns {Check} */
  function stripped() {
    // Stripped means what `strip` (or Cargo's strip = "symbols") leaves, per format. ELF: no .symtab
    // (exports live in .dynsym) and no DWARF sections. Mach-O: no local symbols (the symbol table
    // keeps the exports and the imports dyld binds; unstripped builds add locals and debug-map STABs)
    // and no __DWARF sections. PE: no COFF symbol table and no .debug sections (a debug directory
    // naming a PDB is harmless: the PDB is not shipped).
    const debug = sectionNames.filter((name) => /^(?:\.z?debug|__debug)/.test(name));
    const found = debug.length ? [`debug sections: ${debug.join(', ')}`] : [];
    if (platform === 'linux' && sectionNames.includes('.symtab')) found.push('.symtab');
    if (platform === 'darwin') {
      // radr://5614542 is the marker Apple's strip and ld64 leave in a stripped binary.
      const locals = groups(run('llvm-nm', ['-a', file]), /^[\da-f]+ [a-z-] (?:.* )?(\S+)$/gm).filter(
        (name) => name !== 'radr://5614542',
      );
      if (locals.length)
        found.push(`${locals.length} local symbols: ${locals.slice(0, 3).join(', ')}${locals.length > 3 ? ', …' : ''}`);
    }
    if (platform === 'win32') {
      const symbols = Number(/SymbolCount: (\d+)/.exec(run('llvm-readobj', ['--file-headers', file]))?.[1] ?? 0);
      if (symbols) found.push(`COFF symbol table (${symbols} symbols)`);
    }
    return check('stripped', !found.length, found.join('; ') || 'yes');
  }

  /** @returns {Check} */
  function size() {
    const bytes = statSync(file).size;
    return check('size', bytes <= MAX_BYTES, `${bytes.toLocaleString('en')} bytes, limit 1 MiB`);
  }

  /** @returns {Check} */
  function exports() {
    /** @type {string[]} */
    let names;
    if (platform === 'darwin')
      names = groups(run('llvm-objdump', ['--macho', '--exports-trie', file]), /^0x\w+\s+_(\S+)/gm);
    else if (platform === 'win32') names = groups(run('llvm-readobj', ['--coff-exports', file]), /^\s+Name: (\S+)/gm);
    else names = run('llvm-nm', ['-D', '--defined-only', '--extern-only', '-j', file]).split('\n').filter(Boolean);
    const extra = names.filter((name) => !ENTRY_POINTS.includes(name) && !rules.allowExports.includes(name));
    const missing = names.includes(ENTRY_POINTS[0]) ? [] : [`${ENTRY_POINTS[0]} missing`];
    const problems = [...missing, ...(extra.length ? [`unexpected: ${extra.join(', ')}`] : [])];
    return check('exports', !problems.length, problems.join('; ') || names.join(', '));
  }

  return { file, target, checks: [glibc(), dependencies(), avx512(), stripped(), size(), exports()] };
}

/** The `*.node` files among `paths`, directories searched recursively. */
function binaries(/** @type {string[]} */ paths) {
  return paths.flatMap((path) =>
    statSync(path, { throwIfNoEntry: false })?.isDirectory()
      ? readdirSync(path, { recursive: true, encoding: 'utf8' })
          .filter((name) => name.endsWith('.node'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

/**
 * Audits the binaries among `paths` (files or directories), prints a table per binary and then every
 * failure, each naming the binary, the check and what was measured.
 * @param {string[]} paths
 * @returns {boolean} whether every binary passed every check
 */
export function auditBinaries(paths) {
  const files = binaries(paths);
  const failures = files.length ? [] : [`no .node files in ${paths.join(', ')}`];
  for (const file of files) {
    try {
      const { target, checks } = auditBinary(file);
      const rows = [['check', 'result', 'detail'], ...checks.map((c) => [c.name, c.ok ? 'ok' : 'FAIL', c.detail])];
      const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column].length)));
      console.log(`\n${file} (${target})`);
      for (const row of rows) console.log(`  ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`);
      for (const c of checks) if (!c.ok) failures.push(`${file}: ${c.name}: ${c.detail}`);
    } catch (error) {
      failures.push(`${file}: ${error instanceof Error ? error.message : error}`);
    }
  }
  if (failures.length) {
    const lines = failures.map((failure) => `  ✗ ${failure}`).join('\n');
    console.error(`\naudit-binary: ${failures.length} problem(s), do not publish:\n${lines}`);
  } else console.log(`\naudit-binary: ${files.length} binaries passed`);
  return !failures.length;
}

if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  const paths = process.argv.slice(2);
  if (!paths.length || paths.includes('--help')) {
    console.error('usage: node scripts/audit-binary.mjs <file.node | directory>...');
    process.exit(2);
  }
  process.exit(auditBinaries(paths) ? 0 : 1);
}
