// What every benchmark suite shares: the quick switch, where results go, the machine they ran on.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `npm run bench:quick` (BENCH_QUICK=1): every suite at reduced time, results kept apart. */
export const QUICK = process.env.BENCH_QUICK === '1';
/**
 * `npm run bench -- --readme` (BENCH_README=1): the results this repository commits and the README
 * quotes. Without it a full run writes beside them, gitignored, and prints its report: benchmarking
 * a clone changes none of its tracked files.
 */
export const README = process.env.BENCH_README === '1' && !QUICK;

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `--readme` runs write the committed results; other runs write beside them, gitignored. */
export const RESULTS = join(ROOT, 'benches', 'results', ...(QUICK ? ['quick'] : README ? [] : ['latest']));

export const KiB = 1024;
export const MiB = 1024 * KiB;

export const SIZES: { label: string; bytes: number }[] = [
  { label: '64 B', bytes: 64 },
  { label: '1 KiB', bytes: KiB },
  { label: '64 KiB', bytes: 64 * KiB },
  { label: '1 MiB', bytes: MiB },
  { label: '16 MiB', bytes: 16 * MiB },
];

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  rustc: string;
  date: string;
  quick: boolean;
}

export function machine(): Machine {
  let rustc = 'unknown';
  try {
    rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // rustc is not needed to run the JavaScript suites; the field just says so.
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    rustc,
    date: new Date().toISOString(),
    quick: QUICK,
  };
}

/** Writes `benches/results/<suite>.json` with the machine it was measured on. */
export function writeResults(suite: string, results: unknown): string {
  const file = join(RESULTS, `${suite}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ suite, machine: machine(), results }, null, 2)}\n`);
  console.log(`wrote ${file}`);
  return file;
}

export function pattern(bytes: number): Uint8Array {
  const input = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) input[i] = i % 251;
  return input;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
