use std::fmt;

use napi::bindgen_prelude::Uint8ArraySlice;

use crate::{ErrorClass, NodeError};

/// An output `Uint8Array` that shares memory with an input: two views of one `ArrayBuffer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlap;

impl fmt::Display for Overlap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the output must not overlap an input")
    }
}

impl NodeError for Overlap {
    fn code(&self) -> &'static str {
        "ERR_INVALID_ARG_VALUE"
    }

    fn class(&self) -> ErrorClass {
        ErrorClass::TypeError
    }
}

/// The bytes of a `Uint8Array` JavaScript passed in for a synchronous export to write its result
/// into: the cheap way to return bytes (no new buffer to create, which costs more than small work).
/// Refuses an `output` that overlaps any of `inputs` (JavaScript can pass two views of one buffer):
/// Rust must never hold the same memory as a shared and a mutable slice.
///
/// # Safety
///
/// Call it in a synchronous export that runs no JavaScript until it returns (no callbacks, no
/// calls into Node-API that can run JavaScript), with `inputs` the slices that export received.
/// JavaScript could otherwise detach, shrink or write the memory while Rust holds it. (Two
/// `SharedArrayBuffer` objects over the same memory are not seen as overlapping: the TypeScript
/// layer copies shared inputs first.)
pub unsafe fn writable<'a>(
    output: &'a mut Uint8ArraySlice,
    inputs: &[&[u8]],
) -> Result<&'a mut [u8], Overlap> {
    let (start, len) = {
        let view: &[u8] = output;
        (view.as_ptr() as usize, view.len())
    };
    for input in inputs {
        let input_start = input.as_ptr() as usize;
        if len > 0 && start < input_start + input.len() && input_start < start + len {
            return Err(Overlap);
        }
    }
    // SAFETY: the caller's contract (no JavaScript runs while the slice lives), and the slice
    // overlaps none of the shared slices the caller holds (checked above).
    Ok(unsafe { output.as_mut() })
}
