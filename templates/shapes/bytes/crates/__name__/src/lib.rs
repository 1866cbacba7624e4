//! Node-API bindings: the native half of `@__scope__/__name__`.
//!
//! A thin shell around [`__function_snake__::__function_snake__`] (plain Rust, unit-tested there):
//! check the arguments, call one function, hand back the result. Arguments are checked first in
//! TypeScript (`packages/__name__/src/api.ts`), so that both implementations throw the same errors;
//! the checks here ([`error`]) keep the raw binding safe on its own. What every binding needs
//! (panics as JavaScript errors, coded errors, work off the JavaScript thread, output buffers, the
//! test-only panic trigger) comes from the shared crate `oxidize-napi` (`crates/napi`).

pub mod __function_snake__;
pub mod error;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use oxidize_napi::{call, spawn, trigger_test_panic, try_copy, try_zeroed, writable};

use crate::error::{BytesError, pixels};

/// The version of the crate this binary was built from. The JavaScript loader compares it with its
/// package's version, to catch a platform package from another release (a stale lockfile or cache).
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Writes the luma of each RGBA pixel of `rgba` into `output` (one byte per pixel), on the calling
/// thread.
///
/// Prefer it for small and medium inputs: no thread hop, and the result goes into memory JavaScript
/// already owns, so nothing is allocated or copied on the way back (creating a buffer in Rust and
/// handing it to JavaScript costs more than the work on a small input). Like any synchronous call
/// it blocks the event loop while it runs; for large inputs in a process that must stay responsive,
/// use [`__function_snake___async`].
#[napi]
pub fn __function_snake__(rgba: &[u8], mut output: Uint8ArraySlice) -> Result<(), String> {
    call(|| {
        trigger_test_panic(rgba);
        let expected = pixels(rgba)?;
        let output = writable(&mut output, &[rgba])?;
        if output.len() != expected {
            return Err(BytesError::OutputLength { expected, got: output.len() });
        }
        __function_snake__::__function_snake__(rgba, output);
        Ok(())
    })
}

/// Resolves with the luma of each RGBA pixel of `rgba`, computed on a job thread.
///
/// Prefer it for large inputs in a process that must stay responsive: the event loop keeps running
/// while it computes. `rgba` is copied before it returns, so the result is of the bytes it held at
/// the call, whatever JavaScript does to them afterwards. The copy and the thread hop cost
/// microseconds: for small inputs the synchronous [`__function_snake__`] is faster.
#[napi(ts_return_type = "Promise<Uint8Array>")]
pub fn __function_snake___async<'env>(env: &'env Env, rgba: &[u8]) -> Result<Object<'env>, String> {
    let rgba = call(|| {
        pixels(rgba)?;
        Ok::<_, BytesError>(try_copy(rgba)?)
    })?;
    spawn(env, None, move |_cancel| {
        trigger_test_panic(&rgba);
        let mut output = try_zeroed(pixels(&rgba)?)?;
        __function_snake__::__function_snake__(&rgba, &mut output);
        Ok::<_, BytesError>(Uint8Array::from(output))
    })
}
