//! Node-API bindings for BLAKE3: the native half of `@oxidize/blake3`.
//!
//! Everything here is a thin shell around [`hash`] (plain Rust, unit-tested there): convert the
//! arguments, call one function, convert the result. Argument checking with friendly messages
//! happens once in TypeScript (`packages/blake3/src/api.ts`) so both implementations throw the
//! same errors; the checks here keep the addon safe when it is called directly. What every
//! binding needs (coded errors, panics, jobs, cancellation) comes from `oxidize-napi`.

mod error;
pub mod hash;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use oxidize_napi::{AbortFlag, call, call_in_scratch, snapshot, spawn, with_code, writable};

use crate::hash::{HashError, Mode};

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
#[napi]
pub fn hash(
    input: &[u8],
    mut output: Uint8ArraySlice,
    key: Option<&[u8]>,
    context: Option<String>,
) -> Result<(), String> {
    call(|| {
        let mode = Mode::new(key, context)?;
        let output = digest_output(&mut output, &[input, key.unwrap_or_default()])?;
        hash::hash_into(&mode, input, output);
        Ok::<_, HashError>(())
    })
}

/// The memory [`hash_in_scratch`] reads its input from and writes its digest into: an
/// `ArrayBuffer` of [`hash::SCRATCH_BYTES`], one per thread, the same at every call (the
/// TypeScript layer asks for it once, when it loads). An input and a digest fit when their lengths
/// add up to its length minus the 8-byte header. `null` where the thread's block belongs to another
/// load of this addon (a second `process.dlopen` of the file, an embedder's second environment on
/// the thread): use [`hash`] there.
#[napi(ts_return_type = "ArrayBuffer | null")]
pub fn scratch_buffer(env: &Env) -> Result<Option<Unknown<'_>>, String> {
    oxidize_napi::scratch_buffer(env, hash::SCRATCH_BYTES).map_err(with_code)
}

/// Hashes the small input JavaScript wrote into the thread's [`scratch_buffer`], in plain mode:
/// its first 8 bytes hold the input's length and the digest's (two `u32`s, in the machine's byte
/// order), the input follows, and the digest is written into its last bytes.
///
/// Prefer it for small inputs (it is what `hash` does for them): a call without arguments costs a
/// fraction of one that converts the input, the output and two optional arguments, which for a
/// 64-byte input is more work than the hash. For large inputs copying them into the scratch costs
/// more than that saves: call [`hash`].
#[napi]
pub fn hash_in_scratch() -> Result<(), String> {
    // SAFETY: a synchronous export, and hashing runs no JavaScript.
    unsafe { call_in_scratch(hash::hash_scratch) }
}

/// The bytes of a `Uint8Array` that JavaScript passed in for the digest: not empty, and not
/// overlapping the input or the key (oxidize-napi's `writable`).
fn digest_output<'a>(
    output: &'a mut Uint8ArraySlice,
    others: &[&[u8]],
) -> std::result::Result<&'a mut [u8], HashError> {
    if output.is_empty() {
        return Err(HashError::Length(0.0));
    }
    // SAFETY: called only from the synchronous exports below, which run no JavaScript.
    unsafe { writable(output, others) }.map_err(|_| HashError::OutputOverlapsInput)
}

/// Hashes a copy of `input` on a job thread and resolves with a digest of `length` bytes.
///
/// Prefer it for large inputs in a process that must stay responsive (a server): the event loop
/// keeps running while the hash is computed. The copy is taken before it returns, so the digest is
/// of the bytes `input` held at the call, whatever JavaScript does to them afterwards (as
/// WebCrypto's `digest`). The copy and the hop to another thread cost microseconds: for small
/// inputs the synchronous [`hash`] is faster, and for data too large to copy cheaply, stream it
/// through a [`Hasher`] or hash it from disk with [`hash_file`].
#[napi(ts_return_type = "Promise<Uint8Array>")]
pub fn hash_async<'env>(
    env: &'env Env,
    input: &[u8],
    length: f64,
    key: Option<&[u8]>,
    context: Option<String>,
    abort: Option<&AbortFlag>,
) -> Result<Object<'env>, String> {
    let (mode, length) = job_arguments(key, context, length)?;
    // Copied now: once this returns, JavaScript may change, transfer or free the buffer. A copy
    // that cannot be had rejects the promise, as in the JavaScript build.
    let input = snapshot(input);
    spawn(env, abort, move |cancel| {
        let input = input?;
        hash::hash_cancellable(&mode, &input, length, cancel).map(Uint8Array::from)
    })
}

/// The mode and digest length of a job, checked on the JavaScript thread so that a bad one throws
/// at the call instead of rejecting later.
fn job_arguments(
    key: Option<&[u8]>,
    context: Option<String>,
    length: f64,
) -> Result<(Mode, usize), String> {
    call(|| Ok::<_, HashError>((Mode::new(key, context)?, hash::digest_length(length)?)))
}

/// Reads and hashes the file at `path` on a job thread, a slice at a time, so the file never
/// enters the JavaScript heap: the way to hash data too large to hold, or already on disk. There is
/// no synchronous twin: file I/O on the main thread is what Node programs avoid.
#[napi(ts_return_type = "Promise<Uint8Array>")]
pub fn hash_file<'env>(
    env: &'env Env,
    path: String,
    length: f64,
    key: Option<&[u8]>,
    context: Option<String>,
    abort: Option<&AbortFlag>,
) -> Result<Object<'env>, String> {
    let (mode, length) = job_arguments(key, context, length)?;
    spawn(env, abort, move |cancel| {
        hash::hash_file(&mode, path.as_ref(), length, cancel).map(Uint8Array::from)
    })
}

/// What one native hasher holds outside the JavaScript heap, reported to V8 so that its garbage
/// collector counts it: without that, a loop creating hashers grows memory by ~2 KB a hasher until
/// it ends, as V8 sees only the small JavaScript object.
const HASHER_SIZE: i64 = std::mem::size_of::<blake3::Hasher>() as i64;

/// An incremental hasher, for input that arrives in pieces (streams, chunked uploads).
#[napi(custom_finalize)]
pub struct Hasher {
    /// `None` once disposed.
    state: Option<Box<blake3::Hasher>>,
}

#[napi]
impl Hasher {
    #[napi(constructor)]
    pub fn new(env: Env, key: Option<&[u8]>, context: Option<String>) -> Result<Self, String> {
        let mode = call(|| Mode::new(key, context))?;
        env.adjust_external_memory(HASHER_SIZE).map_err(with_code)?;
        Ok(Hasher {
            state: Some(Box::new(mode.hasher())),
        })
    }

    #[napi]
    pub fn update(&mut self, input: &[u8]) -> Result<(), String> {
        call(|| {
            hash::update(self.state_mut()?, input);
            Ok::<_, HashError>(())
        })
    }

    /// Writes the digest of everything so far into `output` without ending the hash: more
    /// updates may follow.
    #[napi]
    pub fn digest(&mut self, mut output: Uint8ArraySlice) -> Result<(), String> {
        call(|| {
            let output = digest_output(&mut output, &[])?;
            self.state_mut()?.finalize_xof().fill(output);
            Ok::<_, HashError>(())
        })
    }

    #[napi]
    pub fn reset(&mut self) -> Result<(), String> {
        call(|| {
            self.state_mut()?.reset();
            Ok::<_, HashError>(())
        })
    }

    /// Frees the hasher's state now instead of when the object is collected (`using`, or
    /// `[Symbol.dispose]()`); the hasher cannot be used afterwards. Disposing twice is harmless.
    #[napi]
    pub fn dispose(&mut self, env: Env) {
        if self.state.take().is_some() {
            let _ = env.adjust_external_memory(-HASHER_SIZE);
        }
    }
}

impl Hasher {
    fn state_mut(&mut self) -> std::result::Result<&mut blake3::Hasher, HashError> {
        self.state.as_deref_mut().ok_or(HashError::Disposed)
    }
}

impl ObjectFinalize for Hasher {
    fn finalize(mut self, env: Env) -> Result<()> {
        self.dispose(env);
        Ok(())
    }
}
