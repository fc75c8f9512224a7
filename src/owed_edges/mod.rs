//! What is owed, computed by the library on the fixtures of `tests/data/owed/`: each figure
//! worked out by hand with the regime's day count (actual days x principal x rate / 36,500,
//! rounded to the cent). `tests/owed.rs` checks the same figures through the binary; these
//! are what `cargo mutants` (docs/contributing.md) checks `src/owed/` against.

use crate::case::{Case, load_case_str};
use crate::exposure::case_figures;
use crate::interest::Rates;
use crate::owed::{
    self, CaseOwed, Collection, DebtLine, DebtOf, DueRule, Expiring, Options, Owed, case_owed,
    expiring, lapse,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::Path;

mod expiry;
mod payments;
mod plain;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn load(name: &str, text: &str) -> Case {
    match load_case_str(Path::new(name), text) {
        Ok(case) => case,
        Err(e) => panic!("{e:?}"),
    }
}

fn fixture(name: &str) -> Case {
    let text = match name {
        "partial-payment" => include_str!("../../tests/data/owed/partial-payment.toml"),
        "suspended" => include_str!("../../tests/data/owed/suspended.toml"),
        "fine-limitation" => include_str!("../../tests/data/owed/fine-limitation.toml"),
        "barred-after-payment" => include_str!("../../tests/data/owed/barred-after-payment.toml"),
        "dwangsom" => include_str!("../../tests/data/owed/dwangsom.toml"),
        "dwangsom-collected" => include_str!("../../tests/data/owed/dwangsom-collected.toml"),
        "two-liquidations" => include_str!("../../tests/data/owed/two-liquidations.toml"),
        "nl-statutory" => include_str!("../../tests/data/owed/nl-statutory.toml"),
        _ => panic!("no fixture {name}"),
    };
    load(name, text)
}

fn options(assume_paid: Option<&str>) -> Options<'static> {
    Options {
        rates: Rates::shipped().unwrap(),
        explain: false,
        assume_paid: assume_paid.map(d),
    }
}

fn owed_of(case: &Case, as_of: &str, assume_paid: Option<&str>) -> CaseOwed {
    let figures = case_figures(case, d(as_of)).unwrap();
    case_owed(case, &figures, d(as_of), &options(assume_paid)).unwrap()
}

/// A case of `jurisdiction` in EUR made of `body`.
fn case_in(jurisdiction: &str, body: &str) -> Case {
    load(
        "p.toml",
        &format!(
            "[case]\nid = \"p\"\ncompany = \"C\"\njurisdiction = \"{jurisdiction}\"\n\
             currency = \"EUR\"\n{body}"
        ),
    )
}

fn plain(case: &Case, as_of: &str) -> bool {
    let figures = case_figures(case, d(as_of)).unwrap();
    owed::is_plain(case, &figures, d(as_of))
}

const FINE: &str = "[[fine]]\nid = \"f\"\namount = \"1000\"\ndecided = 2023-01-10\n";

/// 10 days x 100 from 2023-01-01 (complied 2023-01-11), liquidated for 1,000 on 2023-02-01.
const ORDER: &str = "[[order]]\nid = \"o\"\nstarts = 2023-01-01\nrate = \"100\"\n\
    complied = 2023-01-11\n[[order.liquidation]]\ndecided = 2023-02-01\n\
    from = 2023-01-01\nthrough = 2023-01-10\n";

fn paid(id: &str, amount: &str) -> String {
    format!("[[payment]]\ndate = 2023-03-01\namount = \"{amount}\"\napplies_to = \"{id}\"\n")
}

/// January (31,000) liquidated on 2023-03-10, February (28,000) on 2023-03-01, and `payments`.
fn two_windows(payments: &str) -> Case {
    case_in(
        "FR",
        &format!(
            "[[order]]\nid = \"stop\"\ndecided = 2022-12-01\nstarts = 2023-01-01\n\
             rate = \"1000\"\ncomplied = 2023-03-01\n\
             [[order.liquidation]]\ndecided = 2023-03-10\nfrom = 2023-01-01\nthrough = 2023-01-31\n\
             [[order.liquidation]]\ndecided = 2023-03-01\nfrom = 2023-02-01\nthrough = 2023-02-28\n\
             {payments}"
        ),
    )
}

fn payment(date: &str, amount: &str) -> String {
    format!("[[payment]]\ndate = {date}\namount = \"{amount}\"\napplies_to = \"stop\"\n")
}

fn paid_per_liquidation(case: &Case) -> Vec<Decimal> {
    owed_of(case, "2023-06-30", None)
        .debts
        .iter()
        .map(|d| d.paid)
        .collect()
}
