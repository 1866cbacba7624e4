//! Memory JavaScript and the addon share, one block per JavaScript thread: the cheapest way to pass
//! small arguments and results across the boundary.
//!
//! Every argument of a call costs a conversion, and a typed array costs more than a number: for
//! work as small as hashing 64 B, converting the input, the output and two optional arguments
//! costs more than the work. JavaScript writing a few bytes into an `ArrayBuffer` the addon
//! already holds, and a call with no arguments that reads them there, costs a fraction of that.
//! No arguments at all, not even the `Env`: napi-rs calls a function that takes none directly,
//! and one that takes an `Env` through the general path, which costs as much again as the call.
//!
//! One block per thread, not per process: each worker thread runs JavaScript of its own at the
//! same time as the others, and two threads sharing one block would overwrite each other's
//! arguments. The block is created by the first [`scratch_buffer`] call on a thread and forgotten
//! when that thread's JavaScript environment is torn down (a cleanup hook), so a later
//! environment on the same thread gets a new one.

use std::cell::Cell;
use std::fmt;
use std::ptr;

use napi::bindgen_prelude::*;
use napi::{check_status, sys};

use crate::error::to_js_error;
use crate::{ErrorClass, NodeError, call};

#[derive(Clone, Copy)]
struct Block {
    /// The environment that made it: the only one whose JavaScript holds a view of it.
    env: sys::napi_env,
    /// A strong reference: the `ArrayBuffer` lives as long as its environment, whoever drops it.
    buffer: sys::napi_ref,
    len: usize,
}

thread_local! {
    static BLOCK: Cell<Option<Block>> = const { Cell::new(None) };
}

/// Why a call could not use the scratch block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScratchError {
    /// No [`scratch_buffer`] on this thread yet.
    Missing,
    /// JavaScript detached (transferred) the block's `ArrayBuffer`.
    Detached,
}

impl fmt::Display for ScratchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ScratchError::Missing => "the scratch buffer was not created on this thread",
            ScratchError::Detached => "the scratch buffer was detached",
        })
    }
}

impl NodeError for ScratchError {
    fn code(&self) -> &'static str {
        "ERR_INVALID_STATE"
    }

    fn class(&self) -> ErrorClass {
        ErrorClass::Error
    }
}

/// The scratch `ArrayBuffer` of the calling thread, `len` bytes long: created on the first call,
/// the same one afterwards, so every copy of a package loaded in one environment shares it and
/// none can replace the memory another is using (a pair passes one constant `len`). Call it once,
/// when the JavaScript side loads, and keep a view of it.
///
/// `None` when this thread's block belongs to another load of the addon that is still alive: a
/// second `process.dlopen` of the same file (which Node gives an environment handle of its own), or
/// an embedder's second Node environment on the thread. A call without arguments cannot tell which
/// of them is calling, so the second one must pass its arguments the ordinary way.
pub fn scratch_buffer(env: &Env, len: usize) -> Result<Option<Unknown<'_>>> {
    let raw_env = env.raw();
    let block = match BLOCK.get() {
        // A detached block is replaced: the views of it that loaded copies hold fail on their
        // own (writing into a detached view throws), and later loads get working memory.
        Some(block) if block.env == raw_env && block_memory().is_ok() => block,
        Some(block) if block.env == raw_env => {
            // SAFETY: the old reference belongs to this environment and nothing else holds it.
            unsafe { sys::napi_delete_reference(raw_env, block.buffer) };
            new_block(raw_env, len, false)?
        }
        Some(_) => return Ok(None),
        None => new_block(raw_env, len, true)?,
    };
    if block.len != len {
        return Err(Error::from_reason(format!(
            "the scratch buffer has {} bytes, {len} were asked for",
            block.len
        )));
    }
    let mut value = ptr::null_mut();
    // SAFETY: the reference belongs to this environment and is strong.
    unsafe {
        check_status!(
            sys::napi_get_reference_value(raw_env, block.buffer, &mut value),
            "napi_get_reference_value of the scratch buffer failed"
        )?;
        Unknown::from_napi_value(raw_env, value).map(Some)
    }
}

/// Makes the thread's block. The cleanup hook is added once per environment: Node aborts the
/// process when the same hook is added twice.
fn new_block(raw_env: sys::napi_env, len: usize, add_hook: bool) -> Result<Block> {
    let mut value = ptr::null_mut();
    let mut data = ptr::null_mut();
    let mut buffer = ptr::null_mut();
    // SAFETY: Node-API calls on the calling thread's environment, with out-pointers to locals.
    unsafe {
        check_status!(
            sys::napi_create_arraybuffer(raw_env, len, &mut data, &mut value),
            "napi_create_arraybuffer of {len} bytes for the scratch buffer failed"
        )?;
        check_status!(
            sys::napi_create_reference(raw_env, value, 1, &mut buffer),
            "napi_create_reference to the scratch buffer failed"
        )?;
        if add_hook {
            check_status!(
                sys::napi_add_env_cleanup_hook(raw_env, Some(forget), raw_env.cast()),
                "napi_add_env_cleanup_hook for the scratch buffer failed"
            )?;
        }
    }
    let block = Block {
        env: raw_env,
        buffer,
        len,
    };
    BLOCK.set(Some(block));
    Ok(block)
}

/// The environment is going away, and its references with it (Node deletes them itself).
unsafe extern "C" fn forget(env: *mut std::ffi::c_void) {
    if BLOCK.get().is_some_and(|block| block.env.cast() == env) {
        BLOCK.set(None);
    }
}

/// Runs the work of a synchronous export over the calling thread's scratch block, as JavaScript
/// last wrote it: [`crate::call`] for exports without arguments, whose arguments and result travel
/// through the block. A missing or detached block, the work's error or a panic becomes a
/// JavaScript error.
///
/// # Safety
///
/// Call it only from a synchronous export, with `work` running no JavaScript (no callbacks, no
/// Node-API calls that can run JavaScript): JavaScript writes the same memory between calls.
pub unsafe fn call_in_scratch<T, E: NodeError>(
    work: impl FnOnce(&mut [u8]) -> std::result::Result<T, E>,
) -> Result<T, String> {
    match block_memory() {
        Ok((data, len)) => call(|| {
            // SAFETY: memory of a live, attached ArrayBuffer of this thread, which no JavaScript
            // can touch until this export returns (the caller's contract), and which nothing
            // else in Rust holds (the slice does not outlive the call).
            work(unsafe { std::slice::from_raw_parts_mut(data, len) })
        }),
        Err(error) => Err(to_js_error(&error)),
    }
}

/// Where the thread's block is now. Asked at every call: JavaScript may have detached the
/// `ArrayBuffer` (transferred it to another thread), which leaves it without memory.
fn block_memory() -> std::result::Result<(*mut u8, usize), ScratchError> {
    let block = BLOCK.get().ok_or(ScratchError::Missing)?;
    let mut value = ptr::null_mut();
    let mut data = ptr::null_mut();
    let mut len = 0;
    // SAFETY: the block's environment is alive (its cleanup hook forgets the block) and runs on
    // this thread, and the reference is strong, so the value is its ArrayBuffer.
    let found = unsafe {
        sys::napi_get_reference_value(block.env, block.buffer, &mut value) == sys::Status::napi_ok
            && sys::napi_get_arraybuffer_info(block.env, value, &mut data, &mut len)
                == sys::Status::napi_ok
    };
    if found && !data.is_null() && len == block.len {
        Ok((data.cast(), len))
    } else {
        Err(ScratchError::Detached)
    }
}
