//! The columns a report can show, in one list: each with its name (for `--columns` and the
//! CSV header), its heading in tables, the heading it takes on a narrow terminal, and its
//! priority when a table must leave columns out to fit. A new figure is one entry here.
//!
//! Which columns a format shows by default is the format's choice (its list of names);
//! `--columns` replaces that list in the table, CSV and Markdown reports. The row's name
//! (case, company or jurisdiction, by the table) always comes first unless the list places
//! it; a listed column that does not apply to a table (`cases` in the case table) is left
//! out of that table.

use super::{By, Meta};
use crate::exposure::{CaseLine, FxDate, Report, Totals};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What a column shows.
#[derive(Clone, Copy)]
pub enum Value {
    /// An amount in the report currency, taken from a line's totals.
    Amount(fn(&Totals) -> Decimal),
    /// An amount a line may not have (shown empty), taken from its totals.
    MaybeAmount(fn(&Totals) -> Option<Decimal>),
    /// A date a line may not have (shown empty), taken from its totals.
    MaybeDate(fn(&Totals) -> Option<NaiveDate>),
    /// Words, taken from the row.
    Text(fn(&Row<'_>) -> String),
}

/// One column of a report.
#[derive(Clone, Copy)]
pub struct Column {
    /// The name `--columns` and the CSV header use: `exposure`, `fines_contested`.
    pub name: &'static str,
    /// The heading of tables: `Exposure`, `Contested`.
    pub header: &'static str,
    /// The heading on a narrow terminal, where the column is narrower than `header`.
    pub short: &'static str,
    /// Which amounts a narrow table keeps first: 1 before 2, and so on; `None` for a column
    /// a narrow table shows only when asked (`--columns`).
    pub priority: Option<u8>,
    /// The tables the column applies to; empty for every table.
    pub only: &'static [By],
    /// What it shows.
    pub value: Value,
}

impl Column {
    /// Whether the column applies to the table of `kind`.
    pub fn applies(&self, kind: By) -> bool {
        self.only.is_empty() || self.only.contains(&kind)
    }

    /// Whether the column holds amounts (right-aligned).
    pub fn is_amount(&self) -> bool {
        matches!(
            self.value,
            Value::Amount(_) | Value::MaybeAmount(_) | Value::MaybeDate(_)
        )
    }
}

/// One row of a table, as the columns see it.
pub struct Row<'a> {
    /// The table the row is in.
    pub kind: By,
    /// The row's name: a case id, a company or a jurisdiction.
    pub key: &'a str,
    /// The case, in the case table.
    pub case: Option<&'a CaseLine>,
    /// How many cases the row sums.
    pub cases: usize,
    /// The row's figures.
    pub totals: &'a Totals,
    /// The report the row is from.
    pub report: &'a Report,
    /// How the report was made.
    pub meta: &'a Meta,
}

const fn amount(
    name: &'static str,
    header: &'static str,
    priority: u8,
    value: fn(&Totals) -> Decimal,
) -> Column {
    Column {
        name,
        header,
        short: header,
        priority: Some(priority),
        only: &[],
        value: Value::Amount(value),
    }
}

/// An amount a narrow table shows only when asked.
const fn owed(
    name: &'static str,
    header: &'static str,
    short: &'static str,
    value: fn(&Totals) -> Decimal,
) -> Column {
    Column {
        name,
        header,
        short,
        priority: None,
        only: &[],
        value: Value::Amount(value),
    }
}

const fn text(
    name: &'static str,
    header: &'static str,
    short: &'static str,
    only: &'static [By],
    value: fn(&Row<'_>) -> String,
) -> Column {
    Column {
        name,
        header,
        short,
        priority: None,
        only,
        value: Value::Text(value),
    }
}

/// Every column, in the order `--columns` lists them in its help.
pub const COLUMNS: &[Column] = &[
    text("as_of", "As of", "As of", &[], |r| {
        r.report.as_of.to_string()
    }),
    text("currency", "Currency", "Cur.", &[], |r| {
        r.report.currency.code().to_string()
    }),
    text("case", "Case", "Case", &[By::Case], |r| r.key.to_string()),
    text(
        "company",
        "Company",
        "Company",
        &[By::Case, By::Company],
        |r| {
            r.case
                .map_or_else(|| r.key.to_string(), |c| c.company.clone())
        },
    ),
    text(
        "jurisdiction",
        "Jurisdiction",
        "Jur.",
        &[By::Case, By::Jurisdiction],
        |r| {
            r.case
                .map_or_else(|| r.key.to_string(), |c| c.jurisdiction.clone())
        },
    ),
    text(
        "cases",
        "Cases",
        "Cases",
        &[By::Company, By::Jurisdiction],
        |r| r.cases.to_string(),
    ),
    amount("fines_enforceable", "Enforceable", 5, |t| {
        t.fines_enforceable
    }),
    amount("fines_contested", "Contested", 6, |t| t.fines_contested),
    amount("fines", "Fines", 1, Totals::fines),
    // A narrow table shows the liquidated total (priority 7); its two parts show in full
    // tables and when asked.
    Column {
        name: "liquidated_enforceable",
        header: "Liq. enforceable",
        short: "Liq. enf.",
        priority: None,
        only: &[],
        value: Value::Amount(|t| t.liquidated_enforceable),
    },
    Column {
        name: "liquidated_contested",
        header: "Liq. contested",
        short: "Liq. cont.",
        priority: None,
        only: &[],
        value: Value::Amount(|t| t.liquidated_contested),
    },
    amount("liquidated", "Liquidated", 7, Totals::liquidated),
    amount("accruing", "Accruing", 8, |t| t.accruing),
    amount("penalties", "Penalties", 2, Totals::penalties),
    amount("exposure", "Exposure", 3, Totals::exposure),
    amount("owed", "Owed", 12, Totals::owed),
    amount("paid", "Paid", 9, |t| t.paid),
    amount("outstanding", "Outstanding", 4, Totals::outstanding),
    // What is owed: in CSV and JSON, and in tables when asked (`--columns`).
    owed("payable", "Payable", "Payable", Totals::payable),
    owed("suspended", "Suspended", "Susp.", Totals::suspended),
    owed("interest", "Interest", "Interest", Totals::interest),
    owed("time_barred", "Time-barred", "Barred", Totals::time_barred),
    owed("total_due", "Total due", "Due", Totals::total_due),
    amount("run_rate", "Run rate/day", 10, |t| t.run_rate),
    amount("at_risk", "At risk", 11, |t| t.at_risk),
    Column {
        name: "next_forfeiture",
        header: "Next forfeiture",
        short: "Next",
        priority: Some(13),
        only: &[],
        value: Value::MaybeAmount(|t| t.next_forfeiture.map(|f| f.amount)),
    },
    Column {
        name: "next_forfeiture_date",
        header: "Forfeited on",
        short: "On",
        priority: Some(14),
        only: &[],
        value: Value::MaybeDate(|t| t.next_forfeiture.map(|f| f.date)),
    },
    text("fx_date", "FX date", "FX date", &[], |r| {
        match r.report.fx_date {
            FxDate::AsOf => "as-of",
            FxDate::Decided => "decided",
        }
        .to_string()
    }),
    text("projection", "Projection", "Proj.", &[], |r| {
        r.meta.projection.to_string()
    }),
    text("overrides", "Overrides", "Overrides", &[], |r| {
        r.meta.overrides.join("; ")
    }),
    text("filters", "Selected", "Selected", &[], |r| {
        r.meta.filters.join("; ")
    }),
];

/// The figure columns the table, Markdown and HTML reports show by default, after the row's
/// name (and the jurisdiction of a case); `--columns` replaces them.
pub const FIGURES: [&str; 12] = [
    "fines_enforceable",
    "fines_contested",
    "liquidated_enforceable",
    "liquidated_contested",
    "accruing",
    "paid",
    "outstanding",
    "exposure",
    "run_rate",
    "at_risk",
    "next_forfeiture",
    "next_forfeiture_date",
];

/// How many cases each company or jurisdiction has.
pub fn case_counts(r: &Report, kind: By) -> std::collections::BTreeMap<&str, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for c in &r.cases {
        let key = if kind == By::Company {
            c.company.as_str()
        } else {
            c.jurisdiction.as_str()
        };
        *counts.entry(key).or_default() += 1;
    }
    counts
}

/// The rows of the case table, one per case in id order.
pub fn case_rows<'a>(r: &'a Report, meta: &'a Meta) -> Vec<Row<'a>> {
    r.cases
        .iter()
        .map(|c| Row {
            kind: By::Case,
            key: &c.id,
            case: Some(c),
            cases: 1,
            totals: &c.totals,
            report: r,
            meta,
        })
        .collect()
}

/// The rows of the company or jurisdiction table (`kind`), one per group in key order, each
/// with the number of cases it sums.
pub fn group_rows<'a>(r: &'a Report, kind: By, meta: &'a Meta) -> Vec<Row<'a>> {
    let groups = if kind == By::Company {
        &r.companies
    } else {
        &r.jurisdictions
    };
    let counts = case_counts(r, kind);
    groups
        .iter()
        .map(|(key, totals)| Row {
            kind,
            key,
            case: None,
            cases: counts.get(key.as_str()).copied().unwrap_or_default(),
            totals,
            report: r,
            meta,
        })
        .collect()
}

/// The column named `name`.
pub fn column(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.name == name)
}

/// The column that names the rows of the table of `kind`.
pub fn row_name(kind: By) -> &'static str {
    kind.name()
}

/// The columns of the table of `kind`: `chosen` (from `--columns`) or the format's
/// `default`, those that apply to the table, with the row's name first unless placed.
pub fn selected(
    kind: By,
    default: &[&str],
    chosen: Option<&[&'static str]>,
) -> Vec<&'static Column> {
    let names: Vec<&str> = match chosen {
        None => default.to_vec(),
        Some(list) => {
            let mut names = Vec::with_capacity(list.len() + 1);
            if !list.contains(&row_name(kind)) {
                names.push(row_name(kind));
            }
            names.extend(list.iter().copied());
            names
        }
    };
    names
        .into_iter()
        .filter_map(column)
        .filter(|c| c.applies(kind))
        .collect()
}

/// The names `--columns` takes, in order, for messages and help.
pub fn names() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.name).collect()
}

/// A `--columns` list: names separated by commas, each a column of [`COLUMNS`], none twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnList(pub Vec<&'static str>);

impl std::str::FromStr for ColumnList {
    type Err = String;

    fn from_str(s: &str) -> Result<ColumnList, String> {
        let mut list = Vec::new();
        for word in s.split(',').map(str::trim) {
            if word.is_empty() {
                return Err(format!(
                    "expected column names separated by commas, such as case,exposure,outstanding, found {s:?}"
                ));
            }
            let Some(c) = column(word) else {
                let near = COLUMNS
                    .iter()
                    .map(|c| (strsim::levenshtein(word, c.name), c.name))
                    .min()
                    .filter(|(d, _)| *d <= 2)
                    .map(|(_, n)| format!(" (did you mean {n}?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "unknown column {word:?}{near}; the columns are {}",
                    names().join(", ")
                ));
            };
            if list.contains(&c.name) {
                return Err(format!("column {word:?} is listed twice"));
            }
            list.push(c.name);
        }
        Ok(ColumnList(list))
    }
}

/// `text` shortened to `width` characters, with an ellipsis in the middle so that both the
/// start and the end (a case id's jurisdiction suffix) stay: `polism…ten-se`.
pub fn abbreviate(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let keep = width - 1;
    let head = keep.div_ceil(2);
    let tail = keep - head;
    let mut out: String = text.chars().take(head).collect();
    out.push('…');
    out.extend(text.chars().skip(n - tail));
    out
}

/// `text` broken into lines of at most `width` characters at spaces (a word longer than the
/// width gets a line of its own); unchanged without a width.
pub fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = word.chars().count();
            if len > 0 && len + 1 + w > width {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += w;
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_unique_and_priorities_distinct() {
        let mut names = names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COLUMNS.len());
        let mut priorities: Vec<u8> = COLUMNS.iter().filter_map(|c| c.priority).collect();
        priorities.sort_unstable();
        priorities.dedup();
        assert_eq!(
            priorities.len(),
            COLUMNS.iter().filter(|c| c.priority.is_some()).count()
        );
    }

    #[test]
    fn a_column_list_is_checked_and_keeps_its_order() {
        assert_eq!(
            "exposure, case".parse::<ColumnList>(),
            Ok(ColumnList(vec!["exposure", "case"]))
        );
        let err = "exposre".parse::<ColumnList>().unwrap_err();
        assert!(
            err.starts_with("unknown column \"exposre\" (did you mean exposure?)"),
            "{err}"
        );
        assert!(
            "fines,fines"
                .parse::<ColumnList>()
                .unwrap_err()
                .contains("twice")
        );
        assert!("fines,".parse::<ColumnList>().is_err());
    }

    #[test]
    fn the_row_name_comes_first_unless_placed() {
        let names = |kind, list: &[&'static str]| -> Vec<&str> {
            selected(kind, &[], Some(list))
                .iter()
                .map(|c| c.name)
                .collect()
        };
        assert_eq!(names(By::Case, &["exposure"]), ["case", "exposure"]);
        assert_eq!(names(By::Case, &["exposure", "case"]), ["exposure", "case"]);
        // `cases` counts the cases of a group; `case` names a case: neither in the other.
        assert_eq!(names(By::Company, &["case", "cases"]), ["company", "cases"]);
    }

    #[test]
    fn long_names_lose_their_middle() {
        assert_eq!(abbreviate("polismyndigheten-se", 13), "polism…ten-se");
        assert_eq!(abbreviate("clearview-fr", 12), "clearview-fr");
        assert_eq!(abbreviate("clearview-fr", 1), "…");
    }

    #[test]
    fn prose_wraps_at_spaces() {
        assert_eq!(wrap("aa bb cc", Some(5)), "aa bb\ncc");
        assert_eq!(wrap("aa bb cc", None), "aa bb cc");
        assert_eq!(wrap("abcdefg hi", Some(3)), "abcdefg\nhi");
    }
}
