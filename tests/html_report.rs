//! The HTML report (`compute --format html`, `-o report.html`), opened in a real browser:
//! headless Chromium renders the page of the shipped cases, the rendered DOM must hold the
//! headline exposure and every case id, a screenshot is saved where the CI log says, and any
//! console message (a script error, a blocked external load) fails the test.
//!
//! Without Chromium the browser tests fail under CI (`CI=true`), and are skipped with a
//! notice elsewhere. `.ci/run` installs Debian's `chromium`; `PENALTY_CHROMIUM` names
//! another binary.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-11-22";

/// `penalty` run from the crate root, with the as-of date and today fixed.
fn penalty() -> Command {
    let mut cmd = assert_cmd::cargo_bin_cmd!("penalty");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PENALTY_AS_OF", AS_OF)
        .env("PENALTY_TODAY", AS_OF)
        .env("PENALTY_RATES_DIR", empty_rates_dir());
    cmd
}

/// A rates directory holding no stored update, so the figures rest on the shipped history.
fn empty_rates_dir() -> PathBuf {
    let dir = target_dir().join("html-report-no-rates");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn target_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let _ = std::fs::create_dir_all(&target);
    target
}

/// The Chromium to drive, or `None` (after a notice) when there is none outside CI.
fn chromium() -> Option<PathBuf> {
    let candidates = std::env::var_os("PENALTY_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from));
    for c in candidates {
        if c.is_file() {
            return Some(c);
        }
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "the HTML report's browser test needs Chromium under CI: install it (apt-get install -y chromium, as .ci/run does) or set PENALTY_CHROMIUM"
    );
    eprintln!(
        "notice: Chromium not found (/usr/bin/chromium, or PENALTY_CHROMIUM): skipping the browser test of the HTML report"
    );
    None
}

/// What headless Chromium made of a page: its stdout (the DOM with `--dump-dom`) and the
/// console messages it logged.
struct Rendered {
    stdout: String,
    console: Vec<String>,
}

/// Opens `page` in headless Chromium with `extra` flags, in a profile of its own.
fn open(chromium: &Path, page: &Path, extra: &[&str]) -> Rendered {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(&url)
        .output()
        .expect("cannot run chromium");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "chromium failed ({}) on {url}:\n{stderr}",
        out.status
    );
    Rendered {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        console: console_errors(&stderr),
    }
}

/// The lines of Chromium's log that report a console message or an uncaught error. The
/// report has no script, so it should log none at all: a blocked load, a parse error or a
/// script that slipped through escaping would show here.
fn console_errors(log: &str) -> Vec<String> {
    log.lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .map(str::to_string)
        .collect()
}

/// Writes the HTML report of `args` to `page`.
fn write_report(page: &Path, args: &[&str]) {
    penalty()
        .args(["compute"])
        .args(args)
        .args(["--as-of", AS_OF, "--format", "html", "-o"])
        .arg(page)
        .assert()
        .success();
}

#[test]
fn the_report_renders_in_a_browser_with_its_figures_and_no_console_error() {
    let Some(chromium) = chromium() else {
        return;
    };
    let target = target_dir();
    let page = target.join("html-report.html");
    write_report(&page, &["cases/"]);

    // What the page must show, from the JSON report of the same cases: the total exposure
    // and every case id. The seven cases of the Clearview, police and Uber files alone sum to
    // 543,886,015.54 (html_snapshot and docs/reports.md check their parts).
    let json: serde_json::Value = serde_json::from_slice(
        &penalty()
            .args(["compute", "cases/", "--as-of", AS_OF, "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let exposure: rust_decimal::Decimal =
        json["total"]["exposure"].as_str().unwrap().parse().unwrap();
    let ids: Vec<&str> = json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() >= 7, "{ids:?}");

    let dom = open(&chromium, &page, &["--dump-dom"]);
    assert!(dom.console.is_empty(), "console errors: {:#?}", dom.console);
    let headline = format!(
        "<div class=\"figure main\" id=\"exposure\"><div class=\"label\">Exposure</div><div class=\"value\">EUR {}</div></div>",
        penalty::report::format_amount(exposure)
    );
    assert!(
        dom.stdout.contains(&headline),
        "the headline exposure is not in the rendered page: {headline}"
    );
    for id in &ids {
        assert!(
            dom.stdout.contains(&format!(
                "<article class=\"case\" id=\"case-{id}\"><h3>{id}</h3>"
            )),
            "case {id} is not in the rendered page"
        );
        assert!(
            dom.stdout
                .contains(&format!("<td><a href=\"#case-{id}\">{id}</a></td>")),
            "case {id} is not in the case table"
        );
    }
    // The chart of clearview-fr is drawn inline, and the rates used are listed.
    assert!(
        dom.stdout
            .contains("clearview-fr: cumulative exposure in EUR, as of 2026-11-22")
    );
    assert!(
        dom.stdout
            .contains("<li>1 EUR = 0.8338 GBP (ECB, 2026-10-30), stale</li>")
    );

    let shot = target.join("html-report.png");
    let _ = std::fs::remove_file(&shot);
    let rendered = open(
        &chromium,
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1920,2600",
        ],
    );
    assert!(
        rendered.console.is_empty(),
        "console errors: {:#?}",
        rendered.console
    );
    let png = std::fs::read(&shot).expect("no screenshot written");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "the screenshot is not a PNG"
    );
    println!("screenshot of the HTML report: {}", shot.display());
    eprintln!("screenshot of the HTML report: {}", shot.display());
}

/// Markup in a case file shows as text: no element, no script, no console message.
#[test]
fn markup_in_a_case_file_is_shown_as_text_in_the_browser() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("evil.toml");
    std::fs::write(
        &case,
        r#"[case]
id = "evil"
company = "<script>console.error('owned')</script>Evil & Co"
jurisdiction = "FR"
currency = "EUR"
sources = ["<img src=x onerror=alert(1)>", "javascript:alert(1)", "example.org/a?b=1&c=2"]

[[fine]]
id = "fine"
amount = "1000"
decided = 2024-01-10
"#,
    )
    .unwrap();
    let page = dir.path().join("evil.html");
    write_report(&page, &[case.to_str().unwrap()]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<script"), "a script element was written");
    assert!(!html.contains("<img"), "an img element was written");
    assert!(
        !html.contains("href=\"javascript:"),
        "a javascript: link was written"
    );
    assert!(html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\""));

    let dom = open(&chromium, &page, &["--dump-dom"]);
    assert!(dom.console.is_empty(), "console errors: {:#?}", dom.console);
    assert!(
        dom.stdout
            .contains("<td>&lt;script&gt;console.error('owned')&lt;/script&gt;Evil &amp; Co</td>"),
        "the company name is not shown as text"
    );
    assert!(
        dom.stdout
            .contains("<li>&lt;img src=x onerror=alert(1)&gt;</li>")
    );
    // 1,000.00: the one fine, enforceable.
    assert!(
        dom.stdout
            .contains("<div class=\"value\">EUR 1,000.00</div>")
    );
}

/// The console check catches what it is there to catch: a page with an uncaught error and
/// a blocked external image logs both.
#[test]
fn the_console_check_catches_script_errors_and_blocked_loads() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"img-src data:\"></head>\
         <body><img src=\"https://example.invalid/a.png\"><script>notDefined()</script></body></html>",
    )
    .unwrap();
    let dom = open(&chromium, &page, &["--dump-dom"]);
    assert!(
        dom.console
            .iter()
            .any(|l| l.contains("Uncaught ReferenceError")),
        "{:#?}",
        dom.console
    );
    assert!(
        dom.console.iter().any(|l| l.contains("example.invalid")),
        "{:#?}",
        dom.console
    );
}

/// The page of two cases with fines only, in other currencies: the layout, the conversions
/// and the rates used (GBP 7,552,800 / 0.8338 = 9,058,287.36; SEK 2,500,000 / 10.978 =
/// 227,728.18), without a chart.
#[test]
fn html_snapshot() {
    let out = penalty()
        .args([
            "compute",
            "cases/clearview-uk.toml",
            "cases/polismyndigheten-se.toml",
            "--as-of",
            AS_OF,
            "--format",
            "html",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).unwrap();
    // The style sheet is long and says nothing about the figures.
    let start = html.find("<style>").unwrap();
    let end = html.find("</style>").unwrap();
    let html = format!("{}<style>...</style>{}", &html[..start], &html[end + 8..]);
    let html = html.replace(env!("CARGO_PKG_VERSION"), "VERSION");
    insta::assert_snapshot!("compute_html", html);
}

/// A projection and a what-if each get their banner, and the chart is drawn under the
/// what-if: clearview-fr complied on 2023-03-01 accrues from 9 Feb to 28 Feb 2023 after its
/// liquidation, 20 days x 100,000 = 2,000,000, so its exposure is 20,000,000 (fine) +
/// 5,200,000 (liquidated) + 2,000,000 = 27,200,000.
#[test]
fn projection_and_what_if_banners() {
    let out = penalty()
        .env("PENALTY_TODAY", "2026-11-01")
        .args([
            "compute",
            "cases/clearview-fr.toml",
            "--as-of",
            AS_OF,
            "--assume-compliance",
            "2023-03-01",
            "--format",
            "html",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).unwrap();
    assert!(html.contains("<p class=\"banner projection\" id=\"projection\">Projection:"));
    assert!(html.contains("<p class=\"banner whatif\">What-if: "));
    assert!(html.contains("<figure aria-label=\"Cumulative penalties of clearview-fr\">"));
    assert!(html.contains("id=\"exposure\"><div class=\"label\">Exposure</div><div class=\"value\">EUR 27,200,000.00</div>"));
}

/// `--columns` chooses the columns of the page's tables, and filters are named in a banner:
/// clearview-fr alone, exposure 20,000,000 + 5,200,000 + 1,383 days x 100,000 =
/// 163,500,000.
#[test]
fn columns_and_filters_shape_the_page() {
    let out = penalty()
        .args([
            "compute",
            "cases/",
            "--case",
            "clearview-fr",
            "--by",
            "case",
            "--columns",
            "exposure,outstanding",
            "--as-of",
            AS_OF,
            "--format",
            "html",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).unwrap();
    assert!(
        html.contains("<p class=\"banner selected\" id=\"selected\">Selected: "),
        "{html}"
    );
    assert!(html.contains(
        "<thead><tr><th scope=\"col\">Case</th><th scope=\"col\" class=\"n\">Exposure</th><th scope=\"col\" class=\"n\">Outstanding</th></tr></thead>"
    ));
    assert!(html.contains(
        "<tr><td><a href=\"#case-clearview-fr\">clearview-fr</a></td><td class=\"n\">163,500,000.00</td><td class=\"n\">25,200,000.00</td></tr>"
    ));
    assert!(
        !html.contains("id=\"companies\""),
        "--by case shows only the case table"
    );
}
