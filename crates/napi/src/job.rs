//! Asynchronous work: run off the JavaScript thread, settle a promise, stop when told.
//!
//! Jobs run on a thread pool of this crate, not on libuv's (napi-rs's `AsyncTask`), because Node
//! waits for running libuv work at the two moments a program expects it not to:
//! `process.exit()` joins libuv's pool before the process ends, and a worker's teardown waits for
//! its pending requests before it runs any cleanup hook. A 16 GiB file or a FIFO nobody writes to
//! would hold the exit for as long as it runs. Here, exit does not wait, and a cleanup hook
//! cancels the environment's jobs, which stop within one slice of work. A job that waits for I/O
//! also cannot starve `node:fs`, which keeps libuv's pool to itself.

use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rayon_core::{ThreadPool, ThreadPoolBuilder};

use crate::NodeError;
use crate::error::{catch_panic, to_js_rejection, with_code};

/// Set from JavaScript when the caller's `AbortSignal` fires; read by the job between slices.
#[napi]
pub struct AbortFlag {
    aborted: Arc<AtomicBool>,
}

#[napi]
impl AbortFlag {
    #[napi(constructor)]
    pub fn new() -> Self {
        AbortFlag {
            aborted: Arc::default(),
        }
    }

    #[napi]
    pub fn abort(&self) {
        self.aborted.store(true, Ordering::Relaxed);
    }
}

impl Default for AbortFlag {
    fn default() -> Self {
        Self::new()
    }
}

/// What a job checks between slices of work: its caller aborted, or its JavaScript environment
/// (the main thread's, or a worker's) is being torn down and nobody is left to take the result.
#[derive(Clone, Default, Debug)]
pub struct Cancel {
    aborted: Arc<AtomicBool>,
    torn_down: Arc<AtomicBool>,
}

impl Cancel {
    /// Never set by anyone but the caller of [`Cancel::cancel`]: for plain-Rust tests and tools.
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.aborted.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.aborted.load(Ordering::Relaxed) || self.torn_down.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once cancelled: `cancel.check()?` between two slices of work.
    pub fn check(&self) -> std::result::Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// The error of cancelled work. JavaScript callers never see it: an aborted call has already
/// rejected with an `AbortError`, and a torn-down environment has no one to tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("The operation was aborted")
    }
}

impl NodeError for Cancelled {
    fn code(&self) -> &'static str {
        "ABORT_ERR"
    }
}

/// At least four threads, as libuv has, so that jobs waiting for I/O leave room for hashing;
/// more on machines with more cores, so that parallel work inside a job can use them all.
fn pool() -> &'static ThreadPool {
    static POOL: OnceLock<ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        ThreadPoolBuilder::new()
            .num_threads(cores.max(4))
            .thread_name(|index| format!("oxidize-job-{index}"))
            .build()
            .expect("cannot start the job threads")
    })
}

thread_local! {
    // One environment per JavaScript thread (the main thread, or a worker's): its teardown flag.
    static TORN_DOWN: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// The flag that this thread's JavaScript environment sets as it is torn down (a worker
/// terminating, an embedder disposing of it), registered once per environment.
fn torn_down_flag(env: &Env) -> Result<Arc<AtomicBool>> {
    TORN_DOWN.with(|slot| {
        if let Some(flag) = slot.borrow().as_ref() {
            return Ok(flag.clone());
        }
        let flag = Arc::new(AtomicBool::new(false));
        env.add_env_cleanup_hook(flag.clone(), |flag| {
            flag.store(true, Ordering::Relaxed);
            // A later environment on this thread gets a flag of its own.
            let _ = TORN_DOWN.try_with(|slot| slot.borrow_mut().take());
        })?;
        *slot.borrow_mut() = Some(flag.clone());
        Ok(flag)
    })
}

/// Runs `work` on a job thread and returns a promise of its result. The work gets a [`Cancel`]
/// to check between slices; its error rejects the promise with the error's `code`, and so does a
/// panic (as `ERR_INTERNAL_ASSERTION`). Everything `work` reads must be owned (moved in): the
/// JavaScript caller runs on, and may change or free its own memory, while the job runs.
pub fn spawn<'env, T, E, W>(
    env: &'env Env,
    abort: Option<&AbortFlag>,
    work: W,
) -> Result<Object<'env>, String>
where
    T: ToNapiValue + Send + 'static,
    E: NodeError + Send + 'static,
    W: FnOnce(&Cancel) -> std::result::Result<T, E> + Send + 'static,
{
    let cancel = Cancel {
        aborted: abort.map_or_else(Default::default, |flag| flag.aborted.clone()),
        torn_down: torn_down_flag(env).map_err(with_code)?,
    };
    let (deferred, promise) = env.create_deferred().map_err(with_code)?;
    pool().spawn(move || {
        let outcome = catch_panic(|| work(&cancel));
        // Settling from here queues the result for the JavaScript thread; when the environment is
        // gone, napi-rs drops it instead.
        deferred.resolve(move |env| match outcome {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(to_js_rejection(env, &error)),
            Err(panic) => Err(to_js_rejection(env, &panic)),
        });
    });
    Ok(promise)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_is_seen_by_every_clone() {
        let cancel = Cancel::new();
        let seen_by_job = cancel.clone();
        assert_eq!(seen_by_job.check(), Ok(()));
        cancel.cancel();
        assert_eq!(seen_by_job.check(), Err(Cancelled));
        assert_eq!(Cancelled.code(), "ABORT_ERR");
    }
}
