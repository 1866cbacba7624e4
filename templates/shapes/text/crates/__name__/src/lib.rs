//! Node-API bindings: the native half of `@__scope__/__name__`.
//!
//! A thin shell around `__function_snake__::__function_snake__` (plain Rust, unit-tested there): convert the arguments, call
//! one function, convert the result. Arguments are checked once, in TypeScript
//! (`packages/__name__/src/api.ts`), so that both implementations throw the same errors. What every
//! binding needs (panics as JavaScript errors, coded errors, work off the JavaScript thread, the
//! test-only panic trigger) comes from the shared crate `oxidize-napi` (`crates/napi`).

pub mod __function_snake__;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use oxidize_napi::{call, ok, spawn, trigger_test_panic};

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
/// process that must stay responsive (a server), use the async form.
#[napi(js_name = "__function__")]
pub fn __function_snake__(a: String, b: String) -> Result<u32, String> {
    call(|| {
        trigger_test_panic(a.as_bytes());
        ok(__function_snake__::__function_snake__(&a, &b))
    })
}

/// The edit distance between `a` and `b`, computed on a job thread.
///
/// Prefer it for long strings in a process that must stay responsive: the event loop keeps
/// running while it computes. The hop to another thread costs microseconds, so for short strings
/// the synchronous form is faster. The strings are copied into Rust before it returns.
#[napi(js_name = "__function__Async", ts_return_type = "Promise<number>")]
pub fn __function_snake___async(env: &Env, a: String, b: String) -> Result<Object<'_>, String> {
    spawn(env, None, move |_cancel| {
        trigger_test_panic(a.as_bytes());
        ok(__function_snake__::__function_snake__(&a, &b))
    })
}
