//! What every oxidize binding crate needs, written once (oxc's `oxc_napi` is the model):
//!
//! - [`NodeError`]: errors that reach JavaScript as Node reports its own, an `Error` whose `code`
//!   names the failure (`ENOENT`, `ERR_INVALID_ARG_VALUE`, ...); [`IoError`] names I/O errors so.
//! - [`call`]: runs a synchronous export; its error or a Rust panic becomes a JavaScript error.
//! - [`spawn`]: runs an asynchronous export's work off the JavaScript thread and settles a promise;
//!   the work can be cancelled by the caller's `AbortSignal` ([`AbortFlag`]) and is cancelled when
//!   its JavaScript environment goes away ([`Cancel`]).
//!
//! - [`writable`]: the bytes of an output `Uint8Array` a synchronous export writes into, refused
//!   when they overlap an input ([`Overlap`]).
//! - [`snapshot`]: the copy of an asynchronous export's input, in memory earlier jobs gave back.
//! - [`scratch_buffer`] and [`call_in_scratch`]: memory JavaScript and the addon share, one block
//!   per thread, for small calls whose argument conversions would cost more than their work.
//!
//! A pair's `lib.rs` then holds only its own `#[napi]` functions, each a line or two over plain Rust.

mod bytes;
mod error;
mod io;
mod job;
mod scratch;
mod snapshot;

pub use bytes::{Overlap, writable};
pub use error::{
    ErrorClass, NodeError, OutOfMemory, PANIC_TRIGGER, Panic, call, catch_panic, ok,
    trigger_test_panic, try_copy, try_zeroed, with_code,
};
pub use io::IoError;
pub use job::{AbortFlag, Cancel, Cancelled, blocking, spawn};
pub use scratch::{ScratchError, call_in_scratch, scratch_buffer};
pub use snapshot::{Snapshot, snapshot};
