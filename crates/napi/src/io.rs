use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::NodeError;

/// A failed system call on a path, reported as `node:fs` reports it:
/// `ENOENT: no such file or directory, open '/missing'` with `code` `ENOENT`.
#[derive(Debug)]
pub struct IoError {
    pub syscall: &'static str,
    pub path: PathBuf,
    pub source: io::Error,
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}, {}",
            self.code(),
            describe(&self.source),
            self.syscall
        )?;
        // Node names the path for calls that take one (open), not for those on a descriptor.
        match self.syscall {
            "read" | "fstat" => Ok(()),
            _ => write!(f, " '{}'", self.path.display()),
        }
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl NodeError for IoError {
    fn code(&self) -> &'static str {
        Self::code_of(&self.source)
    }
}

impl IoError {
    /// Node's name for the error: Rust names error kinds portably, Node names them by errno.
    fn code_of(error: &io::Error) -> &'static str {
        use io::ErrorKind::*;
        match error.kind() {
            NotFound => "ENOENT",
            PermissionDenied => "EACCES",
            IsADirectory => "EISDIR",
            NotADirectory => "ENOTDIR",
            InvalidInput => "EINVAL",
            Interrupted => "EINTR",
            OutOfMemory => "ENOMEM",
            _ => error.raw_os_error().and_then(errno_name).unwrap_or("EIO"),
        }
    }
}

/// The errno names a file read can meet that have no `io::ErrorKind` of their own.
#[cfg(unix)]
fn errno_name(errno: i32) -> Option<&'static str> {
    Some(match errno {
        libc::EMFILE => "EMFILE",
        libc::ENFILE => "ENFILE",
        libc::ENAMETOOLONG => "ENAMETOOLONG",
        libc::ELOOP => "ELOOP",
        libc::ENXIO => "ENXIO",
        libc::ENODEV => "ENODEV",
        libc::ETXTBSY => "ETXTBSY",
        libc::EBUSY => "EBUSY",
        libc::EAGAIN => "EAGAIN",
        libc::ENOMEM => "ENOMEM",
        libc::EPERM => "EPERM",
        _ => return None,
    })
}

#[cfg(not(unix))]
fn errno_name(_errno: i32) -> Option<&'static str> {
    None
}

/// The message `node:fs` gives (libuv's `uv_strerror`) for the errors a file read can meet; the
/// OS message, without Rust's " (os error N)" suffix, for any other.
fn describe(error: &io::Error) -> String {
    let node = match IoError::code_of(error) {
        "ENOENT" => "no such file or directory",
        "EACCES" => "permission denied",
        "EPERM" => "operation not permitted",
        "EISDIR" => "illegal operation on a directory",
        "ENOTDIR" => "not a directory",
        "ELOOP" => "too many symbolic links encountered",
        "ENAMETOOLONG" => "name too long",
        "EMFILE" => "too many open files",
        "ENFILE" => "file table overflow",
        "EIO" if error.raw_os_error().is_some() => "i/o error",
        "EINVAL" => "invalid argument",
        "ENOMEM" => "not enough memory",
        "ENXIO" => "no such device or address",
        "ENODEV" => "no such device",
        "ETXTBSY" => "text file is busy",
        "EBUSY" => "resource busy or locked",
        "EAGAIN" => "resource temporarily unavailable",
        "EINTR" => "interrupted system call",
        _ => "",
    };
    if !node.is_empty() {
        return node.to_owned();
    }
    let text = error.to_string();
    match text.find(" (os error") {
        Some(end) => text[..end].to_lowercase(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_worded_like_node() {
        let error = IoError {
            syscall: "open",
            path: "/nowhere/x".into(),
            source: io::ErrorKind::NotFound.into(),
        };
        assert_eq!(error.code(), "ENOENT");
        let os = IoError {
            syscall: "open",
            path: "/x".into(),
            source: io::Error::from_raw_os_error(2),
        };
        assert_eq!(
            os.to_string(),
            "ENOENT: no such file or directory, open '/x'"
        );
    }
}
