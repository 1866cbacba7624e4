//! Asynchronous work: run off the JavaScript thread, settle a promise, stop when told.
//!
//! Jobs run on a thread pool of this crate (see [`Pool`]), not on libuv's (napi-rs's `AsyncTask`), because Node
//! waits for running libuv work at the two moments a program expects it not to:
//! `process.exit()` joins libuv's pool before the process ends, and a worker's teardown waits for
//! its pending requests before it runs any cleanup hook. A 16 GiB file or a FIFO nobody writes to
//! would hold the exit for as long as it runs. Here, exit does not wait, and a cleanup hook
//! cancels the environment's jobs, which stop within one slice of work. A job that waits for I/O
//! also cannot starve `node:fs`, which keeps libuv's pool to itself.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::NodeError;
use crate::error::{Panic, catch_panic, to_js_rejection, with_code};

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

type Task = Box<dyn FnOnce() + Send>;

/// The job threads: as many as there are cores, at least four (as libuv has), so that jobs
/// reading files keep the cores busy. A job that may wait on something outside the process for
/// as long as it likes (a FIFO's writer, a terminal) says so with [`blocking`], and the pool starts
/// a thread to stand in for it, so that such waits never starve the other jobs.
struct Pool {
    state: Mutex<PoolState>,
    work: Condvar,
    size: usize,
}

struct PoolState {
    queue: VecDeque<Task>,
    threads: usize,
    idle: usize,
    blocked: usize,
}

thread_local! {
    static IN_POOL: Cell<bool> = const { Cell::new(false) };
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| Pool {
        state: Mutex::new(PoolState {
            queue: VecDeque::new(),
            threads: 0,
            idle: 0,
            blocked: 0,
        }),
        work: Condvar::new(),
        size: std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .max(4),
    })
}

impl Pool {
    fn lock(&self) -> MutexGuard<'_, PoolState> {
        // A task never runs under the lock, so a poisoned lock still holds a consistent state.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn submit(&'static self, task: Task) {
        let mut state = self.lock();
        state.queue.push_back(task);
        if state.idle > 0 {
            self.work.notify_one();
        }
        // A woken thread counts as idle until it takes a task: compare the tasks waiting with the
        // threads that will take them, or a burst would queue up behind one long job.
        if state.queue.len() > state.idle && state.threads - state.blocked < self.size {
            self.start_thread(&mut state);
        }
    }

    fn start_thread(&'static self, state: &mut PoolState) {
        let started = std::thread::Builder::new()
            .name("oxidize-job".into())
            .spawn(move || self.run());
        // Without a new thread the task waits for a running one; only if there is none at all
        // would it wait forever, and then the process has no threads to give anyway.
        if started.is_ok() {
            state.threads += 1;
        }
    }

    fn run(&'static self) {
        IN_POOL.with(|in_pool| in_pool.set(true));
        let mut state = self.lock();
        loop {
            if let Some(task) = state.queue.pop_front() {
                drop(state);
                task();
                state = self.lock();
                continue;
            }
            // A thread started to stand in for a blocked one leaves once that one is back.
            if state.threads - state.blocked > self.size {
                state.threads -= 1;
                return;
            }
            state.idle += 1;
            state = self
                .work
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            state.idle -= 1;
        }
    }
}

/// Runs `wait`, which may block for as long as something outside the process decides, without
/// taking a job thread from the others: a thread is started to stand in for this one meanwhile.
/// Called outside a job thread, it only runs `wait`.
pub fn blocking<R>(wait: impl FnOnce() -> R) -> R {
    if !IN_POOL.with(Cell::get) {
        return wait();
    }
    let pool = pool();
    {
        let mut state = pool.lock();
        state.blocked += 1;
        // Jobs already waiting get a thread now; later ones get theirs from `submit`.
        if !state.queue.is_empty() && state.idle == 0 {
            pool.start_thread(&mut state);
        }
    }
    // Counted back even if `wait` panics, or the pool would keep a stand-in thread for good.
    struct Unblock(&'static Pool);
    impl Drop for Unblock {
        fn drop(&mut self) {
            self.0.lock().blocked -= 1;
        }
    }
    let _unblock = Unblock(pool);
    wait()
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
    pool().submit(Box::new(move || {
        let outcome = run_unless_cancelled(&cancel, work);
        // Settling from here queues the result for the JavaScript thread; when the environment is
        // gone, napi-rs drops it instead.
        deferred.resolve(move |env| match outcome {
            Some(Ok(Ok(value))) => Ok(value),
            Some(Ok(Err(error))) => Err(to_js_rejection(env, &error)),
            Some(Err(panic)) => Err(to_js_rejection(env, &panic)),
            None => Err(to_js_rejection(env, &Cancelled)),
        });
    }));
    Ok(promise)
}

/// Runs `work` (a panic caught), or, when it was cancelled while it waited for a thread (an aborted
/// call, a worker that ended), none of it: a burst of aborted calls cannot delay the calls queued
/// after it. `None` means cancelled before it started.
fn run_unless_cancelled<T, E>(
    cancel: &Cancel,
    work: impl FnOnce(&Cancel) -> std::result::Result<T, E>,
) -> Option<std::result::Result<std::result::Result<T, E>, Panic>> {
    (!cancel.is_cancelled()).then(|| catch_panic(|| work(cancel)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_cancelled_before_it_starts_does_none_of_its_work() {
        let cancel = Cancel::new();
        cancel.cancel();
        let outcome = run_unless_cancelled(&cancel, |_| -> std::result::Result<(), Cancelled> {
            panic!("the work of a cancelled job ran")
        });
        assert!(outcome.is_none());
        let running = run_unless_cancelled(&Cancel::new(), |_| Ok::<_, Cancelled>(7));
        assert!(matches!(running, Some(Ok(Ok(7)))));
    }

    #[test]
    fn cancel_is_seen_by_every_clone() {
        let cancel = Cancel::new();
        let seen_by_job = cancel.clone();
        assert_eq!(seen_by_job.check(), Ok(()));
        cancel.cancel();
        assert_eq!(seen_by_job.check(), Err(Cancelled));
        assert_eq!(Cancelled.code(), "ABORT_ERR");
    }

    /// What a long job waits on until the test opens it.
    #[derive(Clone, Default)]
    struct Gate(Arc<(Mutex<bool>, Condvar)>);

    impl Gate {
        fn wait(&self) {
            let (open, opened) = &*self.0;
            let mut open = open.lock().unwrap();
            while !*open {
                open = opened.wait(open).unwrap();
            }
        }

        fn open(&self) {
            *self.0.0.lock().unwrap() = true;
            self.0.1.notify_all();
        }
    }

    /// Submits a short job and waits (at most 10 s) for its answer.
    fn short_job(answer: i32) -> std::result::Result<i32, std::sync::mpsc::RecvTimeoutError> {
        let (done, finished) = std::sync::mpsc::channel();
        pool().submit(Box::new(move || done.send(answer).unwrap()));
        finished.recv_timeout(std::time::Duration::from_secs(10))
    }

    #[test]
    fn jobs_blocked_in_waits_starve_no_other_job() {
        let gate = Gate::default();
        for _ in 0..pool().size * 2 {
            let gate = gate.clone();
            pool().submit(Box::new(move || blocking(|| gate.wait())));
        }
        let outcome = short_job(42);
        gate.open();
        assert_eq!(outcome, Ok(42));
    }

    #[test]
    fn a_burst_of_jobs_does_not_queue_behind_one_long_job() {
        // One idle thread, left by a job that has finished.
        assert_eq!(short_job(1), Ok(1));
        let gate = Gate::default();
        let long = gate.clone();
        pool().submit(Box::new(move || long.wait()));
        let outcome = short_job(7);
        gate.open();
        assert_eq!(outcome, Ok(7));
    }
}
