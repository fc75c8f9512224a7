//! Where an order stands as of a day: terms unknown, pending, open, complied or lifted.

use chrono::NaiveDate;
use std::fmt;

/// Where an order stands as of the date computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderState {
    /// Its terms (first day of delay) are not known: nothing accrues.
    Unknown,
    /// The first day of delay has not come yet.
    Pending,
    /// Penalties are running (or would, outside a suspension or past a cap).
    Open,
    /// Complied with on the given day (the first day without penalty).
    Complied(NaiveDate),
    /// Lifted on the given day.
    Lifted(NaiveDate),
}

impl OrderState {
    /// Whether the order can still accrue: pending, open or of unknown terms.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            OrderState::Unknown | OrderState::Pending | OrderState::Open
        )
    }
}

impl fmt::Display for OrderState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrderState::Unknown => f.write_str("terms unknown"),
            OrderState::Pending => f.write_str("pending"),
            OrderState::Open => f.write_str("open"),
            OrderState::Complied(d) => write!(f, "complied {d}"),
            OrderState::Lifted(d) => write!(f, "lifted {d}"),
        }
    }
}
