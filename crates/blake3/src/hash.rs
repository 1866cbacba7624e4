//! The work itself, in plain Rust: no Node-API types, so it is unit-tested with `cargo test`
//! and reads like any other Rust code. `lib.rs` only converts arguments and calls in here.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Inputs at least this long are hashed on all cores (blake3's rayon support). Below it the cost of
/// handing work to the thread pool exceeds what more cores save. Measured with
/// `cargo run --release --example ceiling`: on 2 cores all threads lose at 128 KiB and win from
/// 256 KiB on (the README has the numbers).
pub const PARALLEL_THRESHOLD: usize = 256 * 1024;

/// How much is hashed between two checks of an abort flag, and how much `hash_file` reads at once.
/// Large enough to keep every core busy, small enough that an abort is noticed within milliseconds.
const SLICE: usize = 4 * 1024 * 1024;

/// What BLAKE3 computes: a plain hash, a keyed hash (MAC), or a key derivation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Plain,
    Keyed([u8; blake3::KEY_LEN]),
    DeriveKey(String),
}

#[derive(Debug)]
pub enum HashError {
    /// The key must be exactly 32 bytes.
    KeyLength(usize),
    /// `key` and `context` select two different modes; BLAKE3 has no mode with both.
    KeyWithContext,
    /// The caller's abort flag was set while the work was in progress.
    Aborted,
    /// A regular file's size changed between opening it and reaching its end: the digest would be
    /// of neither the old nor the new contents.
    FileChanged {
        path: PathBuf,
        expected: u64,
        read: u64,
    },
    /// Opening or reading a file failed.
    Io {
        syscall: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// A bug: Rust code panicked. Caught so that it reaches JavaScript as an exception
    /// instead of aborting the Node process.
    Panic(String),
}

impl fmt::Display for HashError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::KeyLength(len) => write!(f, "key must be exactly 32 bytes, got {len}"),
            Self::KeyWithContext => f.write_str("key and context cannot be used together"),
            Self::Aborted => f.write_str("the operation was aborted"),
            Self::Io {
                syscall,
                path,
                source,
            } => write!(
                f,
                "{}: {}, {syscall} '{}'",
                errno_code(source),
                describe(source),
                path.display()
            ),
            Self::FileChanged {
                path,
                expected,
                read,
            } => write!(
                f,
                "file changed size while being hashed: expected {expected} bytes, read {read}, '{}'",
                path.display()
            ),
            Self::Panic(message) => write!(f, "internal error (Rust panic): {message}"),
        }
    }
}

impl std::error::Error for HashError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl HashError {
    /// The `code` the JavaScript error carries: the errno name for I/O errors (as `node:fs` uses,
    /// so callers can test `err.code === 'ENOENT'` whichever implementation ran), else a stable name.
    pub fn code(&self) -> &'static str {
        match self {
            Self::KeyLength(_) | Self::KeyWithContext => "ERR_INVALID_ARG_VALUE",
            Self::Aborted => "ABORT_ERR",
            Self::FileChanged { .. } => "ERR_FILE_CHANGED",
            Self::Io { source, .. } => errno_code(source),
            Self::Panic(_) => "ERR_INTERNAL_ASSERTION",
        }
    }
}

/// Node's name for an I/O error. Rust names error kinds portably; Node names them by errno.
fn errno_code(error: &io::Error) -> &'static str {
    use io::ErrorKind::*;
    match error.kind() {
        NotFound => "ENOENT",
        PermissionDenied => "EACCES",
        IsADirectory => "EISDIR",
        NotADirectory => "ENOTDIR",
        InvalidInput => "EINVAL",
        Interrupted => "EINTR",
        OutOfMemory => "ENOMEM",
        _ => error.raw_os_error().and_then(errno_name).unwrap_or("EIO"),
    }
}

/// The errno names a file read can meet that have no `io::ErrorKind` of their own.
#[cfg(unix)]
fn errno_name(errno: i32) -> Option<&'static str> {
    Some(match errno {
        libc::EMFILE => "EMFILE",
        libc::ENFILE => "ENFILE",
        libc::ENAMETOOLONG => "ENAMETOOLONG",
        libc::ELOOP => "ELOOP",
        libc::ENXIO => "ENXIO",
        libc::ENODEV => "ENODEV",
        libc::ETXTBSY => "ETXTBSY",
        libc::EBUSY => "EBUSY",
        libc::EAGAIN => "EAGAIN",
        _ => return None,
    })
}

#[cfg(not(unix))]
fn errno_name(_errno: i32) -> Option<&'static str> {
    None
}

/// The OS message without Rust's " (os error N)" suffix, to read like Node's messages.
fn describe(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(end) => text[..end].to_lowercase(),
        None => text,
    }
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

/// Inputs that start with these bytes panic in a build with the `panic-trigger` feature, which
/// exists only so that the tests can prove a Rust panic reaches JavaScript as an exception and the
/// process lives on. Published builds never enable it.
pub const PANIC_TRIGGER: &[u8] = b"oxidize:panic-trigger";

#[cfg(feature = "panic-trigger")]
fn trigger_test_panic(input: &[u8]) {
    if input.starts_with(PANIC_TRIGGER) {
        panic!("panic trigger hit (a test build)");
    }
}

#[cfg(not(feature = "panic-trigger"))]
fn trigger_test_panic(_input: &[u8]) {}

/// Feeds `input` to `hasher`, on all cores when it is large enough to pay for it.
pub fn update(hasher: &mut blake3::Hasher, input: &[u8]) {
    trigger_test_panic(input);
    if input.len() >= PARALLEL_THRESHOLD {
        hasher.update_rayon(input);
    } else {
        hasher.update(input);
    }
}

/// Like [`update`], but checks `abort` between slices so that a long job stops soon after it is set.
pub fn update_abortable(
    hasher: &mut blake3::Hasher,
    input: &[u8],
    abort: &AtomicBool,
) -> Result<(), HashError> {
    for slice in input.chunks(SLICE) {
        if abort.load(Ordering::Relaxed) {
            return Err(HashError::Aborted);
        }
        update(hasher, slice);
    }
    Ok(())
}

/// Writes the hash of `input` into `output`; `output.len()` is the digest length (any length:
/// BLAKE3 is an extendable-output function, and the first 32 bytes are the standard digest).
pub fn hash_into(mode: &Mode, input: &[u8], output: &mut [u8]) {
    let mut hasher = mode.hasher();
    update(&mut hasher, input);
    hasher.finalize_xof().fill(output);
}

/// [`hash_into`] for the async path: abortable, and returns a new digest of `length` bytes.
pub fn hash_abortable(
    mode: &Mode,
    input: &[u8],
    length: usize,
    abort: &AtomicBool,
) -> Result<Vec<u8>, HashError> {
    let mut hasher = mode.hasher();
    update_abortable(&mut hasher, input, abort)?;
    Ok(finalize(&hasher, length))
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
    abort: &AtomicBool,
) -> Result<Vec<u8>, HashError> {
    let io_error = |syscall, source| HashError::Io {
        syscall,
        path: path.to_owned(),
        source,
    };
    let mut file = File::open(path).map_err(|e| {
        // Windows refuses to open a directory with "access denied"; say what Node says everywhere.
        if path.is_dir() {
            io_error("open", io::ErrorKind::IsADirectory.into())
        } else {
            io_error("open", e)
        }
    })?;
    let metadata = file.metadata().map_err(|e| io_error("fstat", e))?;
    // Only a regular file has a size to hold it to; a FIFO or a device is read until it ends.
    let expected = metadata.is_file().then_some(metadata.len());
    let mut hasher = mode.hasher();
    let mut buffer = vec![0u8; SLICE];
    let mut read = 0u64;
    loop {
        if abort.load(Ordering::Relaxed) {
            return Err(HashError::Aborted);
        }
        let filled = read_full(&mut file, &mut buffer).map_err(|e| io_error("read", e))?;
        update(&mut hasher, &buffer[..filled]);
        read += filled as u64;
        if filled < buffer.len() {
            break;
        }
    }
    match expected {
        Some(expected) if expected != read => Err(HashError::FileChanged {
            path: path.to_owned(),
            expected,
            read,
        }),
        _ => Ok(finalize(&hasher, length)),
    }
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

pub fn finalize(hasher: &blake3::Hasher, length: usize) -> Vec<u8> {
    let mut output = vec![0u8; length];
    hasher.finalize_xof().fill(&mut output);
    output
}

/// Runs `work`, turning a panic into [`HashError::Panic`]. Needed on libuv worker threads, where
/// napi-rs does not catch panics and an unwinding panic would abort the process.
pub fn catch_panic<T>(work: impl FnOnce() -> Result<T, HashError>) -> Result<T, HashError> {
    panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic payload".to_owned());
        Err(HashError::Panic(message))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    static NEVER: AtomicBool = AtomicBool::new(false);

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
        let sliced = hash_abortable(&Mode::Plain, &input, 32, &NEVER).unwrap();
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
    fn abort_flag_stops_the_work() {
        let abort = AtomicBool::new(true);
        let result = hash_abortable(&Mode::Plain, &pattern(10), 32, &abort);
        assert!(matches!(result, Err(HashError::Aborted)));
    }

    #[test]
    fn hash_file_reads_whole_files_and_reports_missing_ones() {
        let dir = std::env::temp_dir().join(format!("oxidize-blake3-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for len in [0, 1, SLICE - 1, SLICE, SLICE + 1, 2 * SLICE + 5] {
            let path = dir.join(format!("{len}.bin"));
            let data = pattern(len);
            std::fs::write(&path, &data).unwrap();
            let digest = hash_file(&Mode::Plain, &path, 32, &NEVER).unwrap();
            assert_eq!(digest, blake3::hash(&data).as_bytes(), "length {len}");
        }
        let missing = hash_file(&Mode::Plain, &dir.join("missing"), 32, &NEVER).unwrap_err();
        assert_eq!(missing.code(), "ENOENT");
        assert!(
            missing
                .to_string()
                .starts_with("ENOENT: no such file or directory, open '")
        );
        let directory = hash_file(&Mode::Plain, &dir, 32, &NEVER).unwrap_err();
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
        let error = hash_file(&Mode::Plain, &looped, 32, &NEVER).unwrap_err();
        assert_eq!(error.code(), "ELOOP");
        let long = dir.join("x".repeat(300));
        assert_eq!(
            hash_file(&Mode::Plain, &long, 32, &NEVER)
                .unwrap_err()
                .code(),
            "ENAMETOOLONG"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn panics_become_errors() {
        let result: Result<(), _> = catch_panic(|| panic!("boom"));
        assert!(matches!(result, Err(HashError::Panic(m)) if m == "boom"));
    }
}
