//! Developer product receipts, game-wide: Roblox keeps a receipt until a
//! server's `MarketplaceService.ProcessReceipt` answers `PurchaseGranted`, and
//! delivers it again (when the player joins a server, and now and then while
//! they play) to whichever server they are in. The ledger outlives servers, so
//! a receipt whose server crashed mid-call is delivered again elsewhere.
//!
//! Every delivery and its answer is recorded, so tests and test play's verdict
//! can compare what Roblox believes (granted or pending) with what the data
//! layer stored.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::ServerId;

/// Where a receipt stands with Roblox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReceiptState {
    /// No server has answered PurchaseGranted yet: Roblox keeps delivering it.
    Pending,
    /// A server answered PurchaseGranted: Roblox considers the player served.
    Granted,
}

/// What one call of ProcessReceipt answered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReceiptOutcome {
    /// The callback has not returned yet.
    Running,
    PurchaseGranted,
    NotProcessedYet,
    /// The callback returned something other than a ProductPurchaseDecision (nil included).
    NoDecision,
    /// The callback errored (the message).
    Errored(String),
    /// The server had no ProcessReceipt callback set.
    NoCallback,
    /// The server crashed or shut down before the callback returned.
    ServerGone,
}

/// One delivery of a receipt to a server.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReceiptDelivery {
    pub server: ServerId,
    /// Virtual time the callback was called.
    pub time: f64,
    /// Virtual time it returned (or the server went), if it did.
    pub decided_at: Option<f64>,
    pub outcome: ReceiptOutcome,
}

/// A developer product purchase, as Roblox's receipt ledger holds it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Receipt {
    /// `receiptInfo.PurchaseId`.
    pub purchase_id: String,
    pub user_id: i64,
    pub product_id: i64,
    /// Virtual time of the purchase.
    pub bought_at: f64,
    pub robux: i64,
    pub state: ReceiptState,
    pub deliveries: Vec<ReceiptDelivery>,
}

impl Receipt {
    /// Deliveries answered PurchaseGranted (more than one means Roblox was told twice).
    pub fn granted_answers(&self) -> usize {
        self.deliveries
            .iter()
            .filter(|d| d.outcome == ReceiptOutcome::PurchaseGranted)
            .count()
    }
}

/// A receipt to hand to a server now.
pub(crate) struct Due {
    pub(crate) index: usize,
    /// Which of the receipt's deliveries this is.
    pub(crate) delivery: usize,
    pub(crate) server: ServerId,
}

#[derive(Default)]
pub(crate) struct LedgerState {
    receipts: Vec<Receipt>,
    /// When each pending receipt is next delivered (None: when the player next joins).
    next_try: Vec<Option<f64>>,
    /// The servers each player is in, in the order they joined them.
    whereabouts: HashMap<i64, Vec<ServerId>>,
    prices: HashMap<i64, i64>,
    retry: f64,
    seed: u64,
}

/// The game's receipts; cloning shares them (servers report joins, leaves and answers).
#[derive(Clone, Default)]
pub(crate) struct Ledger(pub(crate) Rc<RefCell<LedgerState>>);

fn mix(mut x: u64) -> u64 {
    // splitmix64: spreads a counter into an id-looking number.
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl Ledger {
    pub(crate) fn new(retry: f64, seed: u64) -> Ledger {
        Ledger(Rc::new(RefCell::new(LedgerState {
            retry,
            seed,
            ..LedgerState::default()
        })))
    }

    pub(crate) fn set_price(&self, product_id: i64, robux: i64) {
        self.0.borrow_mut().prices.insert(product_id, robux);
    }

    /// The server a player's receipts go to: the one they joined last.
    pub(crate) fn server_of(&self, user_id: i64) -> Option<ServerId> {
        self.0
            .borrow()
            .whereabouts
            .get(&user_id)
            .and_then(|v| v.last().copied())
    }

    /// A new purchase; it is delivered at once. Returns the PurchaseId.
    pub(crate) fn buy(&self, user_id: i64, product_id: i64, now: f64) -> String {
        let mut l = self.0.borrow_mut();
        let n = l.receipts.len() as u64;
        let id = format!(
            "{:016x}{:016x}",
            mix(l.seed ^ n),
            mix(l.seed.wrapping_add(n) ^ 0x5EED)
        );
        let robux = l.prices.get(&product_id).copied().unwrap_or(0);
        l.receipts.push(Receipt {
            purchase_id: id.clone(),
            user_id,
            product_id,
            bought_at: now,
            robux,
            state: ReceiptState::Pending,
            deliveries: Vec::new(),
        });
        l.next_try.push(Some(now));
        id
    }

    /// A player joined a server: their pending receipts are delivered there now.
    pub(crate) fn joined(&self, user_id: i64, server: ServerId, now: f64) {
        let mut l = self.0.borrow_mut();
        let places = l.whereabouts.entry(user_id).or_default();
        places.retain(|s| *s != server);
        places.push(server);
        let LedgerState {
            receipts, next_try, ..
        } = &mut *l;
        for (r, t) in receipts.iter().zip(next_try.iter_mut()) {
            if r.user_id == user_id && r.state == ReceiptState::Pending {
                *t = Some(now);
            }
        }
    }

    pub(crate) fn left(&self, user_id: i64, server: ServerId) {
        let mut l = self.0.borrow_mut();
        if let Some(places) = l.whereabouts.get_mut(&user_id) {
            places.retain(|s| *s != server);
        }
    }

    /// A server crashed or shut down: its players are no longer there, and
    /// calls still running there never answer.
    pub(crate) fn server_gone(&self, server: ServerId, now: f64) {
        let mut l = self.0.borrow_mut();
        for places in l.whereabouts.values_mut() {
            places.retain(|s| *s != server);
        }
        for r in &mut l.receipts {
            for d in &mut r.deliveries {
                if d.server == server && d.outcome == ReceiptOutcome::Running {
                    d.outcome = ReceiptOutcome::ServerGone;
                    d.decided_at = Some(now);
                }
            }
        }
    }

    /// When the next delivery is due, if any.
    pub(crate) fn next_due(&self) -> Option<f64> {
        let l = self.0.borrow();
        l.receipts
            .iter()
            .zip(&l.next_try)
            .filter(|(r, _)| {
                r.state == ReceiptState::Pending
                    && l.whereabouts.get(&r.user_id).is_some_and(|p| !p.is_empty())
            })
            .filter_map(|(_, t)| *t)
            .min_by(f64::total_cmp)
    }

    /// The receipts due at `now`, each recorded as a running delivery to the
    /// player's server; their next try is a retry interval away.
    pub(crate) fn take_due(&self, now: f64) -> Vec<Due> {
        let mut l = self.0.borrow_mut();
        let retry = l.retry;
        let LedgerState {
            receipts,
            next_try,
            whereabouts,
            ..
        } = &mut *l;
        let mut due = Vec::new();
        for (index, (r, t)) in receipts.iter_mut().zip(next_try.iter_mut()).enumerate() {
            if r.state != ReceiptState::Pending || !t.is_some_and(|t| t <= now) {
                continue;
            }
            let Some(server) = whereabouts.get(&r.user_id).and_then(|p| p.last().copied()) else {
                *t = None;
                continue;
            };
            // A server still working on the receipt is not asked again; another server is
            // (after a hop both may run it at once, which a data layer must survive).
            let running_there = r
                .deliveries
                .iter()
                .any(|d| d.server == server && d.outcome == ReceiptOutcome::Running);
            if running_there {
                *t = Some(now + retry);
                continue;
            }
            r.deliveries.push(ReceiptDelivery {
                server,
                time: now,
                decided_at: None,
                outcome: ReceiptOutcome::Running,
            });
            *t = Some(now + retry);
            due.push(Due {
                index,
                delivery: r.deliveries.len() - 1,
                server,
            });
        }
        due
    }

    /// The receiptInfo fields of a receipt: (PurchaseId, PlayerId, ProductId, CurrencySpent).
    pub(crate) fn info(&self, index: usize) -> (String, i64, i64, i64) {
        let l = self.0.borrow();
        let r = &l.receipts[index];
        (r.purchase_id.clone(), r.user_id, r.product_id, r.robux)
    }

    /// A server's callback answered for delivery `delivery` of receipt `index`.
    pub(crate) fn decided(&self, index: usize, delivery: usize, outcome: ReceiptOutcome, now: f64) {
        let mut l = self.0.borrow_mut();
        let Some(r) = l.receipts.get_mut(index) else {
            return;
        };
        if outcome == ReceiptOutcome::PurchaseGranted {
            r.state = ReceiptState::Granted;
        }
        if let Some(d) = r.deliveries.get_mut(delivery)
            && d.outcome == ReceiptOutcome::Running
        {
            d.outcome = outcome;
            d.decided_at = Some(now);
        }
    }

    pub(crate) fn receipts(&self) -> Vec<Receipt> {
        self.0.borrow().receipts.clone()
    }
}
