//! A per-document time limit, cheap to poll.

use std::time::{Duration, Instant};

/// The moment a document's analysis must stop by, or none.
///
/// The facade (`quotewire::analyze_limited`) checks it between stages; a
/// stage may poll [`Deadline::expired`] in its main loops (one clock read,
/// tens of nanoseconds: poll every few hundred iterations, not per byte) and
/// return what it has so far.
///
/// ```
/// use quotewire_doc::Deadline;
/// use std::time::Duration;
/// assert!(!Deadline::none().expired());
/// assert!(Deadline::after(Duration::ZERO).expired());
/// assert!(!Deadline::after(Duration::from_secs(3600)).expired());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deadline {
    at: Option<Instant>,
}

impl Deadline {
    /// No limit: [`Deadline::expired`] is always false.
    pub fn none() -> Deadline {
        Deadline { at: None }
    }

    /// `budget` from now. A budget too large to represent is no limit.
    pub fn after(budget: Duration) -> Deadline {
        Deadline {
            at: Instant::now().checked_add(budget),
        }
    }

    /// True once the moment has been reached (never for [`Deadline::none`]).
    pub fn expired(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
    }
}
