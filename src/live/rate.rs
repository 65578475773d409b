//! Following Roblox's documented rate limits for Open Cloud data stores:
//! 300 requests a minute per universe for reads and another 300 for writes
//! (the same for ordered data stores), whatever the number of keys; past
//! them Roblox answers 429. The budget spaces requests out before Roblox has
//! to refuse them; [`Backoff`] decides how long to wait after a 429.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::RngExt;

/// Roblox's documented limit, per universe and per kind of request.
pub const REQUESTS_PER_MINUTE: u32 = 300;

/// Which budget a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    Read,
    Write,
}

/// Requests a minute for reads and for writes, shared by every clone (one
/// per universe in the window). A token bucket that starts full: short
/// bursts go out at once, a long run at the documented rate.
#[derive(Debug, Clone)]
pub struct Budget {
    inner: Arc<Mutex<[Bucket; 2]>>,
    per_minute: u32,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Budget {
    pub fn new(per_minute: u32) -> Budget {
        let per_minute = per_minute.max(1);
        let full = || Bucket {
            tokens: f64::from(per_minute),
            at: Instant::now(),
        };
        Budget {
            inner: Arc::new(Mutex::new([full(), full()])),
            per_minute,
        }
    }

    /// The budget of one universe on one server, shared by every client made
    /// for it in this process: Roblox counts per universe, whatever the key
    /// or the page that sends.
    pub fn for_universe(base_url: &str, universe_id: u64, per_minute: u32) -> Budget {
        static SHARED: Mutex<Vec<(String, u64, Budget)>> = Mutex::new(Vec::new());
        let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, budget)) = shared.iter().find(|(url, id, b)| {
            url == base_url && *id == universe_id && b.per_minute == per_minute.max(1)
        }) {
            return budget.clone();
        }
        let budget = Budget::new(per_minute);
        shared.push((base_url.to_string(), universe_id, budget.clone()));
        budget
    }

    /// Takes one request from the budget; returns how long to wait first
    /// (zero when the budget has room).
    pub fn take(&self, kind: RequestKind) -> Duration {
        let mut buckets = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let bucket = &mut buckets[kind as usize];
        let rate = f64::from(self.per_minute) / 60.0;
        let now = Instant::now();
        let refill = now.duration_since(bucket.at).as_secs_f64() * rate;
        bucket.tokens = (bucket.tokens + refill).min(f64::from(self.per_minute));
        bucket.at = now;
        bucket.tokens -= 1.0;
        if bucket.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-bucket.tokens / rate)
        }
    }
}

/// How long to wait after each 429 (or a 5xx): what Roblox's Retry-After
/// says when it says so, else doubling from `first` with jitter, never more
/// than `max`; at most `attempts` tries in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
    pub attempts: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            first: Duration::from_secs(1),
            max: Duration::from_secs(30),
            attempts: 6,
        }
    }
}

impl Backoff {
    /// The wait before try number `attempt + 1` (`attempt` starts at 1).
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(after) = retry_after {
            return after.min(self.max);
        }
        let doubled = self
            .first
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let capped = doubled.min(self.max);
        // Full jitter over the upper half: clients that were refused together
        // don't come back together.
        let half = capped / 2;
        let jitter = rand::rng().random_range(0.0..=1.0);
        half + half.mul_f64(jitter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_budget_lets_a_burst_through_then_spaces_requests() {
        let budget = Budget::new(3);
        for _ in 0..3 {
            assert_eq!(budget.take(RequestKind::Read), Duration::ZERO);
        }
        let wait = budget.take(RequestKind::Read);
        assert!(wait > Duration::from_secs(15), "{wait:?}");
        assert_eq!(budget.take(RequestKind::Write), Duration::ZERO);
    }

    #[test]
    fn backoff_follows_retry_after_and_caps_doubling() {
        let backoff = Backoff::default();
        assert_eq!(
            backoff.delay(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            backoff.delay(1, Some(Duration::from_secs(600))),
            backoff.max
        );
        let third = backoff.delay(3, None);
        assert!(third >= Duration::from_secs(2) && third <= Duration::from_secs(4));
        assert!(backoff.delay(30, None) <= backoff.max);
    }
}
