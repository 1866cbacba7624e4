//! The ceiling for the Node benchmarks: the `blake3` crate in pure Rust, no Node-API in between,
//! on one thread and on all threads; and the input size at which all threads start to pay, which
//! sets `PARALLEL_THRESHOLD`. Run: `cargo run --release --example ceiling [--json] [--quick]`.
//! `-- --size BYTES [--budget-ms MS]` measures one size and prints it as one JSON row: the ceiling
//! suite calls it between its own timings of the addon, so that both are measured moments apart.

use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Median MB/s (10^6 bytes per second) of `work` over `input`, from runs of at least 20 ms each.
fn throughput(input: &[u8], budget: Duration, work: impl Fn(&[u8]) -> blake3::Hash) -> f64 {
    let mut per_run = Vec::new();
    let batch = (BATCH_BYTES / input.len().max(1)).clamp(1, 1024) as u64;
    let deadline = Instant::now() + budget;
    while per_run.len() < 5 || Instant::now() < deadline {
        let start = Instant::now();
        let mut iterations = 0u64;
        // The clock is read once per batch: reading it costs tens of nanoseconds on some
        // machines (a virtual clock source), as much as hashing 64 B.
        while start.elapsed() < Duration::from_millis(20) {
            for _ in 0..batch {
                black_box(work(black_box(input)));
            }
            iterations += batch;
        }
        per_run.push(iterations as f64 * input.len() as f64 / start.elapsed().as_secs_f64() / 1e6);
    }
    per_run.sort_by(f64::total_cmp);
    per_run[per_run.len() / 2]
}

/// Bytes hashed between two readings of the clock (at least one call).
const BATCH_BYTES: usize = 64 * 1024;

/// The one-shot function, as the addon hashes a plain digest below the parallel threshold: at small
/// sizes it is faster than a `Hasher`, whose incremental state it skips.
fn one_thread(input: &[u8]) -> blake3::Hash {
    blake3::hash(input)
}

fn all_threads(input: &[u8]) -> blake3::Hash {
    blake3::Hasher::new().update_rayon(input).finalize()
}

fn pattern(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i % 251) as u8).collect()
}

/// `{"bytes":…,"oneThreadMBps":…,"allThreadsMBps":…}`
fn json_row(size: usize, one: f64, all: f64) -> String {
    format!(r#"{{"bytes":{size},"oneThreadMBps":{one:.1},"allThreadsMBps":{all:.1}}}"#)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value_of = |name: &str| -> Option<u64> {
        let at = args.iter().position(|arg| arg == name)?;
        match args.get(at + 1).map(|value| value.parse()) {
            Some(Ok(value)) => Some(value),
            _ => panic!("{name} takes a whole number"),
        }
    };
    let json = args.iter().any(|arg| arg == "--json");
    let budget = match value_of("--budget-ms") {
        Some(ms) => Duration::from_millis(ms),
        None if args.iter().any(|arg| arg == "--quick") => Duration::from_millis(30),
        None => Duration::from_millis(400),
    };
    if let Some(size) = value_of("--size") {
        let input = pattern(size as usize);
        let one = throughput(&input, budget, one_thread);
        let all = throughput(&input, budget, all_threads);
        println!("{}", json_row(input.len(), one, all));
        return;
    }
    let sizes = [64, 1 << 10, 64 << 10, 1 << 20, 16 << 20];
    let sweep = [
        16 << 10,
        32 << 10,
        64 << 10,
        128 << 10,
        256 << 10,
        512 << 10,
        1 << 20,
    ];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Both lists hold 64 KiB and 1 MiB: each size is measured once and reported in both.
    let measured: BTreeMap<usize, (f64, f64)> = sizes
        .iter()
        .chain(&sweep)
        .copied()
        .collect::<BTreeSet<usize>>()
        .into_iter()
        .map(|size| {
            let input = pattern(size);
            let one = throughput(&input, budget, one_thread);
            (size, (one, throughput(&input, budget, all_threads)))
        })
        .collect();
    let rows_for = |list: &[usize]| -> Vec<(usize, f64, f64)> {
        list.iter()
            .map(|size| (*size, measured[size].0, measured[size].1))
            .collect()
    };
    let ceiling = rows_for(&sizes);
    let crossover = rows_for(&sweep);
    if json {
        let rows = |rows: &[(usize, f64, f64)]| {
            rows.iter()
                .map(|&(size, one, all)| json_row(size, one, all))
                .collect::<Vec<_>>()
                .join(",")
        };
        println!(
            r#"{{"threads":{threads},"parallelThreshold":{},"ceiling":[{}],"crossover":[{}]}}"#,
            oxidize_blake3::hash::PARALLEL_THRESHOLD,
            rows(&ceiling),
            rows(&crossover)
        );
        return;
    }
    println!("blake3 crate, pure Rust, {threads} threads available (MB/s, median)");
    println!("{:>10} {:>12} {:>12}", "bytes", "one thread", "all threads");
    for (size, one, all) in ceiling.iter().chain(&crossover) {
        println!("{size:>10} {one:>12.0} {all:>12.0}");
    }
    println!(
        "PARALLEL_THRESHOLD is {} bytes: the smallest size where all threads beat one",
        oxidize_blake3::hash::PARALLEL_THRESHOLD
    );
}
