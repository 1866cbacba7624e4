//! Node-API bindings: the native half of `@__scope__/__name__`.
//!
//! A thin shell around `__function_snake__::__function_snake__` (plain Rust, unit-tested there):
//! check the arguments, call one function, hand back the result. Arguments are checked first in
//! TypeScript (`packages/__name__/src/api.ts`), so that both implementations throw the same errors;
//! the checks here (`error.rs`) keep the raw binding safe on its own. What every binding needs
//! (panics as JavaScript errors, coded errors, jobs off the JavaScript thread and their
//! cancellation, output buffers, the test-only panic trigger) comes from the shared crate
//! `oxidize-napi` (`crates/napi`).

pub mod __function_snake__;
pub mod error;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use oxidize_napi::{AbortFlag, call, spawn, trigger_test_panic, try_copy, try_zeroed, writable};

use crate::__function_snake__::CHANNELS;
use crate::error::{BytesError, checked_output_length};

/// The version of the crate this binary was built from. The JavaScript loader compares it with its
/// package's version, to catch a platform package from another release (a stale lockfile or cache).
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Writes the result for `rgba` into `output`, on the calling thread.
///
/// Prefer it for small and medium inputs: no thread hop, and the result goes into memory JavaScript
/// already owns, so nothing is allocated or copied on the way back (creating a buffer in Rust and
/// handing it to JavaScript costs more than the work on a small input). Like any synchronous call
/// it blocks the event loop while it runs; for large inputs in a process that must stay responsive,
/// use the async form.
#[napi(js_name = "__function__")]
pub fn __function_snake__(rgba: &[u8], mut output: Uint8ArraySlice) -> Result<(), String> {
    call(|| {
        trigger_test_panic(rgba);
        let expected = checked_output_length(rgba)?;
        // SAFETY: this export runs no JavaScript until it returns.
        let output = unsafe { writable(&mut output, &[rgba]) }?;
        if output.len() != expected {
            return Err(BytesError::OutputLength {
                expected,
                got: output.len(),
            });
        }
        __function_snake__::__function_snake__(rgba, output);
        Ok(())
    })
}

/// Input bytes per slice of the async work (whole pixels): between two slices the job checks
/// whether it was aborted.
const SLICE_BYTES: usize = 256 * 1024 * CHANNELS;

/// Resolves with the result for `rgba`, computed on a job thread, a slice at a time.
///
/// Prefer it for large inputs in a process that must stay responsive: the event loop keeps running
/// while it computes, and an abort stops it between two slices. `rgba` is copied before it returns,
/// so the result is of the bytes it held at the call, whatever JavaScript does to them afterwards.
/// The copy and the thread hop cost microseconds: for small inputs the sync form is faster.
#[napi(js_name = "__function__Async", ts_return_type = "Promise<Uint8Array>")]
pub fn __function_snake___async<'env>(
    env: &'env Env,
    rgba: &[u8],
    abort: Option<&AbortFlag>,
) -> Result<Object<'env>, String> {
    let rgba = call(|| {
        checked_output_length(rgba)?;
        Ok::<_, BytesError>(try_copy(rgba)?)
    })?;
    spawn(env, abort, move |cancel| {
        trigger_test_panic(&rgba);
        let mut output = try_zeroed(checked_output_length(&rgba)?)?;
        // Whole pixels in, their results out: a function that needs all of its input at once
        // would drop this loop (and check `cancel` inside its own work instead).
        // (At least 1: `chunks_mut(0)` panics, and an empty input has an empty output.)
        let output_per_slice = checked_output_length(&rgba[..SLICE_BYTES.min(rgba.len())])?.max(1);
        for (input, output) in rgba.chunks(SLICE_BYTES).zip(output.chunks_mut(output_per_slice)) {
            cancel.check()?;
            __function_snake__::__function_snake__(input, output);
        }
        Ok::<_, BytesError>(Uint8Array::from(output))
    })
}
