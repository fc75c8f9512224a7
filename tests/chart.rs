//! The exposure chart, read back as XML: its tick dates, its start, end and as-of labels, its
//! legend of events, the figures it states, and that no two of its text labels overlap (each
//! label's box estimated from its font size and its number of characters, as the chart lays
//! them out).

use assert_cmd::Command;

const AS_OF: &str = "2026-11-22";

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PENALTY_TODAY", AS_OF)
        .env_remove("PENALTY_AS_OF")
        .env_remove("COLUMNS");
    cmd
}

/// Runs penalty with `args` and returns the SVG it wrote to stdout.
fn svg(args: &[&str]) -> String {
    let out = penalty().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

/// One `<text>` element: its content, class and estimated box.
#[derive(Debug)]
struct Label {
    text: String,
    class: String,
    data_date: Option<String>,
    data_kind: Option<String>,
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

/// Every text label of `svg`, with the box it takes: 0.6 x the font size per character,
/// from the font size above the baseline to a quarter of it below.
fn labels(svg: &str) -> Vec<Label> {
    let doc = roxmltree::Document::parse(svg).expect("the chart parses as XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    // Self-contained: no script, no link to anything else.
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    assert!(
        !doc.descendants()
            .any(|n| n.attributes().any(|a| a.name() == "href"))
    );
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let num = |k: &str| n.attribute(k).unwrap().parse::<f64>().unwrap();
            let (x, y, size) = (num("x"), num("y"), num("font-size"));
            let text = n.text().unwrap_or("").to_string();
            let width = 0.6 * size * text.chars().count() as f64;
            let left = match n.attribute("text-anchor").unwrap() {
                "start" => x,
                "middle" => x - width / 2.0,
                "end" => x - width,
                other => panic!("anchor {other}"),
            };
            Label {
                class: n.attribute("class").unwrap_or("").to_string(),
                data_date: n.attribute("data-date").map(str::to_string),
                data_kind: n.attribute("data-kind").map(str::to_string),
                left,
                top: y - size,
                right: left + width,
                bottom: y + 0.25 * size,
                text,
            }
        })
        .collect()
}

/// Fails naming the first two labels whose boxes overlap.
fn assert_no_overlap(labels: &[Label]) {
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            let overlap =
                a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            assert!(!overlap, "{:?} overlaps {:?}", a.text, b.text);
        }
    }
}

fn texts_of<'a>(labels: &'a [Label], class: &str) -> Vec<&'a str> {
    labels
        .iter()
        .filter(|l| l.class == class)
        .map(|l| l.text.as_str())
        .collect()
}

fn tick_dates(labels: &[Label]) -> Vec<&str> {
    labels
        .iter()
        .filter(|l| l.class == "tick-label")
        .filter_map(|l| l.data_date.as_deref())
        .collect()
}

/// CNIL v. Clearview as of 2026-11-22: the fine of 20,000,000, the liquidation of 52 days x
/// 100,000 = 5,200,000, and 1,383 days accruing since 9 Feb 2023 x 100,000 = 138,300,000:
/// exposure 163,500,000, as `compute` gives it. Four years: ticks on 1 January.
#[test]
fn clearview_fr_has_year_ticks_its_dates_and_its_events() {
    let svg = svg(&[
        "schedule",
        "cases/clearview-fr.toml",
        "--as-of",
        AS_OF,
        "--format",
        "svg",
    ]);
    let labels = labels(&svg);
    assert_no_overlap(&labels);
    assert_eq!(
        texts_of(&labels, "title"),
        ["clearview-fr: cumulative exposure in EUR, as of 2026-11-22"]
    );
    assert_eq!(
        texts_of(&labels, "figures"),
        [
            "As of 2026-11-22: exposure EUR 163,500,000.00 = fines 20,000,000.00 + liquidated 5,200,000.00 + accruing 138,300,000.00"
        ]
    );
    assert_eq!(
        tick_dates(&labels),
        ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"]
    );
    assert_eq!(
        texts_of(&labels, "tick-label"),
        ["2023", "2024", "2025", "2026"]
    );
    assert_eq!(
        texts_of(&labels, "date-label"),
        ["start 2022-10-17", "end, as of 2026-11-22"]
    );
    assert_eq!(
        texts_of(&labels, "event"),
        [
            "2022-10-17  fine \"fine\" of EUR 20,000,000.00 (SAN-2022-019)",
            "2022-12-19  order \"stop-processing\": first day of delay",
            "2023-04-13  order \"stop-processing\": liquidation (SAN-2023-005), 2022-12-19 to 2023-02-08: EUR 5,200,000.00 ordered",
        ]
    );
    // One numbered marker per event above the plot, and again in the legend.
    assert_eq!(
        texts_of(&labels, "marker-number"),
        ["1", "2", "3", "1", "2", "3"]
    );
    assert!(texts_of(&labels, "legend").contains(&"accruing penalties (provisional)"));
    // Nothing after today: no projection.
    assert!(!svg.contains("projection"));
}

/// As of 2023-04-30, four months and a half from the fine: ticks on the first of each month.
/// In 2027, after today, the days from 2026-11-22 are shaded and marked.
#[test]
fn the_ticks_follow_the_span_and_a_projection_is_shaded() {
    let short = labels(&svg(&[
        "schedule",
        "cases/clearview-fr.toml",
        "--as-of",
        "2023-04-30",
        "--format",
        "svg",
    ]));
    assert_no_overlap(&short);
    assert_eq!(
        tick_dates(&short),
        [
            "2022-11-01",
            "2022-12-01",
            "2023-01-01",
            "2023-02-01",
            "2023-03-01",
            "2023-04-01"
        ]
    );
    assert_eq!(
        texts_of(&short, "tick-label")[..2],
        ["Nov 2022", "Dec 2022"]
    );

    let text = svg(&[
        "schedule",
        "cases/clearview-fr.toml",
        "--as-of",
        "2027-12-31",
        "--format",
        "svg",
    ]);
    let projected = labels(&text);
    assert_no_overlap(&projected);
    assert_eq!(texts_of(&projected, "projection-label"), ["projection"]);
    assert_eq!(
        texts_of(&projected, "date-label"),
        [
            "start 2022-10-17",
            "end, as of 2027-12-31",
            "today 2026-11-22"
        ]
    );
    assert!(text.contains("<rect class=\"projection\""));
    // 1,787 days accruing from 9 Feb 2023 to 31 Dec 2027 x 100,000 = 178,700,000.
    assert!(texts_of(&projected, "figures")[0].ends_with("accruing 178,700,000.00"));
}

/// The Conseil d'État's astreinte on air quality: liquidated at EUR 10M, 20M, 10M (half of
/// the 20M computed) and 0 (30M computed, waived): the chart ends at the 40M the court
/// ordered, not at the semesters computed.
#[test]
fn several_liquidations_show_the_amounts_ordered() {
    let svg = svg(&[
        "schedule",
        "cases/fr-ce-air-quality.toml",
        "--as-of",
        AS_OF,
        "--format",
        "svg",
    ]);
    let labels = labels(&svg);
    assert_no_overlap(&labels);
    assert_eq!(
        texts_of(&labels, "figures"),
        [
            "As of 2026-11-22: exposure EUR 40,000,000.00 = fines 0.00 + liquidated 40,000,000.00 + accruing 0.00"
        ]
    );
    assert_eq!(
        tick_dates(&labels),
        [
            "2021-01-01",
            "2022-01-01",
            "2023-01-01",
            "2024-01-01",
            "2025-01-01",
            "2026-01-01"
        ]
    );
    let events: Vec<(&str, &str)> = labels
        .iter()
        .filter(|l| l.class == "event")
        .map(|l| (l.data_kind.as_deref().unwrap(), l.text.as_str()))
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e.0).collect();
    // A long line wraps: its second line has the same kind.
    assert_eq!(
        kinds.iter().filter(|k| **k == "first day of delay").count(),
        1
    );
    assert_eq!(kinds.last(), Some(&"compliance"));
    let all: String = events.iter().map(|e| e.1).collect::<Vec<_>>().join(" ");
    for shown in [
        "2021-08-04  order \"air-quality-plans\": liquidation (CE, 4 August 2021, no. 428409), 2021-01-11 to 2021-07-10: EUR 10,000,000.00 ordered",
        "EUR 10,000,000.00 ordered (computed 20,000,000.00)",
        "EUR 0.00 ordered (computed 30,000,000.00)",
        "2025-04-25  order \"air-quality-plans\": complied",
    ] {
        assert!(all.contains(shown), "{shown} not in {all}");
    }
    assert_eq!(
        texts_of(&labels, "marker-number").len(),
        2 * 6,
        "six events: first day of delay, four liquidations, compliance"
    );
}

/// The labels of each panel, in order: those from a title down to the next.
fn panels(labels: &[Label]) -> Vec<Vec<&Label>> {
    let mut out: Vec<Vec<&Label>> = Vec::new();
    for l in labels {
        if l.class == "title" {
            out.push(Vec::new());
        }
        if let Some(panel) = out.last_mut() {
            panel.push(l);
        }
    }
    out
}

/// The whole library by company as of 2026-11-22, in EUR: one panel per company, each ending
/// at the exposure `compute cases/ --by company` gives (GBP 7,552,800 / 0.8338 =
/// 9,058,287.36 and SEK 2,500,000 / 10.978 = 227,728.18 converted as compute converts them),
/// and no label of any panel over another.
#[test]
fn the_library_by_company_has_a_panel_per_company_ending_at_its_exposure() {
    let by_company = labels(&svg(&[
        "chart", "cases/", "--by", "company", "--as-of", AS_OF,
    ]));
    assert_no_overlap(&by_company);
    let panels = panels(&by_company);
    let heads: Vec<(&str, &str)> = panels
        .iter()
        .map(|p| {
            let title = p[0].text.as_str();
            let figures = p.iter().find(|l| l.class == "figures").unwrap();
            (title, figures.text.as_str())
        })
        .collect();
    let expected = [
        (
            "Clearview AI Inc.",
            "243,058,287.36 = fines 99,558,287.36 + liquidated 5,200,000.00 + accruing 138,300,000.00",
        ),
        (
            "French State",
            "40,000,000.00 = fines 0.00 + liquidated 40,000,000.00 + accruing 0.00",
        ),
        (
            "Hungary",
            "1,093,000,000.00 = fines 200,000,000.00 + liquidated 93,000,000.00 + accruing 800,000,000.00",
        ),
        (
            "Italian Republic",
            "421,800,000.00 = fines 40,000,000.00 + liquidated 16,000,000.00 + accruing 365,800,000.00",
        ),
        (
            "Polismyndigheten",
            "227,728.18 = fines 227,728.18 + liquidated 0.00 + accruing 0.00",
        ),
        (
            "Republic of Poland",
            "625,000,000.00 = fines 0.00 + liquidated 315,000,000.00 + accruing 310,000,000.00",
        ),
        (
            "Uber Technologies Inc.",
            "300,600,000.00 = fines 300,600,000.00 + liquidated 0.00 + accruing 0.00",
        ),
    ];
    assert_eq!(heads.len(), expected.len(), "{heads:#?}");
    for ((title, figures), (company, exposure)) in heads.iter().zip(expected) {
        assert_eq!(
            *title,
            format!("{company}: cumulative exposure in EUR, as of 2026-11-22")
        );
        assert_eq!(
            *figures,
            format!("As of 2026-11-22: exposure EUR {exposure}")
        );
    }
    // Clearview, from the Italian fine of 10 Feb 2022: ticks on 1 January, and every event
    // of its five cases in the legend, each named by its case.
    let clearview = &panels[0];
    let ticks: Vec<&str> = clearview
        .iter()
        .filter(|l| l.class == "tick-label")
        .filter_map(|l| l.data_date.as_deref())
        .collect();
    assert_eq!(
        ticks,
        ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"]
    );
    let dates: Vec<&str> = clearview
        .iter()
        .filter(|l| l.class == "date-label")
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(dates, ["start 2022-02-10", "end, as of 2026-11-22"]);
    let events: String = clearview
        .iter()
        .filter(|l| l.class == "event")
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for shown in [
        "2022-02-10  clearview-it: fine \"fine\" of EUR 20,000,000.00",
        "2022-05-18  clearview-uk: fine \"monetary-penalty\" of GBP 7,552,800.00",
        "2023-04-13  clearview-fr: order \"stop-processing\": liquidation (SAN-2023-005)",
        "2023-10-17  clearview-uk: fine \"monetary-penalty\" annulled",
        "2024-05-16  clearview-nl: fine \"fine\" of EUR 30,500,000.00",
        "2025-10-06  clearview-uk: fine \"monetary-penalty\" reinstated",
    ] {
        assert!(events.contains(shown), "{shown} not in {events}");
    }

    // In total, one panel: 2,723,686,015.54, the grand total of compute.
    let total = labels(&svg(&["chart", "cases/", "--as-of", AS_OF]));
    assert_no_overlap(&total);
    assert_eq!(
        texts_of(&total, "title"),
        ["All cases: cumulative exposure in EUR, as of 2026-11-22"]
    );
    assert!(
        texts_of(&total, "figures")[0]
            .starts_with("As of 2026-11-22: exposure EUR 2,723,686,015.54 = ")
    );
}

#[test]
fn chart_writes_svg_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.png");
    let out = penalty()
        .args(["chart", "cases/", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: -o {}: penalty chart writes SVG; name a .svg file (compute writes .png reports)\n",
            path.display()
        )
    );
    assert!(!path.exists());
    let svg = dir.path().join("x.svg");
    penalty()
        .args(["chart", "cases/clearview-fr.toml", "--as-of", AS_OF, "-o"])
        .arg(&svg)
        .assert()
        .success()
        .stdout("");
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg "));
}

/// The grand total's last point is compute's, in another currency and with each amount
/// converted on the day it arose too: fines, liquidated and accruing as the JSON report
/// gives them (in GBP as of 2026-11-22: exposure 2,715,925,079.76).
#[test]
fn the_total_ends_at_computes_figures_in_any_currency_and_fx_date() {
    for extra in [
        &["--currency", "GBP"][..],
        &["--fx-date", "decided"][..],
        &[][..],
    ] {
        let out = penalty()
            .args(["compute", "cases/", "--as-of", AS_OF, "--format", "json"])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let figure = |key: &str| {
            let plain = report["total"][key].as_str().unwrap().to_string();
            let (int, dec) = plain.split_once('.').unwrap();
            let mut grouped = String::new();
            for (i, c) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            format!("{grouped}.{dec}")
        };
        let currency = report["currency"].as_str().unwrap();
        let expected = format!(
            "As of 2026-11-22: exposure {currency} {} = fines {} + liquidated {} + accruing {}",
            figure("exposure"),
            figure("fines"),
            figure("liquidated"),
            figure("accruing")
        );
        let chart = labels(&svg(
            &[&["chart", "cases/", "--as-of", AS_OF][..], extra].concat()
        ));
        assert_eq!(
            texts_of(&chart, "figures"),
            [expected.as_str()],
            "{extra:?}"
        );
    }
}

/// Ten copies of the library (each case under another id): 10 x its events, more than the 99
/// a chart marks. Liquidations and fines come first; the rest is counted under the legend,
/// and still no label overlaps another.
#[test]
fn a_large_portfolio_marks_99_events_and_counts_the_rest() {
    let once = labels(&svg(&["chart", "cases/", "--as-of", AS_OF]));
    let events = texts_of(&once, "marker-number").len() / 2;
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for sub in ["cases", "cases/eu"] {
        for entry in std::fs::read_dir(sub).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    for copy in 0..10 {
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            let (head, rest) = text.split_once("\nid = \"").unwrap();
            let renamed = format!("{head}\nid = \"copy{copy}-{rest}");
            let name = format!("{copy}-{}", file.file_name().unwrap().to_str().unwrap());
            std::fs::write(dir.path().join(name), renamed).unwrap();
        }
    }
    let many = labels(&svg(&[
        "chart",
        dir.path().to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]));
    assert_no_overlap(&many);
    assert_eq!(texts_of(&many, "marker-number").len(), 2 * 99);
    assert_eq!(
        texts_of(&many, "hidden-events"),
        [format!(
            "{} more events are not marked: a chart marks at most 99, liquidations and fines first.",
            10 * events - 99
        )
        .as_str()]
    );
    // Ten times the library's exposure: 10 x 2,723,686,015.54.
    assert!(
        texts_of(&many, "figures")[0]
            .starts_with("As of 2026-11-22: exposure EUR 27,236,860,155.40 = ")
    );
}

/// `--order` charts that order alone: no fine, and its title says so. As of 2023-04-30:
/// 5,200,000 liquidated + 81 days x 100,000 = 8,100,000 accruing.
#[test]
fn one_order_is_charted_without_the_fine() {
    let labels = labels(&svg(&[
        "schedule",
        "cases/clearview-fr.toml",
        "--order",
        "stop-processing",
        "--as-of",
        "2023-04-30",
        "--format",
        "svg",
    ]));
    assert_no_overlap(&labels);
    assert_eq!(
        texts_of(&labels, "title"),
        ["clearview-fr, order stop-processing: cumulative exposure in EUR, as of 2023-04-30"]
    );
    assert_eq!(
        texts_of(&labels, "figures"),
        [
            "As of 2023-04-30: exposure EUR 13,300,000.00 = fines 0.00 + liquidated 5,200,000.00 + accruing 8,100,000.00"
        ]
    );
    // From the order's decision, 2022-10-17 (its first day of delay is 2022-12-19).
    assert_eq!(
        texts_of(&labels, "date-label"),
        ["start 2022-10-17", "end, as of 2023-04-30"]
    );
}
