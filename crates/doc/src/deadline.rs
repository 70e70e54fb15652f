//! A per-document time limit, cheap to poll.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The moment a document's analysis must stop by, or none.
///
/// The facade (`quotewire::analyze_limited`) puts it in
/// [`crate::Document::deadline`] and checks it between stages; the slow
/// stages poll [`Deadline::expired`] in their main loops (one clock read,
/// tens of nanoseconds: every few hundred tokens or every sentence, not per
/// byte) and return what they have so far, consistent (every span valid).
///
/// ```
/// use quotewire_doc::Deadline;
/// use std::time::Duration;
/// assert!(!Deadline::none().expired());
/// assert!(Deadline::after(Duration::ZERO).expired());
/// assert!(!Deadline::after(Duration::from_secs(3600)).expired());
/// // deterministic, for tests: the third poll finds it expired
/// let d = Deadline::after_polls(2);
/// assert!(!d.expired() && !d.expired() && d.expired() && d.expired());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Deadline {
    at: Option<Instant>,
    /// Polls left before expiry ([`Deadline::after_polls`]), shared by the
    /// clones of one deadline.
    polls: Option<Arc<AtomicU64>>,
}

impl Deadline {
    /// No limit: [`Deadline::expired`] is always false.
    pub fn none() -> Deadline {
        Deadline::default()
    }

    /// `budget` from now. A budget too large to represent is no limit.
    pub fn after(budget: Duration) -> Deadline {
        Deadline {
            at: Instant::now().checked_add(budget),
            polls: None,
        }
    }

    /// Expired from the `n + 1`-th call of [`Deadline::expired`] on (on this
    /// deadline or any clone of it), whatever the clock says: a budget that
    /// runs out at a chosen point of the work, so a test can stop a stage
    /// in its loop without depending on the machine's speed.
    pub fn after_polls(n: u64) -> Deadline {
        Deadline {
            at: None,
            polls: Some(Arc::new(AtomicU64::new(n))),
        }
    }

    /// True once the moment has been reached (never for [`Deadline::none`]).
    pub fn expired(&self) -> bool {
        if let Some(left) = &self.polls {
            return left
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                .is_err();
        }
        self.at.is_some_and(|at| Instant::now() >= at)
    }

    /// True when this deadline can expire at all (not [`Deadline::none`]).
    pub fn is_limited(&self) -> bool {
        self.at.is_some() || self.polls.is_some()
    }
}
