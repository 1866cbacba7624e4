// The ceiling: the blake3 crate in pure Rust, one thread and all threads, from
// `cargo run --release --example ceiling` (crates/blake3/examples/ceiling.rs). The report sets
// native-from-Node against it.
import { execFileSync } from 'node:child_process';
import { QUICK, ROOT, writeResults } from '../lib/common.js';

const args = ['run', '--quiet', '--release', '--package', 'oxidize-blake3', '--example', 'ceiling', '--', '--json'];
const out = execFileSync('cargo', QUICK ? [...args, '--quick'] : args, { cwd: ROOT, encoding: 'utf8' });
const ceiling = JSON.parse(out);
console.table(ceiling.ceiling);
writeResults('blake3', 'ceiling', ceiling);
