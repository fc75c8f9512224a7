//! Edge cases of the engine's figures, each worked out by hand: an accrual landing exactly on
//! its cap, a measurement read on the right day, units laid across years. They complement the
//! tests beside each module, and are what `cargo mutants` (docs/contributing.md) checks the
//! engine against: each one fails when a comparison, a bound or an arithmetic operator of the
//! engine is changed.

use crate::accrue;
use crate::case::{Case, Order, load_case_str};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::Path;

mod accrual;
mod grid;
mod interest;
mod limitation;
mod lines;
mod tables;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A case in EUR made of `body` (its fines, orders and payments).
fn case(body: &str) -> Case {
    let text = format!(
        "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n{body}"
    );
    match load_case_str(Path::new("a.toml"), &text) {
        Ok(case) => case,
        Err(e) => panic!("{e:?}"),
    }
}

/// The first order of a case made of `body`.
fn order(body: &str) -> Order {
    case(body).orders[0].clone()
}

/// The liquidation-grid warnings of a case file written to disk, as `check` prints them.
fn grid_warnings_of(body: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grid.toml");
    let text = format!(
        "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n{body}"
    );
    std::fs::write(&path, &text).unwrap();
    let case = load_case_str(&path, &text).unwrap();
    crate::grid::grid_warnings(&case)
        .iter()
        .map(|w| {
            let (line, col) = w.position.unwrap_or((0, 0));
            format!("{line}:{col}: {}", w.message)
        })
        .collect()
}

/// An order of unknown terms (no `starts`, `deadline` or `grace`) with a cap of 50,000,
/// decided 2024-01-10, ending with `end` (`complied = ...` or `lifted = ...`).
fn unknown_terms(end: &str) -> Order {
    order(&format!(
        "[[order]]\nid = \"o\"\ndecided = 2024-01-10\ncap = \"50000\"\n{end}\n"
    ))
}

/// 100 per day from 2024-01-01 (no cap), ending with `end`.
fn daily(end: &str) -> Order {
    order(&format!(
        "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"100\"\nper = \"day\"\n{end}\n"
    ))
}

/// A case in EUR of company Acme (France) as of 2024-03-31:
/// - fines: 100,000 enforceable, 40,000 appealed (contested), 7,000 annulled (counts 0);
/// - an order of 1,000 per day from 2024-03-01, capped at 50,000: 31 days, 31,000 accrued,
///   of which 10 days (10,000) liquidated and enforceable, 5 days (5,000) liquidated and
///   appealed, 2 days liquidated then annulled (back to accruing): 16,000 accruing, 1,000
///   more a day, 19,000 of the cap at risk, the next 1,000 forfeited on 2024-04-01;
/// - payments: 30,000 to the first fine, 4,000 to the order, and 1,000 after the as-of date.
const ACME_FR: &str = "\
[[fine]]\nid = \"f1\"\namount = \"100000\"\ndecided = 2024-01-05\n\
[[fine]]\nid = \"f2\"\namount = \"40000\"\ndecided = 2024-01-06\n\
[[fine.event]]\ndate = 2024-02-01\nkind = \"appealed\"\n\
[[fine]]\nid = \"f3\"\namount = \"7000\"\ndecided = 2024-01-07\n\
[[fine.event]]\ndate = 2024-02-01\nkind = \"annulled\"\n\
[[order]]\nid = \"o1\"\nstarts = 2024-03-01\nrate = \"1000\"\nper = \"day\"\ncap = \"50000\"\n\
[[order.liquidation]]\ndecided = 2024-03-20\nfrom = 2024-03-01\nuntil = 2024-03-11\namount = \"10000\"\n\
[[order.liquidation]]\ndecided = 2024-03-25\nfrom = 2024-03-11\nuntil = 2024-03-16\n\
[[order.liquidation.event]]\ndate = 2024-03-26\nkind = \"appealed\"\n\
[[order.liquidation]]\ndecided = 2024-03-28\nfrom = 2024-03-16\nuntil = 2024-03-18\n\
[[order.liquidation.event]]\ndate = 2024-03-30\nkind = \"annulled\"\n\
[[payment]]\ndate = 2024-02-15\namount = \"30000\"\napplies_to = \"f1\"\n\
[[payment]]\ndate = 2024-03-30\namount = \"4000\"\napplies_to = \"o1\"\n\
[[payment]]\ndate = 2024-04-15\namount = \"1000\"\napplies_to = \"f1\"\n";

/// A case with its own id, company and jurisdiction.
fn case_of(id: &str, company: &str, jurisdiction: &str, body: &str) -> Case {
    let text = format!(
        "[case]\nid = \"{id}\"\ncompany = \"{company}\"\njurisdiction = \"{jurisdiction}\"\ncurrency = \"EUR\"\n{body}"
    );
    match load_case_str(Path::new("a.toml"), &text) {
        Ok(case) => case,
        Err(e) => panic!("{e:?}"),
    }
}

/// 1,000 per started month from 2024-01-15 (month 2 runs from 2024-02-15 through 2024-03-14),
/// with `suspensions`.
fn monthly_suspended(suspensions: &str) -> Order {
    order(&format!(
        "[[order]]\nid = \"o\"\nstarts = 2024-01-15\nrate = \"1000\"\nper = \"month\"\n{suspensions}"
    ))
}

/// The interest of `debt` at a fixed 3.65 % a year, as of `as_of`: on 100,000, exactly 10.00
/// a day.
fn at_3_65(debt: &crate::interest::Debt, as_of: &str) -> crate::interest::Outcome {
    let rates = crate::interest::Rates::builtin().unwrap();
    let regime = "fixed:3.65".parse().unwrap();
    crate::interest::interest(debt, regime, d(as_of), &rates).unwrap()
}

/// The line of a one-case report in EUR as of `as_of`.
fn line_of(
    body: &str,
    as_of: &str,
) -> Result<crate::exposure::CaseLine, crate::exposure::ReportError> {
    crate::exposure::case_line(
        &case(body),
        d(as_of),
        crate::fx::Currency::EUR,
        crate::exposure::FxDate::AsOf,
        &crate::fx::RateTable::empty(),
    )
}

/// A case in US dollars made of `body`, and a table where a euro buys `per_eur` dollars from
/// 2024-01-01.
fn usd_case(body: &str, per_eur: &str) -> (Case, crate::fx::RateTable) {
    let mut rates = crate::fx::RateTable::empty();
    if !per_eur.is_empty() {
        let text =
            format!("[[rate]]\ndate = 2024-01-01\ncurrency = \"USD\"\nper_eur = \"{per_eur}\"\n");
        rates.add_toml_str(&text, Path::new("usd.toml")).unwrap();
    }
    let text = format!(
        "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"US\"\ncurrency = \"USD\"\n{body}"
    );
    (load_case_str(Path::new("a.toml"), &text).unwrap(), rates)
}

/// The report line of a fixture under `tests/data/owed/`, as of `as_of`, in EUR.
fn owed_line(file: &str, text: &str, as_of: &str) -> crate::exposure::CaseLine {
    let case = load_case_str(Path::new(file), text).unwrap();
    crate::exposure::case_line(
        &case,
        d(as_of),
        crate::fx::Currency::EUR,
        crate::exposure::FxDate::AsOf,
        &crate::fx::RateTable::empty(),
    )
    .unwrap()
}
