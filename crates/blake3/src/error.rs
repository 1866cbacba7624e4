//! How the work fails, and the `code` each failure carries to JavaScript.

use std::fmt;
use std::path::PathBuf;

use oxidize_napi::{Cancelled, ErrorClass, IoError, NodeError, OutOfMemory};

#[derive(Debug)]
pub enum HashError {
    /// The key must be exactly 32 bytes.
    KeyLength(usize),
    /// `key` and `context` select two different modes; BLAKE3 has no mode with both.
    KeyWithContext,
    /// A digest length that is not an integer from 1 to [`crate::hash::MAX_LENGTH`].
    Length(f64),
    /// The caller aborted, or its JavaScript environment went away.
    Cancelled,
    /// A regular file's size changed between opening it and reaching its end: the digest would be
    /// of neither the old nor the new contents.
    FileChanged {
        path: PathBuf,
        at_open: u64,
        at_end: u64,
    },
    Io(IoError),
    /// A `Hasher` used after `dispose()`.
    Disposed,
    /// The output given to write the digest into is the input's (or the key's) own memory.
    OutputOverlapsInput,
    /// A `hashInScratch` header that claims more than the scratch holds.
    Scratch {
        input: usize,
        output: usize,
        capacity: usize,
    },
    OutOfMemory,
}

impl fmt::Display for HashError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::KeyLength(len) => write!(f, "key must be exactly 32 bytes, got {len}"),
            Self::KeyWithContext => f.write_str("key and context cannot be used together"),
            Self::Length(length) => write!(
                f,
                "length must be an integer from 1 to {}, got {}",
                crate::hash::MAX_LENGTH,
                // As JavaScript prints numbers: 4294967296, not 4294967296.0; Infinity, not inf.
                match length {
                    l if l.is_nan() => "NaN".to_owned(),
                    l if l.is_infinite() => format!("{}Infinity", if *l < 0.0 { "-" } else { "" }),
                    l => l.to_string(),
                }
            ),
            Self::Cancelled => Cancelled.fmt(f),
            Self::FileChanged {
                path,
                at_open,
                at_end,
            } => write!(
                f,
                "file changed size while being hashed: {at_open} bytes when opened, {at_end} when read to the end, '{}'",
                path.display()
            ),
            Self::Io(error) => error.fmt(f),
            Self::Disposed => f.write_str("the hasher was disposed of and cannot be used"),
            Self::OutputOverlapsInput => {
                f.write_str("the output must not overlap the input or the key")
            }
            Self::Scratch {
                input,
                output,
                capacity,
            } => write!(
                f,
                "the scratch header asks for {input} input bytes and a {output}-byte digest (at least 1), \
                 but the scratch holds {capacity} bytes after its header"
            ),
            Self::OutOfMemory => OutOfMemory.fmt(f),
        }
    }
}

impl NodeError for HashError {
    fn code(&self) -> &'static str {
        match self {
            Self::KeyLength(_) | Self::KeyWithContext => "ERR_INVALID_ARG_VALUE",
            Self::Length(_) => "ERR_OUT_OF_RANGE",
            Self::Cancelled => Cancelled.code(),
            Self::FileChanged { .. } => "ERR_FILE_CHANGED",
            Self::Io(error) => error.code(),
            Self::Disposed => "ERR_INVALID_STATE",
            Self::OutputOverlapsInput => "ERR_INVALID_ARG_VALUE",
            Self::Scratch { .. } => "ERR_OUT_OF_RANGE",
            Self::OutOfMemory => OutOfMemory.code(),
        }
    }

    fn class(&self) -> ErrorClass {
        match self {
            Self::Length(_) | Self::KeyLength(_) | Self::OutOfMemory | Self::Scratch { .. } => {
                ErrorClass::RangeError
            }
            Self::KeyWithContext | Self::OutputOverlapsInput => ErrorClass::TypeError,
            _ => ErrorClass::Error,
        }
    }
}

impl From<OutOfMemory> for HashError {
    fn from(_: OutOfMemory) -> Self {
        Self::OutOfMemory
    }
}

impl From<Cancelled> for HashError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}
