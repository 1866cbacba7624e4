//! Node-API bindings for BLAKE3: the native half of `@oxidize/blake3`.
//!
//! Everything here is a thin shell around [`hash`] (plain Rust, unit-tested there): convert the
//! arguments, call one function, convert the result. Argument checking with friendly messages
//! happens once in TypeScript (`packages/blake3/src/api.ts`) so both implementations throw the
//! same errors; the checks here only keep the addon safe when it is called directly.

pub mod hash;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::hash::{HashError, Mode};

/// Errors reach JavaScript as `Error` objects whose `code` names the failure (`ENOENT`,
/// `ABORT_ERR`, ...), the convention of Node's own APIs.
fn to_js_error(error: HashError) -> Error<String> {
    Error::new(error.code().to_owned(), error.to_string())
}

/// The version of the crate this binary was built from. The JavaScript loader compares it with its
/// package's version, to catch a platform package from another release (a stale lockfile or cache).
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Hashes `input` into `output` on the calling thread; `output.length` is the digest length.
///
/// Prefer it for small and medium inputs (below about 1 MiB): no thread hop, no allocation, and
/// the digest is written into memory JavaScript already owns, which is far cheaper than returning
/// a new buffer. Like any synchronous call it blocks the event loop while it runs; a server hashing
/// large request bodies should use [`hash_async`].
#[napi(catch_unwind)]
pub fn hash(
    input: &[u8],
    mut output: Uint8ArraySlice,
    key: Option<&[u8]>,
    context: Option<String>,
) -> Result<(), String> {
    let mode = Mode::new(key, context).map_err(to_js_error)?;
    hash::hash_into(&mode, input, writable(&mut output));
    Ok(())
}

/// The bytes of a `Uint8Array` that JavaScript passed in for the digest.
fn writable<'a>(output: &'a mut Uint8ArraySlice) -> &'a mut [u8] {
    // SAFETY: the view stays alive for the whole synchronous call, JavaScript cannot run (and so
    // cannot touch the memory) until the call returns, and the TypeScript layer passes either its
    // private scratch buffer or a new array, never memory a caller could pass as `input`.
    unsafe { output.as_mut() }
}

/// Set from JavaScript when an `AbortSignal` fires; checked by the worker thread between slices.
#[napi]
pub struct AbortFlag {
    aborted: Arc<AtomicBool>,
}

#[napi]
impl AbortFlag {
    #[napi(constructor)]
    pub fn new() -> Self {
        AbortFlag {
            aborted: Arc::new(AtomicBool::new(false)),
        }
    }

    #[napi]
    pub fn abort(&self) {
        self.aborted.store(true, Ordering::Relaxed);
    }
}

impl Default for AbortFlag {
    fn default() -> Self {
        Self::new()
    }
}

/// What a libuv worker thread does for `hashAsync` or `hashFile`.
pub enum Job {
    Bytes(Uint8Array),
    File(PathBuf),
}

pub struct HashTask {
    job: Job,
    mode: Mode,
    length: usize,
    aborted: Arc<AtomicBool>,
    failure: Option<HashError>,
}

impl Task for HashTask {
    type Output = Vec<u8>;
    type JsValue = Uint8Array;

    fn compute(&mut self) -> Result<Self::Output> {
        let result = hash::catch_panic(|| match &self.job {
            Job::Bytes(input) => {
                hash::hash_abortable(&self.mode, input, self.length, &self.aborted)
            }
            Job::File(path) => hash::hash_file(&self.mode, path, self.length, &self.aborted),
        });
        result.map_err(|error| {
            // napi-rs's error type here can only carry a fixed status; keep the typed error so
            // `reject` can build the JavaScript error with its real `code`.
            self.failure = Some(error);
            Error::from_status(Status::GenericFailure)
        })
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(Uint8Array::new(output))
    }

    fn reject(&mut self, env: Env, error: Error) -> Result<Self::JsValue> {
        match self.failure.take() {
            Some(failure) => {
                let js_error = JsError::from(to_js_error(failure)).into_unknown(env);
                Err(Error::from(js_error))
            }
            None => Err(error),
        }
    }
}

fn spawn(
    job: Job,
    length: u32,
    key: Option<&[u8]>,
    context: Option<String>,
    abort: Option<&AbortFlag>,
) -> Result<AsyncTask<HashTask>, String> {
    let mode = Mode::new(key, context).map_err(to_js_error)?;
    Ok(AsyncTask::new(HashTask {
        job,
        mode,
        length: length as usize,
        aborted: abort.map_or_else(Default::default, |flag| flag.aborted.clone()),
        failure: None,
    }))
}

/// Hashes `input` on a libuv worker thread and resolves with a digest of `length` bytes.
///
/// Prefer it for large inputs in a process that must stay responsive (a server): the event loop
/// keeps running while the hash is computed. The hop to the thread pool costs microseconds, so for
/// small inputs the synchronous [`hash`] is faster. JavaScript must not modify `input` until the
/// promise settles.
#[napi(catch_unwind, ts_return_type = "Promise<Uint8Array>")]
pub fn hash_async(
    input: Uint8Array,
    length: u32,
    key: Option<&[u8]>,
    context: Option<String>,
    abort: Option<&AbortFlag>,
) -> Result<AsyncTask<HashTask>, String> {
    spawn(Job::Bytes(input), length, key, context, abort)
}

/// Reads and hashes the file at `path` on a libuv worker thread, a slice at a time, so the file
/// never enters the JavaScript heap. There is no synchronous twin: file I/O on the main thread
/// is what Node programs avoid.
#[napi(catch_unwind, ts_return_type = "Promise<Uint8Array>")]
pub fn hash_file(
    path: String,
    length: u32,
    key: Option<&[u8]>,
    context: Option<String>,
    abort: Option<&AbortFlag>,
) -> Result<AsyncTask<HashTask>, String> {
    spawn(Job::File(path.into()), length, key, context, abort)
}

/// An incremental hasher, for input that arrives in pieces (streams, chunked uploads).
#[napi]
pub struct Hasher {
    inner: blake3::Hasher,
}

#[napi]
impl Hasher {
    #[napi(constructor, catch_unwind)]
    pub fn new(key: Option<&[u8]>, context: Option<String>) -> Result<Self, String> {
        let mode = Mode::new(key, context).map_err(to_js_error)?;
        Ok(Hasher {
            inner: mode.hasher(),
        })
    }

    #[napi(catch_unwind)]
    pub fn update(&mut self, input: &[u8]) {
        hash::update(&mut self.inner, input);
    }

    /// Writes the digest of everything so far into `output` without ending the hash: more
    /// updates may follow.
    #[napi(catch_unwind)]
    pub fn digest(&self, mut output: Uint8ArraySlice) {
        self.inner.finalize_xof().fill(writable(&mut output));
    }

    #[napi(catch_unwind)]
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}
