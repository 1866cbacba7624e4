use std::fmt;
use std::panic::{self, AssertUnwindSafe};

use napi::bindgen_prelude::*;

/// An error as Node reports its own: a message and a stable `code` callers can test
/// (`err.code === 'ENOENT'`), whichever implementation of a pair ran.
pub trait NodeError: fmt::Display {
    fn code(&self) -> &'static str;

    /// The JavaScript class of a rejection (a synchronous throw is always an `Error`).
    fn class(&self) -> ErrorClass {
        ErrorClass::Error
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    Error,
    TypeError,
    RangeError,
}

/// Memory for a copy or a result could not be had. Rust's `Vec` would abort the whole process;
/// this reaches JavaScript as V8's own failure does, a `RangeError`, with a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfMemory;

impl fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Array buffer allocation failed")
    }
}

impl NodeError for OutOfMemory {
    fn code(&self) -> &'static str {
        "ERR_MEMORY_ALLOCATION_FAILED"
    }

    fn class(&self) -> ErrorClass {
        ErrorClass::RangeError
    }
}

/// `length` zero bytes, or [`OutOfMemory`] where `vec![0; length]` would abort the process.
pub fn try_zeroed(length: usize) -> std::result::Result<Vec<u8>, OutOfMemory> {
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(length).map_err(|_| OutOfMemory)?;
    bytes.resize(length, 0);
    Ok(bytes)
}

/// A copy of `source`, or [`OutOfMemory`] where `to_vec()` would abort the process.
pub fn try_copy(source: &[u8]) -> std::result::Result<Vec<u8>, OutOfMemory> {
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(source.len())
        .map_err(|_| OutOfMemory)?;
    bytes.extend_from_slice(source);
    Ok(bytes)
}

/// A bug: Rust code panicked. Caught so that it reaches JavaScript as an exception instead of
/// unwinding into Node (undefined behaviour) or aborting the process.
#[derive(Debug)]
pub struct Panic(pub String);

impl fmt::Display for Panic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error (Rust panic): {}", self.0)
    }
}

impl NodeError for Panic {
    fn code(&self) -> &'static str {
        "ERR_INTERNAL_ASSERTION"
    }
}

/// Runs `work`, turning a panic into [`Panic`].
pub fn catch_panic<T>(work: impl FnOnce() -> T) -> std::result::Result<T, Panic> {
    panic::catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic payload".to_owned());
        Panic(message)
    })
}

/// A napi-rs error (from a Node-API call that failed) in the form every export returns.
pub fn with_code(error: Error) -> Error<String> {
    Error::new(error.status.as_ref().to_owned(), error.reason)
}

pub(crate) fn to_js_error(error: &dyn NodeError) -> Error<String> {
    Error::new(error.code().to_owned(), error.to_string())
}

/// The same error as a JavaScript value, for rejecting a promise: napi-rs passes a value it holds
/// through as it is, where an `Error<Status>` would arrive with the status as its code.
pub(crate) fn to_js_rejection(env: Env, error: &dyn NodeError) -> Error {
    let error_value = to_js_error(error);
    Error::from(match error.class() {
        ErrorClass::Error => JsError::from(error_value).into_unknown(env),
        ErrorClass::TypeError => JsTypeError::from(error_value).into_unknown(env),
        ErrorClass::RangeError => JsRangeError::from(error_value).into_unknown(env),
    })
}

/// The error type of work that cannot fail: `call(|| ok(value))`, `spawn(env, None, |_| ok(value))`.
impl NodeError for std::convert::Infallible {
    fn code(&self) -> &'static str {
        match *self {}
    }
}

/// `Ok(value)` for work that cannot fail, so that it fits [`call`] and [`crate::spawn`].
pub fn ok<T>(value: T) -> std::result::Result<T, std::convert::Infallible> {
    Ok(value)
}

/// Runs the work of a synchronous export: its error, or a panic, becomes a JavaScript error with a
/// `code`. Every synchronous `#[napi]` function of a pair is `call(|| ...)` over plain Rust.
pub fn call<T, E: NodeError>(
    work: impl FnOnce() -> std::result::Result<T, E>,
) -> Result<T, String> {
    match catch_panic(work) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(to_js_error(&error)),
        Err(panic) => Err(to_js_error(&panic)),
    }
}

/// Inputs that start with these bytes panic in a build with the `panic-trigger` feature, which
/// exists only so that tests can prove a Rust panic reaches JavaScript as an exception and the
/// process lives on. Published builds never enable it.
pub const PANIC_TRIGGER: &[u8] = b"oxidize:panic-trigger";

/// Call it on an export's input where a panic would be hardest to survive (a job thread, a class
/// method): a test build panics there on [`PANIC_TRIGGER`], any other build does nothing.
#[inline]
pub fn trigger_test_panic(input: &[u8]) {
    if cfg!(feature = "panic-trigger") && input.starts_with(PANIC_TRIGGER) {
        panic!("panic trigger hit (a test build)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_errors() {
        let caught = catch_panic(|| panic!("boom")).unwrap_err();
        assert_eq!(caught.0, "boom");
        assert_eq!(caught.to_string(), "internal error (Rust panic): boom");
        let formatted = catch_panic(|| panic!("{} {}", 1, 2)).unwrap_err();
        assert_eq!(formatted.0, "1 2");
    }
}
