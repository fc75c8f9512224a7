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
