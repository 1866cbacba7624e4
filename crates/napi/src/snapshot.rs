//! Copies of the inputs of asynchronous exports, in memory that finished jobs gave back.
//!
//! An asynchronous export copies its input before it returns (JavaScript may change or free the
//! buffer afterwards), and that copy holds the event loop. For a large input most of its cost is not
//! copying but the kernel handing out fresh pages: the allocator maps memory for every large copy
//! and unmaps it when the job ends, and touching new pages costs a fault each. Measured on a 2-core
//! Xeon: a 32 MiB copy held the loop 23–29 ms on fresh pages, 6–7 ms on pages already used, where
//! the job's own work on those 32 MiB (a hash) took 4.7 ms. A server doing such work on large
//! inputs at a steady rate copies into warm memory this way.
//!
//! Kept: the last [`KEPT`] buffers of [`KEPT_MIN`] to [`KEPT_MAX`] bytes given back, process-wide
//! (jobs of every thread give back and take), so they keep at most 64 MiB after large calls end,
//! holding the bytes of the inputs they copied until later copies overwrite them. Smaller copies
//! the allocator already serves from memory it keeps; larger ones are freed.

use std::ops::Deref;
use std::sync::Mutex;

use crate::{OutOfMemory, try_copy};

pub const KEPT: usize = 2;
pub const KEPT_MIN: usize = 1 << 20;
pub const KEPT_MAX: usize = 32 << 20;

static KEPT_BUFFERS: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());

/// A copy of an input, taken at the call; its memory is given back for the next copy when the job
/// drops it.
#[derive(Debug)]
pub struct Snapshot(Vec<u8>);

impl Deref for Snapshot {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let buffer = std::mem::take(&mut self.0);
        if !(KEPT_MIN..=KEPT_MAX).contains(&buffer.capacity()) {
            return;
        }
        // A poisoned lock only means another thread panicked while holding it: the list is
        // still a list of buffers.
        let mut kept = KEPT_BUFFERS.lock().unwrap_or_else(|e| e.into_inner());
        kept.push(buffer);
        // The one given back longest ago goes, whatever its size: when the sizes of the inputs
        // change, buffers no copy takes any more age out instead of holding the pool for good.
        if kept.len() > KEPT {
            kept.remove(0);
        }
    }
}

/// The index of the smallest kept buffer of at least `len` bytes.
fn smallest(kept: &[Vec<u8>], len: usize) -> Option<usize> {
    (0..kept.len())
        .filter(|&i| kept[i].capacity() >= len)
        .min_by_key(|&i| kept[i].capacity())
}

/// How much larger than a copy a kept buffer it takes may be: a 1 MiB copy that took a 32 MiB
/// buffer would leave the next 32 MiB copy to fresh pages, which cost it more than the small copy
/// saves.
const REUSE_MAX_RATIO: usize = 4;

/// A copy of `source`, in a kept buffer when one is large enough, else in new memory
/// ([`OutOfMemory`] where `to_vec()` would abort the process).
pub fn snapshot(source: &[u8]) -> Result<Snapshot, OutOfMemory> {
    if source.len() >= KEPT_MIN {
        let reused = {
            let mut kept = KEPT_BUFFERS.lock().unwrap_or_else(|e| e.into_inner());
            // The smallest that fits, and not far larger, so that a small copy does not take the
            // buffer a large one needs.
            smallest(&kept, source.len())
                .filter(|&i| kept[i].capacity() / REUSE_MAX_RATIO <= source.len())
                .map(|i| kept.remove(i))
        };
        if let Some(mut buffer) = reused {
            buffer.clear();
            buffer.extend_from_slice(source);
            return Ok(Snapshot(buffer));
        }
    }
    try_copy(source).map(Snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_capacities() -> Vec<usize> {
        let mut capacities: Vec<usize> = KEPT_BUFFERS
            .lock()
            .unwrap()
            .iter()
            .map(Vec::capacity)
            .collect();
        capacities.sort_unstable();
        capacities
    }

    // One test, because the kept buffers are process-wide.
    #[test]
    fn copies_are_exact_and_reuse_at_most_the_kept_buffers() {
        let source: Vec<u8> = (0..3 * KEPT_MIN).map(|i| (i % 251) as u8).collect();
        let first = snapshot(&source).unwrap();
        assert_eq!(&first[..], &source[..]);
        let address = first.as_ptr();
        drop(first);
        assert_eq!(kept_capacities().len(), 1);

        // A shorter copy reuses the buffer and holds exactly its own bytes, none of the last ones.
        let second = snapshot(&source[..KEPT_MIN + 5]).unwrap();
        assert_eq!(second.as_ptr(), address);
        assert_eq!(&second[..], &source[..KEPT_MIN + 5]);
        assert!(kept_capacities().is_empty());

        // Two alive at once: the second is new memory. Small and huge copies are never kept.
        let third = snapshot(&source).unwrap();
        assert_ne!(third.as_ptr(), second.as_ptr());
        drop((second, third));
        drop(snapshot(&source[..100]).unwrap());
        drop(Snapshot(Vec::with_capacity(KEPT_MAX + 1)));
        assert_eq!(kept_capacities().len(), 2);
        drop(snapshot(&[0; 10]).unwrap());
        assert_eq!(kept_capacities().len(), 2);

        // At most KEPT: the one given back longest ago goes.
        let big = Snapshot(Vec::with_capacity(5 * KEPT_MIN));
        drop(big);
        let kept = kept_capacities();
        assert_eq!(kept.len(), KEPT);
        assert!(kept.iter().all(|&capacity| capacity >= 3 * KEPT_MIN));

        // A copy far smaller than every kept buffer takes new memory and leaves them to large ones.
        let huge = Snapshot(Vec::with_capacity(KEPT_MAX));
        drop(huge);
        let before = kept_capacities();
        let small = snapshot(&source[..KEPT_MIN]).unwrap();
        assert_eq!(&small[..], &source[..KEPT_MIN]);
        assert_eq!(kept_capacities(), before);

        // Given back, it is kept and the oldest goes: when inputs get smaller, the pool follows.
        let capacity = small.0.capacity();
        drop(small);
        let kept = kept_capacities();
        assert_eq!(kept, vec![capacity, KEPT_MAX]);
        let again = snapshot(&source[..KEPT_MIN]).unwrap();
        assert_eq!(kept_capacities(), vec![KEPT_MAX]);
        drop(again);
    }
}
