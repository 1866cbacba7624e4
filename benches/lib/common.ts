// What every benchmark suite shares: the quick switch, where results go, the machine they ran on.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
/**
 * Where a pair's suites write: benches/<pair>/results/, the committed results, for `--readme`
 * runs; beside them (quick/, latest/, gitignored) for the others. Inside the pair's folder, so
 * that its results leave with it (`npm run remove`).
 */
export function resultsDir(pair: string): string {
  return join(ROOT, 'benches', pair, 'results', ...(QUICK ? ['quick'] : README ? [] : ['latest']));
}

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

/** The machine as the README's tables name it: CPU, cores, memory, OS, Node, rustc, date. */
export const describeMachine = (m: Machine): string =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ${m.rustc}, ${m.date.slice(0, 10)}`;

/**
 * Replaces the README's text between `<!-- name:start -->` and `<!-- name:end -->`. A section the
 * README lacks is an error, unless `orBefore` names a marker to insert it before, wrapped in
 * `wrap` (a pair's sweep goes inside its pair's markers, so that it leaves with the pair).
 */
export function writeReadmeSection(
  name: string,
  content: string,
  orBefore?: { marker: string; wrap: [string, string] },
): void {
  const path = join(ROOT, 'README.md');
  let text = readFileSync(path, 'utf8');
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  if (!text.includes(start) && orBefore && text.includes(orBefore.marker)) {
    const block = [orBefore.wrap[0], start, end, orBefore.wrap[1], ''].join('\n');
    text = text.replace(orBefore.marker, `${block}${orBefore.marker}`);
  }
  if (!text.includes(start) || !text.includes(end)) throw new Error(`README.md lacks the ${start} / ${end} markers`);
  writeFileSync(
    path,
    `${text.slice(0, text.indexOf(start) + start.length)}\n${content}\n${text.slice(text.indexOf(end))}`,
  );
  console.log(`README.md: wrote the ${name} section`);
}

/** A Markdown table, as lines: the first column left-aligned (names), the others right (numbers). */
export function markdownTable(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

/** Writes `benches/<pair>/results/…/<suite>.json` with the machine it was measured on. */
export function writeResults(pair: string, suite: string, results: unknown): string {
  const file = join(resultsDir(pair), `${suite}.json`);
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
