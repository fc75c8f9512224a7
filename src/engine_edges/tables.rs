//! Rate tables, rates files and what is owed on a case line.

use super::*;

#[test]
fn of_two_ecb_histories_the_latest_rate_wins_and_the_later_history_a_tie() {
    use crate::fx::RateTable;
    let usd: crate::fx::Currency = "USD".parse().unwrap();
    let mut table = RateTable::empty();
    // The first history has 1.10 on 2 January and 1.30 on 4 January; the second 1.20 on 1
    // January and 1.15 on 2 January.
    table
        .add_ecb_history(
            "Date,USD,\n2024-01-04,1.30,\n2024-01-02,1.10,\n".to_owned(),
            Path::new("first.csv"),
        )
        .unwrap();
    table
        .add_ecb_history(
            "Date,USD,\n2024-01-02,1.15,\n2024-01-01,1.20,\n".to_owned(),
            Path::new("second.csv"),
        )
        .unwrap();
    let rate = |day: &str| table.rate(usd, d(day)).unwrap().per_eur;
    assert_eq!(rate("2024-01-01"), dec!(1.20));
    // Both give 2 January: the later history's 1.15.
    assert_eq!(rate("2024-01-03"), dec!(1.15));
    // The first history's 4 January is more recent than anything in the second.
    assert_eq!(rate("2024-01-05"), dec!(1.30));
}

#[test]
fn steps_that_repeat_a_rate_are_one_run_of_days() {
    use crate::interest::{Debt, explain};
    let rates = crate::interest::Rates::builtin().unwrap();
    // The French legal rate was 0.90 % in both halves of 2017: 365 days in one run,
    // 365 x 0.90 x 100,000 / 36,500 = 900.00.
    let debt = Debt::new(dec!(100000), d("2016-12-31"));
    let out = explain(&debt, "fr-legal".parse().unwrap(), d("2017-12-31"), &rates).unwrap();
    let runs: Vec<(i64, Decimal)> = out.segments.iter().map(|s| (s.days, s.rate)).collect();
    assert_eq!(runs, [(365, dec!(0.90))]);
    assert_eq!(out.interest, dec!(900.00));
}

#[test]
fn a_table_names_its_histories_and_their_latest_days() {
    use crate::fx::RateTable;
    let mut table = RateTable::empty();
    table
        .add_ecb_history(
            "Date,USD,\n2024-01-04,1.30,\n2024-01-02,1.10,\n".to_owned(),
            Path::new("first.csv"),
        )
        .unwrap();
    table
        .add_toml_str(
            "[[rate]]\ndate = 2024-01-03\ncurrency = \"GBP\"\nper_eur = \"0.85\"\n\
             [[rate]]\ndate = 2024-01-05\ncurrency = \"CHF\"\nper_eur = \"0.95\"\n",
            Path::new("added.toml"),
        )
        .unwrap();
    // As of 3 January the history's latest day is 2 January, the added rates' 3 January.
    assert_eq!(
        table.histories(d("2024-01-03")),
        [(std::path::PathBuf::from("first.csv"), Some(d("2024-01-02")))]
    );
    assert_eq!(table.latest_added(d("2024-01-03")), Some(d("2024-01-03")));
    assert_eq!(table.latest_added(d("2024-01-06")), Some(d("2024-01-05")));
    assert_eq!(table.latest_added(d("2024-01-02")), None);
}

#[test]
fn a_rates_file_without_rate_columns_is_refused_after_its_header() {
    use crate::interest::Rates;
    let error = Rates::builtin()
        .unwrap()
        .add_str(Path::new("r.csv"), "date\n")
        .unwrap_err()
        .to_string();
    // "date" is 4 characters: the column expected is the 5th.
    assert!(
        error.starts_with("r.csv:1:5: expected at least one rate column"),
        "{error}"
    );
}

#[test]
fn a_rate_of_1000_percent_is_the_highest_accepted() {
    use crate::interest::Rates;
    let add = |rate: &str| {
        let text = format!("date,ecb-mro\n2030-01-01,{rate}\n");
        Rates::builtin().unwrap().add_str(Path::new("r.csv"), &text)
    };
    assert!(add("1000").is_ok());
    let error = add("1000.01").unwrap_err().to_string();
    assert!(
        error.contains("a rate above 1000 percent is not accepted"),
        "{error}"
    );
}

#[test]
fn a_line_without_debt_terms_has_its_outstanding_payable() {
    use crate::exposure::Totals;
    use crate::owed::Owed;
    // Fines 1,000 + liquidated 500 - paid 300 = outstanding 1,200, all of it payable.
    let plain = Totals {
        fines_enforceable: dec!(1000),
        liquidated_enforceable: dec!(500),
        paid: dec!(300),
        ..Totals::default()
    };
    assert_eq!(plain.outstanding(), dec!(1200));
    assert_eq!(plain.payable(), dec!(1200));
    assert_eq!(plain.owed_figures().payable, dec!(1200));
    // Owed figures that say no more than that are not kept; 200 suspended are.
    let same = plain.clone().with_owed(Owed {
        payable: dec!(1200),
        ..Owed::default()
    });
    assert!(same.owed.is_none());
    let stayed = plain.with_owed(Owed {
        payable: dec!(1000),
        suspended: dec!(200),
        ..Owed::default()
    });
    assert_eq!(stayed.payable(), dec!(1000));
    assert_eq!(stayed.suspended(), dec!(200));
}

#[test]
fn a_case_line_carries_interest_paid_and_unpaid_and_takes_lapsed_sums_off() {
    // 100,000 at 10 %, due 2023-01-31; 50,000 paid on 2023-05-01 settles 90 days of interest
    // (2,465.75) first and 47,534.25 of principal; 52,465.75 then bears 244 days (3,507.30).
    let paid = owed_line(
        "partial-payment.toml",
        include_str!("../../tests/data/owed/partial-payment.toml"),
        "2023-12-31",
    );
    let t = &paid.totals;
    assert_eq!(t.interest_paid, dec!(2465.75));
    assert_eq!(t.outstanding(), dec!(52465.75));
    assert_eq!(t.interest(), dec!(3507.30));
    assert_eq!(t.total_due(), dec!(55973.05));
    assert_eq!(t.payable(), dec!(55973.05));
    // A fine of 100,000 due 2020-02-10 under a 3-year limitation: counted until 2023-02-10,
    // zero and time-barred from the next day.
    let text = include_str!("../../tests/data/owed/fine-limitation.toml");
    let before = owed_line("fine-limitation.toml", text, "2023-02-10");
    assert_eq!(before.totals.fines(), dec!(100000));
    assert_eq!(before.totals.time_barred(), dec!(0));
    let after = owed_line("fine-limitation.toml", text, "2023-02-11");
    assert_eq!(after.totals.fines(), dec!(0));
    assert_eq!(after.totals.time_barred(), dec!(100000));
    // A dwangsom of 1,000 a day, 2024-01-01 to 2024-03-31 (91,000), no collection order: as
    // of 2025-02-15 the sums forfeited through 2024-02-14 (45,000) lapsed, 46,000 accrue.
    let lapsed = owed_line(
        "dwangsom.toml",
        include_str!("../../tests/data/owed/dwangsom.toml"),
        "2025-02-15",
    );
    assert_eq!(lapsed.totals.accruing, dec!(46000));
    assert_eq!(lapsed.totals.time_barred(), dec!(45000));
}

#[test]
fn a_liquidation_time_barred_counts_zero_in_its_component() {
    // A Dutch liquidation of 10,000 due 2023-03-15 lapses five years after (Awb 4:104): on
    // 2028-03-15 it is still liquidated; from 2028-03-16 it counts zero, time-barred.
    let text = "[case]\nid = \"nl\"\ncompany = \"C\"\njurisdiction = \"NL\"\ncurrency = \"EUR\"\n\n[[order]]\nid = \"o\"\ndecided = 2023-01-01\nstarts = 2023-01-02\nrate = \"1000\"\ncomplied = 2023-01-12\n\n[[order.liquidation]]\ndecided = 2023-02-01\ndue = 2023-03-15\nfrom = 2023-01-02\nthrough = 2023-01-11\namount = \"10000\"\n";
    let before = owed_line("nl.toml", text, "2028-03-15");
    assert_eq!(before.totals.liquidated(), dec!(10000));
    let after = owed_line("nl.toml", text, "2028-03-16");
    assert_eq!(after.totals.liquidated(), dec!(0));
    assert_eq!(after.totals.time_barred(), dec!(10000));
}

#[test]
fn a_rates_file_goes_to_the_interest_tables_by_its_header() {
    use crate::interest::{Rates, TableId};
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    // An interest rates file: `date`, then columns with a hyphen, after comments and blanks.
    let interest = "# Dutch rate\n\ndate,nl-statutory\n2025-01-01,6.00\n";
    assert!(Rates::claims(&file("a.csv", interest)));
    assert!(Rates::claims(&file("b.CSV", interest)));
    assert!(Rates::claims(&file("c.csv", "\u{feff}date,fr-legal\n")));
    // Not one: an ECB file, a column without a hyphen, another extension, an empty or
    // missing file.
    assert!(!Rates::claims(&file(
        "d.csv",
        "Date,GBP\n2026-11-30,0.8338\n"
    )));
    assert!(!Rates::claims(&file("e.csv", "date,GBP\n")));
    assert!(!Rates::claims(&file("f.txt", interest)));
    assert!(!Rates::claims(&file("g.csv", "# only a comment\n\n")));
    assert!(!Rates::claims(&file("h.csv", "when,nl-statutory\n")));
    assert!(!Rates::claims(&dir.path().join("missing.csv")));
    assert_eq!(TableId::FrLegal.shipped_file(), "fr-interet-legal.csv");
    assert_eq!(
        TableId::FrLegalIndividual.shipped_file(),
        "fr-interet-legal.csv"
    );
    assert_eq!(
        TableId::NlStatutory.shipped_file(),
        "nl-wettelijke-rente.csv"
    );
    assert_eq!(TableId::EcbMro.shipped_file(), "ecb-mro.csv");
}
