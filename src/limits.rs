//! Statutory limits: the maxima the law sets on fines and periodic penalties, checked against
//! a case so that a figure no authority could lawfully impose (usually a typo, sometimes a
//! misread decision) is flagged with the provision it breaks.
//!
//! The limits are one table, [`LIMITS`]: a row says where the limit comes from, which cases it
//! applies to ([`Scope`]) and what it bounds ([`Test`]). Adding a limit is adding a row.
//! `docs/limits.md` describes each row for users. A breach is a warning, not an error: the
//! case still computes, and `penalty check --deny-warnings` turns warnings into exit status 1.

use crate::case::raw::{RawFile, RawOrder};
use crate::case::{Case, Diagnostic, EventKind, Per};
use crate::report::format_amount;
use rust_decimal::Decimal;
use std::fmt;
use std::ops::Range;

/// One statutory limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// A short, stable name, such as `cnil-astreinte`.
    pub id: &'static str,
    /// The legal source, cited in every warning.
    pub source: &'static str,
    /// Which cases the limit applies to.
    pub scope: Scope,
    /// What the limit bounds.
    pub test: Test,
}

/// Which cases a limit applies to: every condition given must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The case's `jurisdiction`, exactly.
    pub jurisdiction: Option<&'static str>,
    /// A word the case's `authority` contains (ignoring case).
    pub authority: Option<&'static str>,
    /// The case's `currency`: limits written as fixed amounts apply only to cases in the
    /// currency the law states them in.
    pub currency: Option<&'static str>,
}

/// What a limit bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// Every rate of an order charged `per = "day"` (its `rate` and each `rate_change`) is at
    /// most `max`.
    DailyRate {
        /// The largest lawful rate per day.
        max: i64,
    },
    /// A fine whose `legal_basis` is `basis` is at most the higher of `fixed` and `percent`
    /// percent of the case's `turnover`. Checked only when the case gives its turnover.
    Fine {
        /// The `legal_basis` value the limit applies to, such as `GDPR 83(5)`.
        basis: &'static str,
        /// The fixed maximum.
        fixed: i64,
        /// The maximum as a percentage of worldwide annual turnover.
        percent: u32,
    },
    /// Every order sets a `cap`.
    Cap,
    /// Every rate of an order charged `per = "day"` is at most `percent` percent of the
    /// average daily turnover (`turnover` / 365). Checked only when the case gives its
    /// turnover.
    DailyRateShareOfTurnover {
        /// The largest lawful share of the average daily turnover, in percent.
        percent: u32,
    },
}

const ANY: Scope = Scope {
    jurisdiction: None,
    authority: None,
    currency: None,
};

/// The statutory limits `penalty check` applies, in the order they are documented.
pub const LIMITS: &[Limit] = &[
    Limit {
        id: "cnil-astreinte",
        source: "art. 20, loi n° 78-17 du 6 janvier 1978",
        scope: Scope {
            jurisdiction: Some("FR"),
            authority: Some("CNIL"),
            currency: Some("EUR"),
        },
        test: Test::DailyRate { max: 100_000 },
    },
    Limit {
        id: "gdpr-83-4",
        source: "GDPR (Regulation (EU) 2016/679) art. 83(4)",
        scope: Scope {
            currency: Some("EUR"),
            ..ANY
        },
        test: Test::Fine {
            basis: "GDPR 83(4)",
            fixed: 10_000_000,
            percent: 2,
        },
    },
    Limit {
        id: "gdpr-83-5",
        source: "GDPR (Regulation (EU) 2016/679) art. 83(5)",
        scope: Scope {
            currency: Some("EUR"),
            ..ANY
        },
        test: Test::Fine {
            basis: "GDPR 83(5)",
            fixed: 20_000_000,
            percent: 4,
        },
    },
    Limit {
        id: "gdpr-83-6",
        source: "GDPR (Regulation (EU) 2016/679) art. 83(6)",
        scope: Scope {
            currency: Some("EUR"),
            ..ANY
        },
        test: Test::Fine {
            basis: "GDPR 83(6)",
            fixed: 20_000_000,
            percent: 4,
        },
    },
    Limit {
        id: "awb-maximum",
        source: "Awb art. 5:32b(2)",
        scope: Scope {
            jurisdiction: Some("NL"),
            ..ANY
        },
        test: Test::Cap,
    },
    Limit {
        id: "eu-antitrust-periodic",
        source: "Regulation (EC) No 1/2003 art. 24(1)",
        scope: Scope {
            jurisdiction: Some("EU"),
            ..ANY
        },
        test: Test::DailyRateShareOfTurnover { percent: 5 },
    },
];

/// A case that breaks a statutory limit: where, by how much, and the provision broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The limit's `id`.
    pub limit: &'static str,
    /// The limit's legal source, also cited at the end of the message.
    pub source: &'static str,
    /// The location in the case file and the message.
    pub diagnostic: Diagnostic,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.fmt(f)
    }
}

/// Every statutory limit `case` breaks, in the order they appear in its file.
///
/// Which limits a case breaks follows from the case alone; only to point at the offending
/// figure is the case's file read again (cases do not keep their text). When the file cannot
/// be read, or no longer holds the figure, a warning names the file without a line.
pub fn statutory_warnings(case: &Case) -> Vec<Warning> {
    // Most cases break no limit: the file is read again only to point at a figure.
    if statutory_warnings_in(case, None).is_empty() {
        return Vec::new();
    }
    let source = std::fs::read_to_string(&case.path).ok();
    statutory_warnings_in(case, source.as_deref())
}

/// [`statutory_warnings`], with the text of the case's file given rather than read: a pure
/// function of its arguments.
pub fn statutory_warnings_in(case: &Case, source: Option<&str>) -> Vec<Warning> {
    let raw: Option<RawFile> = source.map(|s| crate::case::raw_tables(&case.path, s));
    let mut warnings: Vec<Warning> = LIMITS
        .iter()
        .filter(|l| applies(&l.scope, case))
        .flat_map(|l| {
            findings(l, case, raw.as_ref())
                .into_iter()
                .map(move |(span, message)| {
                    let message = format!("{message} ({})", l.source);
                    Warning {
                        limit: l.id,
                        source: l.source,
                        diagnostic: match (span, source) {
                            (Some(span), Some(text)) => {
                                Diagnostic::at(&case.path, text, span, message)
                            }
                            _ => Diagnostic::file(&case.path, message),
                        },
                    }
                })
        })
        .collect();
    warnings.sort_by_key(|w| w.diagnostic.position);
    warnings
}

/// Checks the value of a fine's `legal_basis`: a value naming the GDPR must be one of the
/// provisions in [`LIMITS`], so that a misspelt provision does not silently skip its check.
pub fn check_legal_basis(value: &str) -> Result<(), String> {
    let known: Vec<&str> = LIMITS
        .iter()
        .filter_map(|l| match l.test {
            Test::Fine { basis, .. } => Some(basis),
            _ => None,
        })
        .collect();
    let names_gdpr = value.trim().to_ascii_uppercase().starts_with("GDPR");
    if names_gdpr && !known.contains(&value) {
        let expected = known
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(format!(
            "unknown GDPR legal basis \"{value}\": expected one of {expected}"
        ));
    }
    Ok(())
}

fn applies(scope: &Scope, case: &Case) -> bool {
    scope.jurisdiction.is_none_or(|j| case.jurisdiction == j)
        && scope.currency.is_none_or(|c| case.currency.code() == c)
        && scope.authority.is_none_or(|word| {
            case.authority
                .as_deref()
                .is_some_and(|a| a.to_lowercase().contains(&word.to_lowercase()))
        })
}

type Finding = (Option<Range<usize>>, String);

fn findings(limit: &Limit, case: &Case, raw: Option<&RawFile>) -> Vec<Finding> {
    let money = |a: Decimal| format!("{} {}", case.currency, format_amount(a));
    let mut out = Vec::new();
    match limit.test {
        Test::DailyRate { max } => {
            let max = Decimal::from(max);
            for (order, rate, from, span) in daily_rates(case, raw) {
                if rate > max {
                    out.push((
                        span,
                        format!(
                            "order \"{order}\" charges {} per day{from}, above the maximum of {} per day",
                            money(rate),
                            money(max)
                        ),
                    ));
                }
            }
        }
        Test::DailyRateShareOfTurnover { percent } => {
            let Some(turnover) = case.turnover else {
                return out;
            };
            for (order, rate, from, span) in daily_rates(case, raw) {
                if above_share_of_daily_turnover(rate, turnover, percent) {
                    // Divided first, so that no turnover can overflow.
                    let bound = (turnover / Decimal::from(36_500) * Decimal::from(percent))
                        .round_dp(case.currency.minor_units());
                    out.push((
                        span,
                        format!(
                            "order \"{order}\" charges {} per day{from}, above {percent}% of the average daily turnover ({percent}% of {} / 365 = {})",
                            money(rate),
                            money(turnover),
                            money(bound)
                        ),
                    ));
                }
            }
        }
        Test::Fine {
            basis,
            fixed,
            percent,
        } => {
            let Some(turnover) = case.turnover else {
                return out;
            };
            let fixed = Decimal::from(fixed);
            let share = turnover
                .checked_mul(Decimal::from(percent))
                .map(|t| t / Decimal::ONE_HUNDRED);
            let max = share.map_or(Decimal::MAX, |s| s.max(fixed));
            for (i, fine) in case.fines.iter().enumerate() {
                if fine.legal_basis.as_deref() != Some(basis) {
                    continue;
                }
                let reduced = fine
                    .events
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, e)| e.kind == EventKind::Reduced);
                let (amount, span) = match reduced {
                    Some((j, e)) => (
                        e.amount.unwrap_or(fine.amount),
                        raw_fine(raw, i, &fine.id)
                            .and_then(|f| f.event.get(j))
                            .and_then(|e| e.get_ref().amount.as_ref())
                            .map(|a| a.span()),
                    ),
                    None => (
                        fine.amount,
                        raw_fine(raw, i, &fine.id).map(|f| f.amount.span()),
                    ),
                };
                if amount > max {
                    let share = share.map_or_else(|| "too large to show".to_string(), money);
                    out.push((
                        span,
                        format!(
                            "fine \"{}\" of {} is above the {basis} maximum of {} (the higher of {} and {percent}% of the turnover of {}, {share})",
                            fine.id,
                            money(amount),
                            money(max),
                            money(fixed),
                            money(turnover),
                        ),
                    ));
                }
            }
        }
        Test::Cap => {
            for (i, order) in case.orders.iter().enumerate() {
                if order.cap.is_none() {
                    let span = raw_order(raw, i, &order.id)
                        .map(|o| o.id.span())
                        .unwrap_or_else(|| order.span.clone());
                    out.push((
                        Some(span),
                        format!(
                            "order \"{}\" has no cap: the decision must set a maximum above which no more penalty is forfeited",
                            order.id
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// Every rate of every `per = "day"` order: the order's id, the rate, from when (in words,
/// empty for the first rate) and where it is written.
fn daily_rates(
    case: &Case,
    raw: Option<&RawFile>,
) -> Vec<(String, Decimal, String, Option<Range<usize>>)> {
    let mut out = Vec::new();
    for (i, order) in case.orders.iter().enumerate() {
        if order.per != Per::Day {
            continue;
        }
        let raw_order = raw_order(raw, i, &order.id);
        if let Some(rate) = order.rate {
            let span = raw_order.and_then(|o| o.rate.as_ref()).map(|r| r.span());
            out.push((order.id.clone(), rate, String::new(), span));
        }
        for (j, change) in order.rate_changes.iter().enumerate() {
            let span = raw_order
                .and_then(|o| o.rate_change.get(j))
                .map(|rc| rc.get_ref().rate.span());
            out.push((
                order.id.clone(),
                change.rate,
                format!(" from {}", change.from),
                span,
            ));
        }
    }
    out
}

/// Whether `rate` > `percent`% x `turnover` / 365, compared exactly: `rate` x 36,500 against
/// `turnover` x `percent`, falling back to a division only past Decimal's range.
fn above_share_of_daily_turnover(rate: Decimal, turnover: Decimal, percent: u32) -> bool {
    let lhs = rate.checked_mul(Decimal::from(36_500));
    let rhs = turnover.checked_mul(Decimal::from(percent));
    match (lhs, rhs) {
        (Some(l), Some(r)) => l > r,
        _ => rate > turnover / Decimal::from(36_500) * Decimal::from(percent),
    }
}

/// The raw `[[fine]]` at index `i`, when its id is `id` (it is, for a validated case).
fn raw_fine<'a>(
    raw: Option<&'a RawFile>,
    i: usize,
    id: &str,
) -> Option<&'a crate::case::raw::RawFine> {
    raw?.fine
        .get(i)
        .map(|f| f.get_ref())
        .filter(|f| f.id.get_ref() == id)
}

/// The raw `[[order]]` at index `i`, when its id is `id` (it is, for a validated case).
fn raw_order<'a>(raw: Option<&'a RawFile>, i: usize, id: &str) -> Option<&'a RawOrder> {
    raw?.order
        .get(i)
        .map(|o| o.get_ref())
        .filter(|o| o.id.get_ref() == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_turnover_does_not_overflow() {
        let max = Decimal::MAX;
        assert!(!above_share_of_daily_turnover(Decimal::ONE, max, 5));
        assert!(above_share_of_daily_turnover(max, max, 5));
        // The bound shown is computed by dividing first.
        let bound = max / Decimal::from(36_500) * Decimal::from(5);
        assert!(bound > Decimal::ZERO);
    }
    use std::path::Path;

    fn case(text: &str) -> Case {
        crate::case::load_case_str(Path::new("x.toml"), text)
            .unwrap_or_else(|e| panic!("{}", crate::case::Diagnostics(e)))
    }

    fn header(jurisdiction: &str, authority: &str, extra: &str) -> String {
        format!(
            "[case]\nid = \"x\"\ncompany = \"C\"\njurisdiction = \"{jurisdiction}\"\nauthority = \"{authority}\"\ncurrency = \"EUR\"\n{extra}\n"
        )
    }

    fn messages(text: &str) -> Vec<String> {
        statutory_warnings_in(&case(text), Some(text))
            .iter()
            .map(|w| w.diagnostic.headline())
            .collect()
    }

    const DAILY: &str =
        "[[order]]\nid = \"o\"\nstarts = 2022-12-19\nrate = \"RATE\"\ncap = \"1000000000\"\n";

    #[test]
    fn cnil_astreinte_above_100_000_per_day_cites_article_20() {
        let text = header("FR", "CNIL", "") + &DAILY.replace("RATE", "150000");
        assert_eq!(
            messages(&text),
            [
                "x.toml:11:8: order \"o\" charges EUR 150,000.00 per day, above the maximum of EUR 100,000.00 per day (art. 20, loi n° 78-17 du 6 janvier 1978)"
            ]
        );
    }

    #[test]
    fn cnil_astreinte_of_exactly_100_000_per_day_is_lawful() {
        let text = header("FR", "CNIL", "") + &DAILY.replace("RATE", "100000");
        assert!(messages(&text).is_empty());
    }

    #[test]
    fn cnil_rate_change_above_the_maximum_is_flagged_at_the_change() {
        let text = header("FR", "CNIL", "")
            + &DAILY.replace("RATE", "50000")
            + "[[order.rate_change]]\nfrom = 2023-01-01\nrate = \"100000.01\"\n";
        assert_eq!(
            messages(&text),
            [
                "x.toml:15:8: order \"o\" charges EUR 100,000.01 per day from 2023-01-01, above the maximum of EUR 100,000.00 per day (art. 20, loi n° 78-17 du 6 janvier 1978)"
            ]
        );
    }

    #[test]
    fn the_cnil_limit_needs_a_cnil_authority_in_france() {
        let other_authority =
            header("FR", "Tribunal judiciaire de Paris", "") + &DAILY.replace("RATE", "150000");
        assert!(messages(&other_authority).is_empty());
        let other_country = header("BE", "CNIL", "") + &DAILY.replace("RATE", "150000");
        assert!(messages(&other_country).is_empty());
    }

    fn gdpr_fine(turnover: &str, basis: &str, amount: &str) -> String {
        header("IE", "DPC", &format!("turnover = \"{turnover}\""))
            + &format!(
                "[[fine]]\nid = \"f\"\namount = \"{amount}\"\ndecided = 2023-05-12\nlegal_basis = \"{basis}\"\n"
            )
    }

    #[test]
    fn gdpr_83_5_maximum_is_the_higher_of_20m_and_4_percent() {
        // 4% of 1,000,000,000 = 40,000,000: the maximum is 40M, above the fixed 20M.
        assert!(messages(&gdpr_fine("1000000000", "GDPR 83(5)", "40000000")).is_empty());
        assert_eq!(
            messages(&gdpr_fine("1000000000", "GDPR 83(5)", "40000001")),
            [
                "x.toml:10:10: fine \"f\" of EUR 40,000,001.00 is above the GDPR 83(5) maximum of EUR 40,000,000.00 (the higher of EUR 20,000,000.00 and 4% of the turnover of EUR 1,000,000,000.00, EUR 40,000,000.00) (GDPR (Regulation (EU) 2016/679) art. 83(5))"
            ]
        );
        // 4% of 100,000,000 = 4,000,000: the fixed 20M is the maximum.
        assert!(messages(&gdpr_fine("100000000", "GDPR 83(5)", "20000000")).is_empty());
        assert_eq!(
            messages(&gdpr_fine("100000000", "GDPR 83(5)", "20000000.01")).len(),
            1
        );
    }

    #[test]
    fn gdpr_83_4_is_the_lower_tier() {
        // 2% of 100,000,000 = 2,000,000: the fixed 10M is the maximum.
        let w = messages(&gdpr_fine("100000000", "GDPR 83(4)", "15000000"));
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("above the GDPR 83(4) maximum of EUR 10,000,000.00"));
        assert!(w[0].ends_with("art. 83(4))"));
        // The same amount under 83(5) is within its 20M maximum.
        assert!(messages(&gdpr_fine("100000000", "GDPR 83(5)", "15000000")).is_empty());
    }

    #[test]
    fn gdpr_fines_are_not_checked_without_turnover_or_legal_basis() {
        let no_turnover = header("IE", "DPC", "")
            + "[[fine]]\nid = \"f\"\namount = \"90000000\"\ndecided = 2023-05-12\nlegal_basis = \"GDPR 83(5)\"\n";
        assert!(messages(&no_turnover).is_empty());
        let no_basis = header("IE", "DPC", "turnover = \"1000\"")
            + "[[fine]]\nid = \"f\"\namount = \"90000000\"\ndecided = 2023-05-12\n";
        assert!(messages(&no_basis).is_empty());
    }

    #[test]
    fn a_reduction_within_the_maximum_clears_the_warning() {
        let text = gdpr_fine("100000000", "GDPR 83(5)", "30000000")
            + "[[fine.event]]\ndate = 2024-01-01\nkind = \"reduced\"\namount = \"20000000\"\n";
        assert!(messages(&text).is_empty());
    }

    #[test]
    fn a_misspelt_gdpr_legal_basis_is_an_error() {
        let text = gdpr_fine("1000", "GDPR 83 (5)", "1");
        let errors = crate::case::load_case_str(Path::new("x.toml"), &text).unwrap_err();
        assert_eq!(
            errors[0].headline(),
            "x.toml:12:15: unknown GDPR legal basis \"GDPR 83 (5)\": expected one of \"GDPR 83(4)\", \"GDPR 83(5)\", \"GDPR 83(6)\""
        );
        assert_eq!(check_legal_basis("Art. 260(2) TFEU"), Ok(()));
    }

    #[test]
    fn dutch_order_without_a_maximum_cites_awb_5_32b() {
        let text = header("NL", "AP", "")
            + "[[order]]\nid = \"dwangsom\"\nstarts = 2024-06-01\nrate = \"50000\"\nper = \"week\"\n";
        assert_eq!(
            messages(&text),
            [
                "x.toml:9:6: order \"dwangsom\" has no cap: the decision must set a maximum above which no more penalty is forfeited (Awb art. 5:32b(2))"
            ]
        );
        let capped = text + "cap = \"500000\"\n";
        assert!(messages(&capped).is_empty());
    }

    #[test]
    fn eu_periodic_penalty_above_5_percent_of_daily_turnover() {
        // 5% of 7,300,000,000 / 365 = 1,000,000 per day exactly.
        let text = |rate: &str| {
            header("EU", "European Commission", "turnover = \"7300000000\"")
                + &DAILY.replace("RATE", rate)
        };
        assert!(messages(&text("1000000")).is_empty());
        assert_eq!(
            messages(&text("1000000.01")),
            [
                "x.toml:11:8: order \"o\" charges EUR 1,000,000.01 per day, above 5% of the average daily turnover (5% of EUR 7,300,000,000.00 / 365 = EUR 1,000,000.00) (Regulation (EC) No 1/2003 art. 24(1))"
            ]
        );
    }

    #[test]
    fn without_the_text_a_warning_names_the_file_only() {
        let text = header("FR", "CNIL", "") + &DAILY.replace("RATE", "150000");
        let w = statutory_warnings_in(&case(&text), None);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].limit, "cnil-astreinte");
        assert_eq!(w[0].diagnostic.position, None);
        assert!(
            w[0].diagnostic
                .headline()
                .starts_with("x.toml: order \"o\" charges EUR 150,000.00")
        );
    }

    #[test]
    fn huge_figures_do_not_overflow() {
        assert!(above_share_of_daily_turnover(Decimal::MAX, Decimal::ONE, 5));
        assert!(!above_share_of_daily_turnover(
            Decimal::ONE,
            Decimal::MAX,
            5
        ));
    }

    #[test]
    fn every_limit_is_documented() {
        let doc = include_str!("../docs/limits.md");
        for l in LIMITS {
            assert!(doc.contains(l.id), "docs/limits.md lacks {}", l.id);
            assert!(doc.contains(l.source), "docs/limits.md lacks {}", l.source);
        }
    }
}
