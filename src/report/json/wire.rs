//! The values on the wire: amounts, dates and the figures of a line, a group or the total.

use crate::exposure::Totals;
use crate::fx::Currency;
use crate::report::{PLAIN_AMOUNT_MAX, PlainAmount};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// The figures of a case line, a group or the total, in one currency.
#[derive(Serialize)]
pub(super) struct Figures {
    fines_enforceable: Amt,
    fines_contested: Amt,
    fines: Amt,
    liquidated_enforceable: Amt,
    liquidated_contested: Amt,
    liquidated: Amt,
    accruing: Amt,
    penalties: Amt,
    exposure: Amt,
    owed: Amt,
    paid: Amt,
    outstanding: Amt,
    payable: Amt,
    suspended: Amt,
    interest: Amt,
    time_barred: Amt,
    total_due: Amt,
    run_rate: Amt,
    at_risk: Amt,
    next_forfeiture: Option<NextOut>,
}

/// The next sum forfeited if nothing changes.
#[derive(Serialize)]
pub(super) struct NextOut {
    date: Day,
    amount: Amt,
}

impl NextOut {
    pub(super) fn new(f: Option<crate::accrue::Forfeiture>, c: Currency) -> Option<Self> {
        f.map(|f| NextOut {
            date: Day(f.date),
            amount: Amt(f.amount, c),
        })
    }
}

/// An amount on the wire: a plain decimal string (`"5200000.00"`), exact, written straight
/// into the output.
pub(super) struct Amt(pub(super) Decimal, pub(super) Currency);

impl Serialize for Amt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(PlainAmount(self.0, self.1).write(&mut [0; PLAIN_AMOUNT_MAX]))
    }
}

/// A date on the wire: `"YYYY-MM-DD"`, written straight into the output.
pub(super) struct Day(pub(super) NaiveDate);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Case files hold years 1900 to 9999, and validation refuses a key whose computed
        // dates would leave them, so the four-digit form is the whole date. A date outside
        // them is an error, never a `+10000-01-01` that the schema does not allow.
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if !(0..=9999).contains(&y) {
            return Err(serde::ser::Error::custom(format!(
                "the date {} is outside the years 0 to 9999 the report can hold",
                self.0
            )));
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let y = y.unsigned_abs();
        let text = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        serializer.serialize_str(std::str::from_utf8(&text).unwrap_or_default())
    }
}

impl Figures {
    pub(super) fn new(t: &Totals, c: Currency) -> Self {
        let a = |d| Amt(d, c);
        Figures {
            fines_enforceable: a(t.fines_enforceable),
            fines_contested: a(t.fines_contested),
            fines: a(t.fines()),
            liquidated_enforceable: a(t.liquidated_enforceable),
            liquidated_contested: a(t.liquidated_contested),
            liquidated: a(t.liquidated()),
            accruing: a(t.accruing),
            penalties: a(t.penalties()),
            exposure: a(t.exposure()),
            owed: a(t.owed()),
            paid: a(t.paid),
            outstanding: a(t.outstanding()),
            payable: a(t.payable()),
            suspended: a(t.suspended()),
            interest: a(t.interest()),
            time_barred: a(t.time_barred()),
            total_due: a(t.total_due()),
            run_rate: a(t.run_rate),
            at_risk: a(t.at_risk),
            next_forfeiture: NextOut::new(t.next_forfeiture, c),
        }
    }
}
