//! The fuzzing pipeline, shared by the fuzz target (`fuzz/fuzz_targets/case_pipeline.rs`) and
//! the corpus replay test (`tests/fuzz_corpus.rs`): bytes are loaded as a case file, computed
//! at several as-of dates, in two currencies and both conversion modes, and rendered in every
//! format. Nothing may panic, and the invariants every report keeps are checked on the way.

use chrono::NaiveDate;
use penalty::accrue::accrue;
use penalty::case::{Diagnostics, load_case_bytes};
use penalty::exposure::{FxDate, build_report};
use penalty::fx::{Currency, RateTable};
use penalty::report::{Format, Meta};
use rust_decimal::Decimal;
use std::path::Path;

/// The as-of dates every input is computed at, in increasing order: the first and last day
/// a case file may use, the eve of the euro, the Clearview liquidation and a recent day.
const AS_OF: [(i32, u32, u32); 5] = [
    (1900, 1, 1),
    (1998, 12, 31),
    (2023, 4, 13),
    (2026, 11, 22),
    (9999, 12, 31),
];

/// Runs `bytes` through loading, computing and rendering.
pub fn run(bytes: &[u8], rates: &RateTable) {
    let case = match load_case_bytes(Path::new("fuzz.toml"), bytes) {
        Ok(case) => case,
        Err(errors) => {
            assert!(!errors.is_empty(), "a rejected file must say why");
            let text = Diagnostics(errors).to_string();
            assert!(text.starts_with("fuzz.toml"), "{text}");
            assert_shown_escaped(&text);
            return;
        }
    };
    let dates: Vec<NaiveDate> = AS_OF
        .iter()
        .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        .collect();

    // Per order: the accrual never decreases as the as-of date moves on, never exceeds the
    // cap, and splits into what liquidations cover and what is still accruing.
    for order in &case.orders {
        let mut previous = Decimal::ZERO;
        for &as_of in &dates {
            let Ok(a) = accrue(order, as_of) else {
                // An overflow: later dates can only accrue more.
                break;
            };
            assert!(a.accrued >= previous, "accrual decreased for {}", order.id);
            if let Some(cap) = order.cap {
                assert!(a.accrued <= cap, "accrual above the cap for {}", order.id);
            }
            let computed: Decimal = a.liquidations.iter().map(|l| l.computed).sum();
            assert_eq!(computed + a.accruing, a.accrued, "order {}", order.id);
            previous = a.accrued;
        }
    }

    for &as_of in &dates {
        for currency in [Currency::EUR, Currency::from(iso_currency::Currency::GBP)] {
            for fx_date in [FxDate::AsOf, FxDate::Decided] {
                let cases = std::slice::from_ref(&case);
                match build_report(cases, as_of, currency, fx_date, rates) {
                    Ok(report) => {
                        // Totals are sums of case lines.
                        for line in &report.cases {
                            assert_eq!(line.totals.exposure(), report.total.exposure());
                            assert_eq!(line.totals.outstanding(), report.total.outstanding());
                        }
                        for format in [
                            Format::Table,
                            Format::Json,
                            Format::Csv,
                            Format::Markdown,
                            Format::Html,
                        ] {
                            let text = format
                                .renderer()
                                .render(&report, &Meta::default())
                                .unwrap_or_else(|e| panic!("{format:?} failed: {e}"));
                            assert_shown_escaped(&text);
                            if format == Format::Table {
                                assert!(text.contains(&case.id), "the table lost the case");
                            }
                        }
                    }
                    Err(e) => {
                        let text = e.to_string();
                        assert!(text.starts_with("fuzz.toml"), "{text}");
                    }
                }
            }
        }
    }
}

/// No control character from the file reaches the output raw: only line breaks are written.
fn assert_shown_escaped(text: &str) {
    let raw = text
        .chars()
        .find(|&c| c != '\n' && penalty::text::is_unsafe(c));
    assert_eq!(raw, None, "a raw control character in:\n{text}");
}
