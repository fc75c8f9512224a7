//! `penalty schedule`: the timeline rows, their split at liquidation windows and at the cap,
//! the CSV, JSON and SVG outputs, and the errors.

#[path = "../benches/common/mod.rs"]
mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22");
    cmd
}

fn stdout(args: &[&str]) -> String {
    let out = penalty().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

/// The whitespace-separated cells of the table row that starts with `from`, `through`.
fn row(text: &str, from: &str, through: &str) -> Vec<String> {
    let key = format!("{from}   {through}");
    let line = text
        .lines()
        .find(|l| l.starts_with(&key))
        .unwrap_or_else(|| panic!("no row {key} in:\n{text}"));
    line.split_whitespace().map(str::to_string).collect()
}

#[test]
fn clearview_fr_by_month_splits_at_the_liquidation_window() {
    let out = stdout(&[
        "schedule",
        "cases/clearview-fr.toml",
        "--every",
        "month",
        "--as-of",
        "2023-04-30",
    ]);
    // From, Through, Rate, Days, Amount, Cumulative, Status.
    // December 2022: 19 to 31 December, 13 days x 100,000.
    assert_eq!(
        row(&out, "2022-12-19", "2022-12-31"),
        [
            "2022-12-19",
            "2022-12-31",
            "100,000.00",
            "13",
            "1,300,000.00",
            "1,300,000.00",
            "liquidated"
        ]
    );
    // February 2023 splits where the liquidated window (until 9 Feb, not counted) ends.
    assert_eq!(
        row(&out, "2023-02-01", "2023-02-08"),
        [
            "2023-02-01",
            "2023-02-08",
            "100,000.00",
            "8",
            "800,000.00",
            "5,200,000.00",
            "liquidated"
        ]
    );
    assert_eq!(
        row(&out, "2023-02-09", "2023-02-28"),
        [
            "2023-02-09",
            "2023-02-28",
            "100,000.00",
            "20",
            "2,000,000.00",
            "7,200,000.00",
            "accruing"
        ]
    );
    // The cumulative column ends at the `compute` figure: 133 days x 100,000.
    assert_eq!(row(&out, "2023-04-01", "2023-04-30")[5], "13,300,000.00");
    assert!(out.contains(
        "As of 2023-04-30: accrued 13,300,000.00 over 133 days of delay; liquidated 5,200,000.00 (52 days in liquidated windows); accruing 8,100,000.00 (81 days, provisional)"
    ));
    assert!(out.contains(
        "2023-04-13                                                                   liquidation SAN-2023-005 decided: window 2022-12-19 until 2023-02-09 (not counted), 52 days; computed 5,200,000.00, ordered 5,200,000.00; no reduction"
    ));
}

#[test]
fn the_cumulative_column_matches_compute() {
    let compute = stdout(&[
        "compute",
        "cases/clearview-fr.toml",
        "--as-of",
        "2023-04-30",
    ]);
    let line = compute
        .lines()
        .find(|l| l.starts_with("clearview-fr"))
        .unwrap();
    let cells: Vec<&str> = line.split_whitespace().collect();
    // Liquidated 5,200,000 (enforceable; none contested) + accruing 8,100,000 = the
    // schedule's 13,300,000.
    assert_eq!(
        (cells[4], cells[5], cells[6]),
        ("5,200,000.00", "0.00", "8,100,000.00")
    );
}

#[test]
fn the_cap_row_ends_on_the_day_the_cap_is_reached() {
    let out = stdout(&[
        "schedule",
        "tests/data/capped.toml",
        "--every",
        "month",
        "--as-of",
        "2024-03-31",
    ]);
    // 2 days in January (15,000), then 11 days of February at 7,500 (82,500) and 2,500 on
    // the 12th: 100,000, the cap.
    assert_eq!(
        row(&out, "2024-02-01", "2024-02-12"),
        [
            "2024-02-01",
            "2024-02-12",
            "7,500.00",
            "12",
            "85,000.00",
            "100,000.00",
            "accruing"
        ]
    );
    // The cap event comes right after the row holding its day, before the next row.
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("cap of 100,000.00 reached: nothing accrues after this day"))
        .unwrap();
    assert!(lines[at].starts_with("2024-02-12 "));
    assert!(lines[at - 1].starts_with("2024-02-01   2024-02-12"));
    assert!(lines[at + 1].starts_with("2024-02-13   2024-02-29"));
    // Nothing after it.
    assert_eq!(
        row(&out, "2024-02-13", "2024-02-29"),
        [
            "2024-02-13",
            "2024-02-29",
            "7,500.00",
            "17",
            "0.00",
            "100,000.00",
            "capped"
        ]
    );
    assert_eq!(
        row(&out, "2024-03-01", "2024-03-31"),
        [
            "2024-03-01",
            "2024-03-31",
            "7,500.00",
            "31",
            "0.00",
            "100,000.00",
            "capped"
        ]
    );
    let deadline = lines.iter().find(|l| l.starts_with("2024-01-29 ")).unwrap();
    assert!(deadline.ends_with(" deadline: notified 2024-01-15 + 2 weeks"));
}

#[test]
fn daily_rows_show_the_cap_day_alone() {
    let out = stdout(&[
        "schedule",
        "tests/data/capped.toml",
        "--every",
        "day",
        "--from",
        "2024-02-11",
        "--to",
        "2024-02-13",
        "--as-of",
        "2024-03-31",
    ]);
    // 13 days (30 January through 11 February) x 7,500 = 97,500; the 12th adds only the
    // 2,500 left under the cap.
    assert_eq!(
        row(&out, "2024-02-11", "2024-02-11")[4..6],
        ["7,500.00", "97,500.00"]
    );
    assert_eq!(
        row(&out, "2024-02-12", "2024-02-12")[4..6],
        ["2,500.00", "100,000.00"]
    );
    assert_eq!(
        row(&out, "2024-02-13", "2024-02-13")[4..7],
        ["0.00", "100,000.00", "capped"]
    );
}

#[test]
fn csv_carries_the_rows_and_their_context() {
    let out = stdout(&[
        "schedule",
        "cases/clearview-fr.toml",
        "--as-of",
        "2023-04-30",
        "--format",
        "csv",
    ]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "case,order,kind,from,through,rate,per,days,amount,cumulative,status,event,description,as_of,projection,overrides"
        )
    );
    assert!(out.contains(
        "\nclearview-fr,stop-processing,period,2023-02-09,2023-02-28,100000.00,day,20,2000000.00,7200000.00,accruing,,,2023-04-30,false,\n"
    ));
    assert_eq!(out.lines().filter(|l| l.contains(",period,")).count(), 6);
}

#[test]
fn csv_names_the_projection_and_the_override() {
    let out = stdout(&[
        "schedule",
        "cases/clearview-fr.toml",
        "--as-of",
        "2099-12-31",
        "--every",
        "year",
        "--assume-compliance",
        "2023-03-01",
        "--format",
        "csv",
    ]);
    let last = out.lines().last().unwrap();
    assert!(
        last.ends_with(",2099-12-31,true,--assume-compliance 2023-03-01: clearview-fr/stop-processing treated as complied on 2023-03-01 (the first day without penalty)"),
        "{last}"
    );
    // Compliance on 1 March 2023 ends the rows on 28 February: 72 days x 100,000; the year
    // 2023 splits where the liquidated window ends.
    assert!(
        out.contains(",2023-01-01,2023-02-08,100000.00,day,39,3900000.00,5200000.00,liquidated,")
    );
    assert!(
        out.contains(",2023-02-09,2023-02-28,100000.00,day,20,2000000.00,7200000.00,accruing,")
    );
    assert!(out.contains(
        ",event,2023-03-01,,,day,,,,,complied,complied (assumed by --assume-compliance)"
    ));
}

#[test]
fn json_is_a_versioned_object_with_amounts_as_strings() {
    let out = stdout(&[
        "schedule",
        "tests/data/capped.toml",
        "--as-of",
        "2024-02-29",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["kind"], "schedule");
    assert_eq!(v["projection"], false);
    let order = &v["orders"][0];
    assert_eq!(order["cap"], "100000.00");
    let entries = order["entries"].as_array().unwrap();
    let cap = entries
        .iter()
        .find(|e| e["event"] == "cap-reached")
        .unwrap();
    assert_eq!(
        (&cap["date"], &cap["cap"]),
        (&"2024-02-12".into(), &"100000.00".into())
    );
    let last = entries
        .iter()
        .rev()
        .find(|e| e["type"] == "period")
        .unwrap();
    assert_eq!(last["cumulative"], "100000.00");
    assert_eq!(last["days"], 17);
    assert_eq!(order["summary"]["cap_reached"], "2024-02-12");
    assert_eq!(order["summary"]["accrued"], "100000.00");
}

#[test]
fn the_svg_chart_is_well_formed_and_marks_the_cap_and_the_liquidation() {
    let dir = tempfile::tempdir().unwrap();
    for (case, as_of, marks) in [
        (
            "tests/data/capped.toml",
            "2024-03-31",
            [
                "2024-02-12  order \"dwangsom\": cap of EUR 100,000.00 reached",
                "As of 2024-03-31: exposure EUR 100,000.00",
            ],
        ),
        (
            "cases/clearview-fr.toml",
            "2027-12-31",
            [
                "liquidation (SAN-2023-005), 2022-12-19 to 2023-02-08: EUR 5,200,000.00 ordered",
                "projection",
            ],
        ),
    ] {
        let file = dir.path().join("exposure.svg");
        penalty()
            .args(["schedule", case, "--as-of", as_of, "--format", "svg", "-o"])
            .arg(&file)
            .assert()
            .success()
            .stdout("");
        let text = std::fs::read_to_string(&file).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("the chart parses as XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(|t| t.trim().to_string()))
            .collect();
        for mark in marks {
            assert!(
                texts.iter().any(|t| t.contains(mark)),
                "{mark} not in {texts:?}"
            );
        }
        // The exposure's outline.
        assert!(doc.descendants().any(|n| n.has_tag_name("polyline")));
    }
}

#[test]
fn the_output_format_follows_the_file_extension() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rows.csv");
    penalty()
        .args([
            "schedule",
            "cases/clearview-fr.toml",
            "--as-of",
            "2023-04-30",
            "-o",
        ])
        .arg(&file)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("case,order,kind,")
    );
}

#[test]
fn a_range_past_the_as_of_date_is_refused() {
    penalty()
        .args(["schedule", "cases/clearview-fr.toml", "--as-of", "2023-04-30", "--to", "2023-12-31"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--to 2023-12-31 is after the as-of date 2023-04-30: to project, pass --as-of 2023-12-31",
        ));
}

#[test]
fn an_unknown_order_is_refused() {
    penalty()
        .args(["schedule", "cases/clearview-fr.toml", "--order", "nope", "--as-of", "2023-04-30"])
        .assert()
        .code(2)
        .stderr("error: cases/clearview-fr.toml: no order \"nope\" in case \"clearview-fr\" (orders: stop-processing)\n");
}

#[test]
fn a_case_without_orders_is_refused() {
    penalty()
        .args(["schedule", "cases/clearview-uk.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no orders"));
}

#[test]
fn the_case_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    std::fs::copy("tests/data/capped.toml", &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    penalty()
        .args(["schedule", "--as-of", "2024-03-31", "--format", "csv"])
        .arg(&file)
        .arg("-o")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o names the case file read"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn an_order_of_unknown_terms_has_nothing_to_show() {
    let out = stdout(&[
        "schedule",
        "cases/clearview-nl.toml",
        "--as-of",
        "2026-11-22",
    ]);
    assert!(out.contains("Order dwangsom, capped at 5,100,000.00; first day of delay not known: nothing accrues\nNothing to show.\n"), "{out}");
    assert!(out.contains("5,100,000.00 still at risk under the cap"));
    // The chart shows the case's fine; the order adds nothing to it.
    let svg = stdout(&[
        "schedule",
        "cases/clearview-nl.toml",
        "--as-of",
        "2026-11-22",
        "--format",
        "svg",
    ]);
    assert!(
        svg.contains("fine &quot;fine&quot; of EUR 30,500,000.00"),
        "{svg}"
    );
}

#[test]
fn a_liquidation_decided_after_compliance_still_shows() {
    // Complied on 2023-03-01, so rows stop at 2023-02-28; SAN-2023-005 was decided on
    // 2023-04-13 over 52 days the rows cover, and must show with its figures.
    let out = stdout(&[
        "schedule",
        "cases/clearview-fr.toml",
        "--every",
        "month",
        "--as-of",
        "2026-11-22",
        "--assume-compliance",
        "2023-03-01",
    ]);
    assert!(
        out.lines().any(|l| l.starts_with("2023-04-13")
            && l.contains("liquidation SAN-2023-005 decided")
            && l.contains("52 days; computed 5,200,000.00, ordered 5,200,000.00")),
        "{out}"
    );
}

#[test]
fn an_overflow_points_at_the_rate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ov.toml");
    std::fs::write(
        &path,
        "[case]\nid = \"ov\"\ncompany = \"P\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n\n\
         [[order]]\nid = \"v\"\nstarts = 1926-01-01\nrate = \"1000000000000000000000000000\"\n",
    )
    .unwrap();
    penalty()
        .args(["schedule", path.to_str().unwrap(), "--as-of", "2026-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:10:8: order \"v\": the accrued amount cannot be computed exactly",
            path.display()
        )));
}

/// 5,000 liquidations on a daily schedule: one sweep marks each of their 35,000 days and
/// places each decision (a schedule that rescanned the liquidations for every row did not
/// finish in a minute with 50,000 of them).
#[test]
fn a_daily_schedule_with_5000_liquidations_marks_each_window_and_decision() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("liquidations.toml");
    std::fs::write(&file, common::liquidations_case(5_000)).unwrap();
    // The last window is days 49,990 to 49,996 after 1900-01-01 (until day 49,997, not
    // counted), decided 30 days after that: day 50,027, 2036-12-20.
    let out = penalty()
        .args([
            "schedule",
            "--every",
            "day",
            "--as-of",
            "2036-12-20",
            "--format",
            "csv",
        ])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let records: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let periods: Vec<&Vec<&str>> = records.iter().filter(|r| r[2] == "period").collect();
    // 1900-01-01 through 2036-12-20: 50,028 days, one row each.
    assert_eq!(periods.len(), 50_028);
    // 5,000 windows of 7 days.
    let liquidated = periods.iter().filter(|r| r[10] == "liquidated").count();
    assert_eq!(liquidated, 35_000);
    assert_eq!(periods.len() - liquidated, 15_028);
    // 50,028 days x 1,000 = 50,028,000.
    assert_eq!(periods.last().unwrap()[9], "50028000.00");
    let decisions: Vec<&str> = records
        .iter()
        .filter(|r| r[11] == "liquidation")
        .map(|r| r[3])
        .collect();
    assert_eq!(decisions.len(), 5_000);
    // The first window is 1900-01-01 until 1900-01-08, decided 30 days later: 1900-02-07.
    assert_eq!(decisions[0], "1900-02-07");
    assert_eq!(decisions[4_999], "2036-12-20");
    // Each decision comes after the row of the day before it and before the row of its day.
    let at = records.iter().position(|r| r[11] == "liquidation").unwrap();
    assert_eq!(
        (records[at - 1][3], records[at + 1][3]),
        ("1900-02-06", "1900-02-07")
    );
}

/// A daily schedule over two centuries (73,414 rows, megabytes in every format) overflows a
/// pipe's buffer, so `head -c 100` closes the pipe while penalty is still writing: the
/// status is 0 and nothing is said, in every format.
#[test]
fn a_closed_pipe_ends_a_streamed_schedule_quietly_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.toml");
    std::fs::write(&file, common::liquidations_case(0)).unwrap();
    let status_file = dir.path().join("status");
    for format in ["table", "csv", "json", "svg"] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(r#"{ "$1" schedule "$2" --every day --as-of 2100-12-31 --format "$4"; echo $? > "$3"; } | head -c 100"#)
            .arg("sh")
            .arg(assert_cmd::cargo::cargo_bin("penalty"))
            .arg(&file)
            .arg(&status_file)
            .arg(format)
            .env("PENALTY_TODAY", "2026-11-22")
            .output()
            .unwrap();
        assert_eq!(out.stdout.len(), 100, "{format}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), "", "{format}");
        assert_eq!(
            std::fs::read_to_string(&status_file).unwrap().trim(),
            "0",
            "{format}"
        );
    }
}

/// The lines of the table that are events (no Through date), trimmed.
fn event_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            l.starts_with(|c: char| c.is_ascii_digit()) && l.as_bytes().get(13) == Some(&b' ')
        })
        .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn a_deadline_change_shows_before_the_first_day_of_delay_it_set() {
    let out = stdout(&[
        "schedule",
        "tests/data/life/deadline-extended.toml",
        "--every",
        "month",
        "--as-of",
        "2020-03-31",
    ]);
    assert_eq!(
        event_lines(&out),
        [
            "deadline extended on 2019-10-15 to 2020-03-01 (Extension of 15 October 2019)",
            "deadline",
            "first day of delay",
        ]
    );
    // The rows start on the first day of delay the change set, 2 March 2020, not on
    // 1 November 2019: 30 days x 1,000 = 30,000.
    assert_eq!(
        row(&out, "2020-03-02", "2020-03-31"),
        [
            "2020-03-02",
            "2020-03-31",
            "1,000.00",
            "30",
            "30,000.00",
            "30,000.00",
            "accruing"
        ]
    );
    assert!(!out.contains("2019-11-01   "), "{out}");
}

#[test]
fn a_deadline_change_decided_after_the_as_of_date_does_not_show() {
    // Extended on 20 November 2019: as of 19 November, the deadline of 31 October holds and
    // 1 to 19 November are 19 days x 1,000 = 19,000.
    let out = stdout(&[
        "schedule",
        "tests/data/life/deadline-extended-late.toml",
        "--every",
        "month",
        "--as-of",
        "2019-11-19",
    ]);
    assert_eq!(event_lines(&out), ["deadline", "first day of delay"]);
    assert_eq!(
        row(&out, "2019-11-01", "2019-11-19"),
        [
            "2019-11-01",
            "2019-11-19",
            "1,000.00",
            "19",
            "19,000.00",
            "19,000.00",
            "accruing"
        ]
    );
}

#[test]
fn csv_and_json_carry_the_deadline_change() {
    let args = [
        "schedule",
        "tests/data/life/deadline-extended.toml",
        "--as-of",
        "2020-03-31",
        "--format",
    ];
    let csv = stdout(&[&args[..], &["csv"]].concat());
    assert!(
        csv.contains(",event,2019-10-15,,,day,,,,,deadline-change,deadline extended on 2019-10-15 to 2020-03-01 (Extension of 15 October 2019),"),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&[&args[..], &["json"]].concat())).unwrap();
    let first = &json["orders"][0]["entries"][0];
    assert_eq!(first["event"], "deadline-change");
    assert_eq!(first["date"], "2019-10-15");
    assert_eq!(first["reference"], "Extension of 15 October 2019");
}

#[test]
fn a_yearly_row_shows_the_measured_amount_per_year() {
    let out = stdout(&[
        "schedule",
        "tests/data/life/yearly-adjustment.toml",
        "--every",
        "year",
        "--as-of",
        "2005-12-31",
    ]);
    // Rate 0 + 20.4 x 624,150 = 12,732,660 per year, forfeited at each year's end.
    assert_eq!(
        row(&out, "2004-01-01", "2004-12-31"),
        [
            "2004-01-01",
            "2004-12-31",
            "12,732,660.00",
            "366",
            "12,732,660.00",
            "12,732,660.00",
            "accruing"
        ]
    );
    // Two years: 2 x 12,732,660 = 25,465,320.
    assert_eq!(row(&out, "2005-01-01", "2005-12-31")[5], "25,465,320.00");
    assert_eq!(
        event_lines(&out),
        [
            "first day of delay",
            "measured: non-compliant-percent = 20.4"
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "schedule",
        "tests/data/life/yearly-adjustment.toml",
        "--every",
        "year",
        "--as-of",
        "2004-12-31",
        "--format",
        "json",
    ]))
    .unwrap();
    let entries = &json["orders"][0]["entries"];
    assert_eq!(entries[1]["rate"], "12732660.00");
    assert_eq!(entries[2]["event"], "measurement");
    assert_eq!(entries[2]["values"]["non-compliant-percent"], "20.4");
}

#[test]
fn a_daily_row_splits_at_a_measurement_and_shows_the_adjusted_rate() {
    let out = stdout(&[
        "schedule",
        "tests/data/life/daily-adjustment.toml",
        "--every",
        "month",
        "--as-of",
        "2024-01-20",
    ]);
    // 10 days x 100 = 1,000 before the measurement.
    assert_eq!(
        row(&out, "2024-01-01", "2024-01-10"),
        [
            "2024-01-01",
            "2024-01-10",
            "100.00",
            "10",
            "1,000.00",
            "1,000.00",
            "accruing"
        ]
    );
    // Then 100 - 2 x 30 = 40 a day: 10 days x 40 = 400; 1,000 + 400 = 1,400.
    assert_eq!(
        row(&out, "2024-01-11", "2024-01-20"),
        [
            "2024-01-11",
            "2024-01-20",
            "40.00",
            "10",
            "400.00",
            "1,400.00",
            "accruing"
        ]
    );
    let csv = stdout(&[
        "schedule",
        "tests/data/life/daily-adjustment.toml",
        "--as-of",
        "2024-01-20",
        "--format",
        "csv",
    ]);
    assert!(
        csv.contains(",event,2024-01-11,,,day,,,,,measurement,measured: sites-regularised = 2,"),
        "{csv}"
    );
    assert!(
        csv.contains(",period,2024-01-11,2024-01-20,40.00,day,10,400.00,1400.00,accruing,"),
        "{csv}"
    );
}
