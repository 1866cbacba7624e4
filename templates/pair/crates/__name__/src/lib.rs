//! Node-API bindings: the native half of `@__scope__/__name__`.
//!
//! A thin shell around [`distance`] (plain Rust, unit-tested there): convert the arguments, call
//! one function, convert the result. Arguments are checked once, in TypeScript
//! (`packages/__name__/src/api.ts`), so that both implementations throw the same errors.

pub mod distance;

use napi::bindgen_prelude::*;
use napi_derive::napi;

/// The version of the crate this binary was built from. The JavaScript loader compares it with its
/// package's version, to catch a platform package from another release (a stale lockfile or cache).
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The edit distance between `a` and `b`, computed on the calling thread.
///
/// Prefer it for short strings: no thread hop, so for small inputs it is the fastest way across.
/// Like any synchronous call it blocks the event loop while it runs; for long strings in a
/// process that must stay responsive (a server), use [`distance_async`].
#[napi(catch_unwind)]
pub fn distance(a: String, b: String) -> u32 {
    distance::distance(&a, &b)
}

/// What a libuv worker thread computes for [`distance_async`].
pub struct DistanceTask {
    a: String,
    b: String,
}

impl Task for DistanceTask {
    type Output = u32;
    type JsValue = u32;

    fn compute(&mut self) -> Result<u32> {
        // A panic on a worker thread would abort the whole process; caught, it rejects the promise.
        std::panic::catch_unwind(|| distance::distance(&self.a, &self.b)).map_err(|payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Error::from_reason(format!("the native distance panicked: {message}"))
        })
    }

    fn resolve(&mut self, _env: Env, output: u32) -> Result<u32> {
        Ok(output)
    }
}

/// The edit distance between `a` and `b`, computed on a libuv worker thread.
///
/// Prefer it for long strings in a process that must stay responsive: the event loop keeps
/// running while it computes. The hop to the thread pool costs microseconds, so for short strings
/// the synchronous [`distance`] is faster.
#[napi(catch_unwind, ts_return_type = "Promise<number>")]
pub fn distance_async(a: String, b: String) -> AsyncTask<DistanceTask> {
    AsyncTask::new(DistanceTask { a, b })
}
