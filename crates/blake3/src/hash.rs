//! The work itself, in plain Rust: no Node-API types, so it is unit-tested with `cargo test`
//! and reads like any other Rust code. `lib.rs` only converts arguments and calls in here.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use oxidize_napi::{Cancel, IoError, blocking, trigger_test_panic, try_zeroed};

pub use crate::error::HashError;

/// Inputs at least this long are hashed on all cores (blake3's rayon support). Below it the cost of
/// handing work to the thread pool exceeds what more cores save. Measured with
/// `cargo run --release --example ceiling`: on 2 cores all threads lose at 128 KiB and win from
/// 256 KiB on (the README has the numbers).
pub const PARALLEL_THRESHOLD: usize = 256 * 1024;

/// How much is hashed (or output) between two checks of the cancel flag, and how much `hash_file`
/// reads at once from a file of known size. Large enough to keep every core busy, small enough
/// that a cancel is noticed within milliseconds.
const SLICE: usize = 4 * 1024 * 1024;

/// Reads from anything without a reliable size (a FIFO, a device, `/proc`) ask for this much:
/// some kernel files refuse a 4 MiB request (ENOMEM), and `fs.readFile` asks for the same.
const STREAM_READ: usize = 64 * 1024;

/// The longest digest, in bytes (BLAKE3's output is extendable; the API caps it at 1 GiB).
pub const MAX_LENGTH: usize = 1 << 30;

/// What BLAKE3 computes: a plain hash, a keyed hash (MAC), or a key derivation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Plain,
    Keyed([u8; blake3::KEY_LEN]),
    DeriveKey(String),
}

impl Mode {
    pub fn new(key: Option<&[u8]>, context: Option<String>) -> Result<Self, HashError> {
        match (key, context) {
            (Some(_), Some(_)) => Err(HashError::KeyWithContext),
            (Some(key), None) => key
                .try_into()
                .map(Mode::Keyed)
                .map_err(|_| HashError::KeyLength(key.len())),
            (None, Some(context)) => {
                trigger_test_panic(context.as_bytes());
                Ok(Mode::DeriveKey(context))
            }
            (None, None) => Ok(Mode::Plain),
        }
    }

    pub fn hasher(&self) -> blake3::Hasher {
        match self {
            Mode::Plain => blake3::Hasher::new(),
            Mode::Keyed(key) => blake3::Hasher::new_keyed(key),
            Mode::DeriveKey(context) => blake3::Hasher::new_derive_key(context),
        }
    }
}

/// A digest length as JavaScript passes it (a number): an integer from 1 to [`MAX_LENGTH`].
pub fn digest_length(length: f64) -> Result<usize, HashError> {
    if length.fract() == 0.0 && (1.0..=MAX_LENGTH as f64).contains(&length) {
        Ok(length as usize)
    } else {
        Err(HashError::Length(length))
    }
}

/// Feeds `input` to `hasher`, on all cores when it is large enough to pay for it.
pub fn update(hasher: &mut blake3::Hasher, input: &[u8]) {
    trigger_test_panic(input);
    if input.len() >= PARALLEL_THRESHOLD {
        hasher.update_rayon(input);
    } else {
        hasher.update(input);
    }
}

/// Writes the hash of `input` into `output`; `output.len()` is the digest length (any length:
/// BLAKE3 is an extendable-output function, and the first 32 bytes are the standard digest).
pub fn hash_into(mode: &Mode, input: &[u8], output: &mut [u8]) {
    // The common case, a standard-length plain digest of a small input, without a Hasher: blake3's
    // one-shot function skips setting up the incremental state, which is most of the cost at 64 B.
    if *mode == Mode::Plain && output.len() == blake3::OUT_LEN && input.len() < PARALLEL_THRESHOLD {
        trigger_test_panic(input);
        output.copy_from_slice(blake3::hash(input).as_bytes());
        return;
    }
    let mut hasher = mode.hasher();
    update(&mut hasher, input);
    hasher.finalize_xof().fill(output);
}

/// The header of a scratch block: the input's length and the digest's, two `u32`s in the
/// machine's byte order. The input follows it; the digest is written into the block's last bytes.
pub const SCRATCH_HEADER: usize = 8;

/// The size of the scratch block: room for a 2 KiB input and a 64-byte digest. Above about 2 KiB,
/// copying the input into the block costs more than converting it as an argument saves.
pub const SCRATCH_BYTES: usize = SCRATCH_HEADER + 2048 + 64;

/// Hashes the input a scratch block holds into the same block, in plain mode (the layout is
/// [`SCRATCH_HEADER`]'s). A header that claims more than the block holds is refused.
pub fn hash_scratch(block: &mut [u8]) -> Result<(), HashError> {
    let capacity = block.len().saturating_sub(SCRATCH_HEADER);
    let length_at = |at: usize| {
        block
            .get(at..at + 4)
            .and_then(|bytes| bytes.try_into().ok())
            .map_or(usize::MAX, |bytes| u32::from_ne_bytes(bytes) as usize)
    };
    let (input_len, output_len) = (length_at(0), length_at(4));
    if output_len == 0
        || block.len() < SCRATCH_HEADER
        || input_len
            .checked_add(output_len)
            .is_none_or(|n| n > capacity)
    {
        return Err(HashError::Scratch {
            input: input_len,
            output: output_len,
            capacity,
        });
    }
    let (input, output) = block[SCRATCH_HEADER..].split_at_mut(capacity - output_len);
    hash_into(&Mode::Plain, &input[..input_len], output);
    Ok(())
}

/// [`hash_into`] for a job: checks `cancel` between slices, returns a new digest of `length` bytes.
pub fn hash_cancellable(
    mode: &Mode,
    input: &[u8],
    length: usize,
    cancel: &Cancel,
) -> Result<Vec<u8>, HashError> {
    let mut hasher = mode.hasher();
    for slice in input.chunks(SLICE) {
        cancel.check()?;
        update(&mut hasher, slice);
    }
    finalize(&hasher, length, cancel)
}

/// The digest of everything `hasher` has seen, `length` bytes long, produced a slice at a time.
pub fn finalize(
    hasher: &blake3::Hasher,
    length: usize,
    cancel: &Cancel,
) -> Result<Vec<u8>, HashError> {
    let mut output = try_zeroed(length)?;
    let mut reader = hasher.finalize_xof();
    for slice in output.chunks_mut(SLICE) {
        cancel.check()?;
        reader.fill(slice);
    }
    Ok(output)
}

/// Hashes a file by reading it in slices, never holding more than one slice in memory.
///
/// It reads rather than memory-maps (blake3's `update_mmap_rayon`) on purpose: a mapped file that
/// another process truncates raises SIGBUS on the next read of a vanished page, which kills the whole
/// Node process. Reading turns the same event into an ordinary short read.
pub fn hash_file(
    mode: &Mode,
    path: &Path,
    length: usize,
    cancel: &Cancel,
) -> Result<Vec<u8>, HashError> {
    let io_error = |syscall, source| {
        HashError::Io(IoError {
            syscall,
            path: path.to_owned(),
            source,
        })
    };
    let mut file = open(path).map_err(|e| {
        // Windows refuses to open a directory with "access denied"; say what Node says everywhere.
        if path.is_dir() {
            io_error("open", io::ErrorKind::IsADirectory.into())
        } else {
            io_error("open", e)
        }
    })?;
    let at_open = file.metadata().map_err(|e| io_error("fstat", e))?;
    let mut hasher = mode.hasher();
    if at_open.is_file() {
        // Files in /proc report a size of 0 and have content: read them to the end in small reads.
        let read_size = if at_open.len() == 0 {
            STREAM_READ
        } else {
            SLICE
        };
        let mut buffer = try_zeroed(read_size)?;
        loop {
            cancel.check()?;
            let filled = read_full(&mut file, &mut buffer).map_err(|e| io_error("read", e))?;
            update(&mut hasher, &buffer[..filled]);
            if filled < buffer.len() {
                break;
            }
        }
        // A size that moved while we read means the digest is of neither version. A size that
        // did not move but differs from what was read is a kernel file's (sysfs says 4096 for a
        // few bytes): what reading to the end returns is the content, as `fs.readFile` takes it.
        let at_end = file.metadata().map_err(|e| io_error("fstat", e))?.len();
        if at_end != at_open.len() {
            return Err(HashError::FileChanged {
                path: path.to_owned(),
                at_open: at_open.len(),
                at_end,
            });
        }
    } else {
        // A FIFO's writer or a terminal's user may take forever: wait without holding a job thread.
        blocking(|| read_stream(&mut file, &mut hasher, cancel)).map_err(|e| match e {
            StreamError::Cancelled => HashError::Cancelled,
            StreamError::Io(e) => io_error("read", e),
        })?;
    }
    finalize(&hasher, length, cancel)
}

/// Opens for reading without blocking: opening a FIFO that has no writer yet would otherwise
/// block until one comes, with no way for a cancel to end the wait.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// Reads until `buffer` is full or the file ends, so that every slice but the last is whole and
/// large enough for the parallel path.
fn read_full(file: &mut File, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

enum StreamError {
    Cancelled,
    Io(io::Error),
}

/// Reads a FIFO, a socket or a device to its end. Such a read can wait forever (a FIFO whose
/// writer never comes), so it waits in `poll` a short while at a time and checks `cancel` between.
#[cfg(unix)]
fn read_stream(
    file: &mut File,
    hasher: &mut blake3::Hasher,
    cancel: &Cancel,
) -> Result<(), StreamError> {
    use std::os::fd::AsRawFd;
    const WAIT_MS: i32 = 20;
    let mut buffer =
        try_zeroed(STREAM_READ).map_err(|_| StreamError::Io(io::ErrorKind::OutOfMemory.into()))?;
    loop {
        if cancel.is_cancelled() {
            return Err(StreamError::Cancelled);
        }
        let mut ready = libc::pollfd {
            fd: file.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, and the count says one.
        match unsafe { libc::poll(&mut ready, 1, WAIT_MS) } {
            0 => continue,
            // Interrupted by a signal: nothing is known about the descriptor. Reading now would
            // find a FIFO with no writer yet at "end of file" and hash nothing.
            -1 => {
                let error = io::Error::last_os_error();
                if error.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(StreamError::Io(error));
            }
            // POLLNVAL: some systems (macOS) cannot poll devices; a non-blocking read still can.
            _ if ready.revents
                & (libc::POLLIN | libc::POLLHUP | libc::POLLERR | libc::POLLNVAL)
                == 0 =>
            {
                continue;
            }
            _ => {}
        }
        match file.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => update(hasher, &buffer[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(StreamError::Io(e)),
        }
    }
}

#[cfg(not(unix))]
fn read_stream(
    file: &mut File,
    hasher: &mut blake3::Hasher,
    cancel: &Cancel,
) -> Result<(), StreamError> {
    let mut buffer =
        try_zeroed(STREAM_READ).map_err(|_| StreamError::Io(io::ErrorKind::OutOfMemory.into()))?;
    loop {
        if cancel.is_cancelled() {
            return Err(StreamError::Cancelled);
        }
        match file.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => update(hasher, &buffer[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(StreamError::Io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use oxidize_napi::NodeError;

    fn never() -> Cancel {
        Cancel::new()
    }

    // Published known answers (BLAKE3 paper and reference implementation README).
    const EMPTY: &str = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";
    const ABC: &str = "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85";

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn pattern(len: usize) -> Vec<u8> {
        // The input pattern of the official test vectors: bytes 0..=250, repeating.
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn known_answers() {
        let mut out = [0u8; 32];
        hash_into(&Mode::Plain, b"", &mut out);
        assert_eq!(hex(&out), EMPTY);
        hash_into(&Mode::Plain, b"abc", &mut out);
        assert_eq!(hex(&out), ABC);
    }

    #[test]
    fn scratch_blocks_hash_what_their_header_says() {
        let input = pattern(3000);
        for (input_len, output_len) in [(0, 32), (64, 32), (1025, 1), (2048, 64), (3000, 100)] {
            let mut block = vec![0xAA; SCRATCH_HEADER + 3000 + 100];
            block[..4].copy_from_slice(&(input_len as u32).to_ne_bytes());
            block[4..8].copy_from_slice(&(output_len as u32).to_ne_bytes());
            block[SCRATCH_HEADER..SCRATCH_HEADER + input_len].copy_from_slice(&input[..input_len]);
            hash_scratch(&mut block).unwrap();
            let mut expected = vec![0; output_len];
            blake3::Hasher::new()
                .update(&input[..input_len])
                .finalize_xof()
                .fill(&mut expected);
            assert_eq!(block[block.len() - output_len..], expected[..]);
        }
        let refused = |header: [u32; 2], len: usize| {
            let mut block = vec![0; len];
            for (at, value) in header.iter().enumerate() {
                if let Some(bytes) = block.get_mut(at * 4..at * 4 + 4) {
                    bytes.copy_from_slice(&value.to_ne_bytes());
                }
            }
            matches!(hash_scratch(&mut block), Err(HashError::Scratch { .. }))
        };
        assert!(refused([0, 0], 100), "an empty digest");
        assert!(refused([61, 32], 100), "input and digest overlap");
        assert!(refused([0, 93], 100), "a digest longer than the block");
        assert!(refused([u32::MAX, u32::MAX], 100), "lengths that overflow");
        assert!(refused([0, 1], 7), "a block shorter than its header");
        assert!(!refused([60, 32], 100), "exactly full");
    }

    #[test]
    fn extended_output_extends_the_standard_digest() {
        let mut short = [0u8; 32];
        let mut long = [0u8; 131];
        hash_into(&Mode::Plain, b"abc", &mut short);
        hash_into(&Mode::Plain, b"abc", &mut long);
        assert_eq!(short, long[..32]);
    }

    #[test]
    fn parallel_path_matches_serial_path() {
        let input = pattern(3 * PARALLEL_THRESHOLD + 17);
        let mut parallel = [0u8; 32];
        hash_into(&Mode::Plain, &input, &mut parallel);
        assert_eq!(parallel, *blake3::hash(&input).as_bytes());
        let sliced = hash_cancellable(&Mode::Plain, &input, 32, &never()).unwrap();
        assert_eq!(sliced, parallel);
    }

    #[test]
    fn modes_match_the_blake3_crate() {
        let key = [7u8; 32];
        let input = pattern(1025);
        let mut out = [0u8; 32];
        hash_into(&Mode::Keyed(key), &input, &mut out);
        assert_eq!(out, *blake3::keyed_hash(&key, &input).as_bytes());
        hash_into(&Mode::DeriveKey("ctx v1".into()), &input, &mut out);
        assert_eq!(out, blake3::derive_key("ctx v1", &input));
    }

    #[test]
    fn mode_rejects_bad_keys() {
        assert!(matches!(
            Mode::new(Some(&[0; 31]), None),
            Err(HashError::KeyLength(31))
        ));
        assert!(matches!(
            Mode::new(Some(&[0; 32]), Some("c".into())),
            Err(HashError::KeyWithContext)
        ));
        assert_eq!(Mode::new(None, None).unwrap(), Mode::Plain);
    }

    #[test]
    fn cancel_stops_the_work() {
        let cancel = Cancel::new();
        cancel.cancel();
        let result = hash_cancellable(&Mode::Plain, &pattern(10), 32, &cancel);
        assert!(matches!(result, Err(HashError::Cancelled)));
        let file = hash_file(&Mode::Plain, Path::new("/dev/zero"), 32, &cancel);
        assert!(matches!(file, Err(HashError::Cancelled)));
    }

    #[test]
    fn hash_file_reads_whole_files_and_reports_missing_ones() {
        let dir = std::env::temp_dir().join(format!("oxidize-blake3-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for len in [0, 1, SLICE - 1, SLICE, SLICE + 1, 2 * SLICE + 5] {
            let path = dir.join(format!("{len}.bin"));
            let data = pattern(len);
            std::fs::write(&path, &data).unwrap();
            let digest = hash_file(&Mode::Plain, &path, 32, &never()).unwrap();
            assert_eq!(digest, blake3::hash(&data).as_bytes(), "length {len}");
        }
        let missing = hash_file(&Mode::Plain, &dir.join("missing"), 32, &never()).unwrap_err();
        assert_eq!(missing.code(), "ENOENT");
        assert!(
            missing
                .to_string()
                .starts_with("ENOENT: no such file or directory, open '")
        );
        let directory = hash_file(&Mode::Plain, &dir, 32, &never()).unwrap_err();
        assert_eq!(directory.code(), "EISDIR");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn io_errors_carry_node_errno_names() {
        let dir = std::env::temp_dir().join(format!("oxidize-blake3-loop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let looped = dir.join("loop");
        let _ = std::fs::remove_file(&looped);
        std::os::unix::fs::symlink(&looped, &looped).unwrap();
        let error = hash_file(&Mode::Plain, &looped, 32, &never()).unwrap_err();
        assert_eq!(error.code(), "ELOOP");
        let long = dir.join("x".repeat(300));
        assert_eq!(
            hash_file(&Mode::Plain, &long, 32, &never())
                .unwrap_err()
                .code(),
            "ENAMETOOLONG"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn digest_length_takes_integers_from_1_to_max_only() {
        for ok in [1.0, 32.0, MAX_LENGTH as f64] {
            assert_eq!(digest_length(ok).unwrap(), ok as usize);
        }
        for bad in [
            0.0,
            -1.0,
            1.5,
            f64::NAN,
            f64::INFINITY,
            MAX_LENGTH as f64 + 1.0,
            2f64.powi(32),
        ] {
            let error = digest_length(bad).unwrap_err();
            assert_eq!(error.code(), "ERR_OUT_OF_RANGE", "{bad}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn kernel_files_hash_what_reading_them_returns() {
        // /proc reports a size of 0 for files with content.
        for path in ["/proc/version", "/proc/sys/kernel/hostname"] {
            let digest = hash_file(&Mode::Plain, Path::new(path), 32, &never()).unwrap();
            assert_eq!(
                digest,
                blake3::hash(&std::fs::read(path).unwrap()).as_bytes(),
                "{path}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_nobody_writes_to_stops_waiting_when_cancelled() {
        let path = std::env::temp_dir().join(format!("oxidize-blake3-fifo-{}", std::process::id()));
        let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let cancel = Cancel::new();
        let canceller = cancel.clone();
        let timer = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            canceller.cancel();
        });
        let result = hash_file(&Mode::Plain, &path, 32, &cancel);
        timer.join().unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(result, Err(HashError::Cancelled)));
    }
}
