//! Why the binding refuses a call, as errors that carry what was wrong. The TypeScript layer
//! (`packages/__name__/src/api.ts`) checks the same first, so these reach only someone calling the
//! raw binding; each still becomes a JavaScript error with Node's code (oxidize-napi's `NodeError`).

use std::fmt;

use oxidize_napi::{Cancelled, ErrorClass, NodeError, OutOfMemory, Overlap};

use crate::__function_snake__::{CHANNELS, output_length};

#[derive(Debug)]
pub enum BytesError {
    /// An input whose length is not a whole number of pixels.
    NotPixels { length: usize },
    /// An output of the wrong size: it must hold one byte per pixel.
    OutputLength { expected: usize, got: usize },
    /// An output sharing memory with the input.
    Overlap(Overlap),
    /// No memory for the result or the copy of the input.
    OutOfMemory(OutOfMemory),
    /// The caller aborted, or its JavaScript environment went away.
    Cancelled(Cancelled),
}

impl fmt::Display for BytesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotPixels { length } => {
                write!(f, "rgba.length must be a multiple of {CHANNELS}, got {length}")
            }
            Self::OutputLength { expected, got } => {
                write!(f, "output.length must be {expected}, got {got}")
            }
            Self::Overlap(error) => error.fmt(f),
            Self::OutOfMemory(error) => error.fmt(f),
            Self::Cancelled(error) => error.fmt(f),
        }
    }
}

impl NodeError for BytesError {
    fn code(&self) -> &'static str {
        match self {
            Self::NotPixels { .. } | Self::OutputLength { .. } => "ERR_OUT_OF_RANGE",
            Self::Overlap(error) => error.code(),
            Self::OutOfMemory(error) => error.code(),
            Self::Cancelled(error) => error.code(),
        }
    }

    fn class(&self) -> ErrorClass {
        match self {
            Self::Overlap(error) => error.class(),
            Self::Cancelled(error) => error.class(),
            _ => ErrorClass::RangeError,
        }
    }
}

impl From<Overlap> for BytesError {
    fn from(error: Overlap) -> Self {
        Self::Overlap(error)
    }
}

impl From<Cancelled> for BytesError {
    fn from(error: Cancelled) -> Self {
        Self::Cancelled(error)
    }
}

impl From<OutOfMemory> for BytesError {
    fn from(error: OutOfMemory) -> Self {
        Self::OutOfMemory(error)
    }
}

/// The length of the result for `input`, or why `input` has none (not whole pixels).
pub fn checked_output_length(input: &[u8]) -> Result<usize, BytesError> {
    output_length(input.len()).ok_or(BytesError::NotPixels {
        length: input.len(),
    })
}
