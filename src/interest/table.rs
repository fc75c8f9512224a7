//! Dated step tables of interest rates: the French *taux de l'intérêt légal*, the Dutch
//! *wettelijke rente* and the ECB main refinancing rate, shipped in `cases/rates/` and embedded
//! in the binary, plus any rates a user adds from a file.
//!
//! A table is a list of steps: a rate, in percent per year, in force from a date until the next
//! step. A step may say `unknown`: the table ends there, or has a gap. Asking for a rate on a
//! day before the first step or inside an `unknown` step is an error naming the table and the
//! day, never a silent zero.
//!
//! Each table keeps prefix sums of its rate-days, so the sum of the daily rates over any span
//! costs two binary searches however many steps the span crosses: thirty years of semesters
//! cost what one year costs.
//!
//! # Files
//!
//! CSV text, one step a line. Lines starting with `#` and blank lines are comments. The first
//! other line is the header: `date` then one column per table. Each row has an ISO date and, per
//! column, a decimal percentage (`4.22`) or `unknown`. Dates increase strictly down the file.
//!
//! ```text
//! # my additions
//! date,nl-statutory
//! 2025-01-01,6.00
//! ```
//!
//! In a file added with [`Rates::add_file`] the columns name the tables: `fr-legal`,
//! `fr-legal-individual`, `nl-statutory`, `ecb-mro`. Its rows add steps or replace the step of
//! the same date (an `unknown` step included).

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::csv::parse;

/// The French legal rates as shipped: `date,individual,other`.
const FR_CSV: &str = include_str!("../../cases/rates/fr-interet-legal.csv");
/// The Dutch ordinary statutory rate as shipped: `date,rate`.
const NL_CSV: &str = include_str!("../../cases/rates/nl-wettelijke-rente.csv");
/// The ECB main refinancing operations rate as shipped: `date,rate`.
const MRO_CSV: &str = include_str!("../../cases/rates/ecb-mro.csv");

/// The highest rate, in percent per year, a table or a regime accepts.
pub const MAX_RATE: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// Which rate table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableId {
    /// French *taux de l'intérêt légal*, "tous les autres cas".
    FrLegal,
    /// French *taux de l'intérêt légal*, creditor a natural person not acting professionally.
    FrLegalIndividual,
    /// Dutch ordinary *wettelijke rente* (BW 6:119).
    NlStatutory,
    /// ECB main refinancing operations rate.
    EcbMro,
}

impl TableId {
    /// Every table, in a fixed order.
    pub const ALL: [TableId; 4] = [
        TableId::FrLegal,
        TableId::FrLegalIndividual,
        TableId::NlStatutory,
        TableId::EcbMro,
    ];

    /// The name used in rates files and messages.
    pub fn name(self) -> &'static str {
        match self {
            TableId::FrLegal => "fr-legal",
            TableId::FrLegalIndividual => "fr-legal-individual",
            TableId::NlStatutory => "nl-statutory",
            TableId::EcbMro => "ecb-mro",
        }
    }

    fn from_name(name: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An error reading a rates file or using a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatesError {
    /// A rates file that is not in the expected layout.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters) of the offending field.
        column: usize,
        /// What was expected and what was found.
        message: String,
    },
    /// A rates file that could not be read.
    #[error("cannot read rates file \"{}\": {message}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        message: String,
    },
    /// A day the table has no rate for: before its first step, or inside an `unknown` step.
    #[error(
        "no {table} rate for {date}: the table {}; add the rate with --rates",
        if *before_first { "starts later" } else { "has no verified rate from that day" }
    )]
    NoRate {
        /// The table.
        table: TableId,
        /// The first day without a rate.
        date: NaiveDate,
        /// Whether the day is before the table's first step.
        before_first: bool,
    },
}

/// One step of a table: `rate` (percent per year, `None` when unknown) from `from` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The first day of the step.
    pub from: NaiveDate,
    /// The rate in percent per year, `None` where the table has no verified rate.
    pub rate: Option<Decimal>,
}

/// One piece of a span with a single rate: days `from..=to` at `rate` percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The rate in percent per year.
    pub rate: Decimal,
}

/// A dated step table with prefix sums of rate-days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTable {
    id: TableId,
    steps: Vec<Step>,
    /// `cum[i]`: the sum of the daily rates of every day before `steps[i].from` (unknown days
    /// count zero; spans that touch them are refused before the sums are used).
    cum: Vec<Decimal>,
    /// `unknown[i]`: how many of `steps[..i]` are unknown.
    unknown: Vec<u32>,
}

impl StepTable {
    /// A table from steps in strictly increasing date order.
    fn new(id: TableId, steps: Vec<Step>) -> StepTable {
        let mut cum = Vec::with_capacity(steps.len());
        let mut unknown = Vec::with_capacity(steps.len() + 1);
        let mut sum = Decimal::ZERO;
        let mut count = 0u32;
        unknown.push(0);
        for (i, step) in steps.iter().enumerate() {
            if i > 0 {
                let prev = steps[i - 1];
                let days = (step.from - prev.from).num_days();
                sum += prev.rate.unwrap_or_default() * Decimal::from(days);
            }
            cum.push(sum);
            if step.rate.is_none() {
                count += 1;
            }
            unknown.push(count);
        }
        StepTable {
            id,
            steps,
            cum,
            unknown,
        }
    }

    /// Which table this is.
    pub fn id(&self) -> TableId {
        self.id
    }

    /// The steps, in date order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The index of the step in force on `day`, if any step starts on or before it.
    fn index(&self, day: NaiveDate) -> Option<usize> {
        self.steps.partition_point(|s| s.from <= day).checked_sub(1)
    }

    /// The rate in force on `day`.
    pub fn rate_on(&self, day: NaiveDate) -> Result<Decimal, RatesError> {
        let i = self.index(day).ok_or(RatesError::NoRate {
            table: self.id,
            date: day,
            before_first: true,
        })?;
        self.steps[i].rate.ok_or(RatesError::NoRate {
            table: self.id,
            date: day,
            before_first: false,
        })
    }

    /// Checks that every day of `first..=last` has a rate and returns the indices of the steps
    /// in force on `first` and on `last`.
    fn span(&self, first: NaiveDate, last: NaiveDate) -> Result<(usize, usize), RatesError> {
        let i = self.index(first).ok_or(RatesError::NoRate {
            table: self.id,
            date: first,
            before_first: true,
        })?;
        let j = self.index(last).unwrap_or(i);
        if self.unknown[j + 1] != self.unknown[i] {
            // The first unknown step in i..=j.
            let k = (i..=j).find(|&k| self.steps[k].rate.is_none()).unwrap_or(i);
            return Err(RatesError::NoRate {
                table: self.id,
                date: self.steps[k].from.max(first),
                before_first: false,
            });
        }
        Ok((i, j))
    }

    /// The sum of the daily rates before the end of `day`, given the step `i` in force on it.
    fn prefix(&self, i: usize, day: NaiveDate) -> Decimal {
        let step = self.steps[i];
        let days = (day - step.from).num_days() + 1;
        self.cum[i] + step.rate.unwrap_or_default() * Decimal::from(days)
    }

    /// The sum of the daily rates (percent) of the days `first..=last`: zero when `last` is
    /// before `first`. Closed form: two binary searches.
    pub fn rate_days(&self, first: NaiveDate, last: NaiveDate) -> Result<Decimal, RatesError> {
        if last < first {
            return Ok(Decimal::ZERO);
        }
        let (_, j) = self.span(first, last)?;
        let before = match first
            .pred_opt()
            .and_then(|day| self.index(day).map(|k| (k, day)))
        {
            Some((k, day)) => self.prefix(k, day),
            None => Decimal::ZERO,
        };
        Ok(self.prefix(j, last) - before)
    }

    /// The days `first..=last` cut where the rate changes.
    pub fn pieces(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<Piece>, RatesError> {
        if last < first {
            return Ok(Vec::new());
        }
        let (i, j) = self.span(first, last)?;
        let mut out = Vec::with_capacity(j - i + 1);
        for k in i..=j {
            let from = self.steps[k].from.max(first);
            let to = match self.steps.get(k + 1) {
                Some(next) if k < j => next.from.pred_opt().unwrap_or(next.from),
                _ => last,
            };
            let rate = self.steps[k].rate.unwrap_or_default();
            // Steps that repeat the rate before them are merged into one piece.
            match out.last_mut() {
                Some(Piece {
                    to: prev_to,
                    rate: prev_rate,
                    ..
                }) if *prev_rate == rate => {
                    *prev_to = to;
                }
                _ => out.push(Piece { from, to, rate }),
            }
        }
        Ok(out)
    }

    /// This table with `added` steps: a step of the same date is replaced.
    fn merged(&self, added: &[Step]) -> StepTable {
        let mut steps = self.steps.clone();
        for step in added {
            match steps.binary_search_by(|s| s.from.cmp(&step.from)) {
                Ok(i) => steps[i] = *step,
                Err(i) => steps.insert(i, *step),
            }
        }
        StepTable::new(self.id, steps)
    }
}

/// Every rate table: the shipped ones, with what the user added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rates {
    tables: [StepTable; 4],
}

impl Rates {
    /// The tables shipped in `cases/rates/` and embedded in the binary, parsed once per
    /// process.
    pub fn builtin() -> Result<Rates, RatesError> {
        Rates::shipped().cloned()
    }

    /// The same tables as [`Rates::builtin`], shared rather than copied.
    pub fn shipped() -> Result<&'static Rates, RatesError> {
        static BUILTIN: std::sync::OnceLock<Result<Rates, RatesError>> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(Rates::parse_builtin)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn parse_builtin() -> Result<Rates, RatesError> {
        let fr = parse(
            Path::new("fr-interet-legal.csv (built in)"),
            FR_CSV,
            &|name| match name {
                "individual" => Some(TableId::FrLegalIndividual),
                "other" => Some(TableId::FrLegal),
                _ => None,
            },
            "individual, other",
        )?;
        let rate_only = |id: TableId| move |name: &str| (name == "rate").then_some(id);
        let nl = parse(
            Path::new("nl-wettelijke-rente.csv (built in)"),
            NL_CSV,
            &rate_only(TableId::NlStatutory),
            "rate",
        )?;
        let mro = parse(
            Path::new("ecb-mro.csv (built in)"),
            MRO_CSV,
            &rate_only(TableId::EcbMro),
            "rate",
        )?;
        let mut found = fr.into_iter().chain(nl).chain(mro).collect::<Vec<_>>();
        found.sort_by_key(|(id, _)| *id);
        let take = |id: TableId| {
            let steps = found
                .iter()
                .find(|(t, _)| *t == id)
                .map(|(_, s)| s.clone())
                .unwrap_or_default();
            StepTable::new(id, steps)
        };
        Ok(Rates {
            tables: TableId::ALL.map(take),
        })
    }

    /// The table `id`.
    pub fn table(&self, id: TableId) -> &StepTable {
        let index = TableId::ALL.iter().position(|t| *t == id).unwrap_or(0);
        &self.tables[index]
    }

    /// Whether the file at `path` is an interest rates file: a `.csv` file whose header (its
    /// first line that is not blank or a comment) is `date`, in lower case, followed by columns
    /// with a hyphen in their names, as the interest tables' have (an exchange-rate file's
    /// columns are currency codes). `--rates` gives such files to the interest tables, any
    /// other to the exchange rates.
    pub fn claims(path: &Path) -> bool {
        let is_csv = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if !is_csv {
            return false;
        }
        let Ok(file) = std::fs::File::open(path) else {
            return false;
        };
        use std::io::BufRead;
        // Only the first lines are read: an exchange-rate history is large.
        let header = std::io::BufReader::new(file)
            .lines()
            .take(1000)
            .map_while(Result::ok)
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        let Some(header) = header else {
            return false;
        };
        let mut fields = header.split(',').map(str::trim);
        fields.next().map(|f| f.trim_start_matches('\u{feff}')) == Some("date")
            && fields.any(|f| f.contains('-'))
    }

    /// Adds or overrides steps from a rates file whose columns name the tables.
    pub fn add_file(&mut self, path: &Path) -> Result<(), RatesError> {
        let text = std::fs::read_to_string(path).map_err(|e| RatesError::Read {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        self.add_str(path, &text)
    }

    /// Adds or overrides steps from rates text, reported as `path` in errors.
    pub fn add_str(&mut self, path: &Path, text: &str) -> Result<(), RatesError> {
        let expected = TableId::ALL.map(TableId::name).join(", ");
        let found = parse(path, text, &TableId::from_name, &expected)?;
        for (id, steps) in found {
            let index = TableId::ALL.iter().position(|t| *t == id).unwrap_or(0);
            self.tables[index] = self.tables[index].merged(&steps);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_shipped_tables_parse_and_hold_the_checked_figures() {
        let rates = Rates::builtin().unwrap();
        let fr = rates.table(TableId::FrLegal);
        let individual = rates.table(TableId::FrLegalIndividual);
        assert_eq!(fr.rate_on(d("2015-01-01")), Ok(dec!(0.93)));
        assert_eq!(individual.rate_on(d("2015-01-01")), Ok(dec!(4.06)));
        assert_eq!(fr.rate_on(d("2023-06-30")), Ok(dec!(2.06)));
        assert_eq!(fr.rate_on(d("2023-07-01")), Ok(dec!(4.22)));
        assert_eq!(individual.rate_on(d("2023-07-01")), Ok(dec!(6.82)));
        assert_eq!(fr.rate_on(d("2026-06-30")), Ok(dec!(2.62)));
        assert_eq!(fr.steps().len(), 24);
        let nl = rates.table(TableId::NlStatutory);
        assert_eq!(nl.rate_on(d("2020-05-05")), Ok(dec!(2.00)));
        assert_eq!(nl.rate_on(d("2024-12-31")), Ok(dec!(7.00)));
        let mro = rates.table(TableId::EcbMro);
        assert_eq!(mro.rate_on(d("2023-03-01")), Ok(dec!(3.00)));
        assert_eq!(mro.rate_on(d("2023-03-22")), Ok(dec!(3.50)));
        assert_eq!(mro.rate_on(d("2008-10-14")), Ok(dec!(4.25)));
        assert_eq!(mro.rate_on(d("2025-06-10")), Ok(dec!(2.40)));
    }

    #[test]
    fn a_day_past_the_end_is_an_error_naming_the_table_and_the_day() {
        let rates = Rates::builtin().unwrap();
        let error = rates
            .table(TableId::FrLegal)
            .rate_on(d("2026-07-01"))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "no fr-legal rate for 2026-07-01: the table has no verified rate from that day; \
             add the rate with --rates"
        );
        let error = rates
            .table(TableId::NlStatutory)
            .rate_days(d("2024-12-01"), d("2025-03-31"))
            .unwrap_err();
        assert_eq!(
            error,
            RatesError::NoRate {
                table: TableId::NlStatutory,
                date: d("2025-01-01"),
                before_first: false
            }
        );
        let mro = rates.table(TableId::EcbMro);
        assert_eq!(
            mro.rate_on(d("1998-12-31")).unwrap_err().to_string(),
            "no ecb-mro rate for 1998-12-31: the table starts later; add the rate with --rates"
        );
        // The change of 1 September 2000 applied from an operation settled after that day.
        assert_eq!(mro.rate_on(d("2000-08-31")), Ok(dec!(4.25)));
        assert!(mro.rate_on(d("2000-09-01")).is_err());
        assert_eq!(mro.rate_on(d("2000-10-06")), Ok(dec!(4.75)));
        assert_eq!(mro.rate_on(d("2001-09-19")), Ok(dec!(3.75)));
        assert_eq!(mro.rate_on(d("2003-06-06")), Ok(dec!(2.00)));
    }

    #[test]
    fn a_gap_inside_a_table_names_its_first_day() {
        let mut rates = Rates::builtin().unwrap();
        rates
            .add_str(
                Path::new("gap.csv"),
                "date,nl-statutory\n2025-01-01,6.00\n2025-07-01,unknown\n2026-01-01,4.00\n",
            )
            .unwrap();
        let nl = rates.table(TableId::NlStatutory);
        assert_eq!(nl.rate_on(d("2025-03-01")), Ok(dec!(6.00)));
        assert_eq!(nl.rate_on(d("2026-02-01")), Ok(dec!(4.00)));
        assert_eq!(
            nl.rate_days(d("2025-06-01"), d("2026-01-31")),
            Err(RatesError::NoRate {
                table: TableId::NlStatutory,
                date: d("2025-07-01"),
                before_first: false
            })
        );
        // 30 days of June at 6 % and 31 days of January at 4 %: each side of the gap is fine.
        assert_eq!(
            nl.rate_days(d("2025-06-01"), d("2025-06-30")),
            Ok(dec!(180.00))
        );
        assert_eq!(
            nl.rate_days(d("2026-01-01"), d("2026-01-31")),
            Ok(dec!(124.00))
        );
    }

    #[test]
    fn rate_days_cross_steps_in_closed_form() {
        let rates = Rates::builtin().unwrap();
        let fr = rates.table(TableId::FrLegal);
        // 150 days at 2.06 then 184 at 4.22: 309 + 776.48 = 1,085.48 rate-days.
        assert_eq!(
            fr.rate_days(d("2023-02-01"), d("2023-12-31")),
            Ok(dec!(1085.48))
        );
        // One day.
        assert_eq!(
            fr.rate_days(d("2023-07-01"), d("2023-07-01")),
            Ok(dec!(4.22))
        );
        // The first day of the table.
        assert_eq!(
            fr.rate_days(d("2015-01-01"), d("2015-01-02")),
            Ok(dec!(1.86))
        );
        assert_eq!(
            fr.rate_days(d("2023-02-01"), d("2023-01-31")),
            Ok(Decimal::ZERO)
        );
        assert_eq!(
            fr.pieces(d("2023-02-01"), d("2023-12-31")).unwrap(),
            vec![
                Piece {
                    from: d("2023-02-01"),
                    to: d("2023-06-30"),
                    rate: dec!(2.06)
                },
                Piece {
                    from: d("2023-07-01"),
                    to: d("2023-12-31"),
                    rate: dec!(4.22)
                },
            ]
        );
    }

    #[test]
    fn added_rows_replace_the_step_of_the_same_day() {
        let mut rates = Rates::builtin().unwrap();
        rates
            .add_str(
                Path::new("more.csv"),
                "# checked\ndate, fr-legal-individual ,fr-legal\n2026-07-01,6.50,2.50\n2027-01-01,unknown,unknown\n",
            )
            .unwrap();
        let fr = rates.table(TableId::FrLegal);
        assert_eq!(fr.rate_on(d("2026-12-31")), Ok(dec!(2.50)));
        assert!(fr.rate_on(d("2027-01-01")).is_err());
        assert_eq!(
            rates
                .table(TableId::FrLegalIndividual)
                .rate_on(d("2026-07-01")),
            Ok(dec!(6.50))
        );
    }

    #[test]
    fn bad_rates_files_get_located_errors() {
        let mut rates = Rates::builtin().unwrap();
        let bad = |text: &str| {
            Rates::builtin()
                .unwrap()
                .add_str(Path::new("r.csv"), text)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            bad("date,fr-legl\n"),
            "r.csv:1:6: unknown rate column \"fr-legl\" (expected one of: fr-legal, \
             fr-legal-individual, nl-statutory, ecb-mro)"
        );
        assert_eq!(
            bad("# c\ndate,ecb-mro\n2025-01-01,2,5\n"),
            "r.csv:3:1: expected 2 fields (a date and 1 rate), found 3"
        );
        assert_eq!(
            bad("date,ecb-mro\n2025-01-01,2,5%\n").split(':').next(),
            Some("r.csv")
        );
        assert_eq!(
            bad("date,ecb-mro\n2025-01-01, 2.5%\n"),
            "r.csv:2:13: expected a rate in percent such as 4.22, or \"unknown\", found \"2.5%\""
        );
        assert_eq!(
            bad("date,ecb-mro\n2025-02-01,2\n2025-01-01,2\n"),
            "r.csv:3:1: dates must increase down the file: 2025-01-01 comes after 2025-02-01"
        );
        assert_eq!(
            bad("date,ecb-mro\n1 Jan 2025,2\n"),
            "r.csv:2:1: expected a date such as 2025-01-01, found \"1 Jan 2025\""
        );
        assert_eq!(
            bad("date,ecb-mro\n2025-01-01,-1\n"),
            "r.csv:2:12: a rate may not be negative, found \"-1\""
        );
        assert_eq!(
            bad("rate,date\n"),
            "r.csv:1:1: expected the header \"date,fr-legal, fr-legal-individual, nl-statutory, \
             ecb-mro\", found \"rate,date\""
        );
        assert!(bad("# only a comment\n").starts_with("r.csv:1:1: expected a header"));
        let missing = rates
            .add_file(Path::new("/nonexistent/rates.csv"))
            .unwrap_err();
        assert!(matches!(missing, RatesError::Read { .. }));
    }

    #[test]
    fn a_byte_order_mark_before_the_header_is_ignored() {
        let mut rates = Rates::builtin().unwrap();
        rates
            .add_str(
                Path::new("bom.csv"),
                "\u{feff}date,ecb-mro\n2025-06-11,2.15\n",
            )
            .unwrap();
        assert_eq!(
            rates.table(TableId::EcbMro).rate_on(d("2025-06-11")),
            Ok(dec!(2.15))
        );
    }

    /// A table of random steps over 2020-2023 for the properties below.
    fn table_from(rates: Vec<(u16, u16)>) -> StepTable {
        let mut day = d("2020-01-01");
        let mut steps = Vec::new();
        for (gap, rate) in rates {
            steps.push(Step {
                from: day,
                rate: Some(Decimal::new(i64::from(rate), 2)),
            });
            day = day + chrono::Days::new(u64::from(gap) + 1);
        }
        StepTable::new(TableId::EcbMro, steps)
    }

    proptest! {
        /// Whatever the text, parsing returns a table or an error, never a panic.
        #[test]
        fn any_rates_text_parses_or_errs(
            lines in proptest::collection::vec(
                "(date|[0-9]{4}-[0-9]{2}-[0-9]{2}|#.*|.{0,12})(,(ecb-mro|fr-legal|unknown|[0-9.e-]{0,8}|.{0,6})){0,3}",
                0..6,
            ),
        ) {
            let text = lines.join("\n");
            let mut rates = Rates::builtin().unwrap();
            let _ = rates.add_str(Path::new("any.csv"), &text);
        }

        #[test]
        fn rate_days_equal_the_sum_day_by_day(
            steps in proptest::collection::vec((0u16..60, 0u16..1000), 1..12),
            start in 0u64..200,
            len in 0u64..200,
        ) {
            let table = table_from(steps);
            let first = d("2020-01-01") + chrono::Days::new(start);
            let last = first + chrono::Days::new(len);
            let mut reference = Decimal::ZERO;
            let mut day = first;
            while day <= last {
                reference += table.rate_on(day).unwrap();
                day = day.succ_opt().unwrap();
            }
            prop_assert_eq!(table.rate_days(first, last).unwrap(), reference);
            let pieces: Decimal = table
                .pieces(first, last)
                .unwrap()
                .iter()
                .map(|p| p.rate * Decimal::from((p.to - p.from).num_days() + 1))
                .sum();
            prop_assert_eq!(pieces, reference);
        }

        #[test]
        fn splitting_a_span_sums_to_the_whole(
            steps in proptest::collection::vec((0u16..60, 0u16..1000), 1..12),
            start in 0u64..200,
            cut in 0u64..200,
            len in 0u64..200,
        ) {
            let table = table_from(steps);
            let first = d("2020-01-01") + chrono::Days::new(start);
            let middle = first + chrono::Days::new(cut);
            let last = middle + chrono::Days::new(len);
            let whole = table.rate_days(first, last).unwrap();
            let left = table.rate_days(first, middle).unwrap();
            let right = table.rate_days(middle.succ_opt().unwrap(), last).unwrap();
            prop_assert_eq!(left + right, whole);
        }
    }
}
