//! The HTML report (`--format html`, `-o report.html`): one self-contained page to share or
//! attach, readable in any browser without a network. It holds the headline figures, the
//! tables by case, company and jurisdiction (or only the grouping chosen with `--by`, and
//! the columns chosen with `--columns`), the projection, selection and what-if banners, each case's sources (as links when they name a web
//! address), its chart when one was drawn, the rates used and what was counted zero.
//!
//! The page loads nothing: its style is inline, it has no script, and a Content Security
//! Policy forbids fetching anything, so a page passed around by e-mail shows the same
//! everywhere. Every string that comes from a case file is escaped before it is written.

use super::columns::{FIGURES, Row, Value, case_rows, group_rows, row_name, selected};
use super::{By, Meta, Render, annulled_fines, annulled_words, shows};
use crate::exposure::Report;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The page's style: system fonts, right-aligned figures, a table that scrolls sideways on a
/// narrow screen rather than wrapping its rows, and printable.
const STYLE: &str = "
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1d1d1f; margin: 0; background: #f6f7f9; }
main { max-width: 1880px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 32px 0 8px; }
h3 { font-size: 1.05em; margin: 0 0 6px; }
.sub { color: #555; margin: 0 0 16px; }
.banner { border-radius: 6px; padding: 10px 14px; margin: 8px 0; font-weight: 600; }
.projection { background: #fff4ce; border: 1px solid #e0b400; }
.whatif { background: #e8f0fe; border: 1px solid #4a7bd0; }
.selected { background: #eef7ee; border: 1px solid #5a9a5a; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 12px; margin: 16px 0; }
.figure { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 12px 14px; }
.figure .label { color: #555; font-size: 0.85em; }
.figure .value { font-size: 1.1em; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
.figure.main { border-color: #1d1d1f; }
.scroll { overflow-x: auto; background: #fff; border: 1px solid #dde1e6; border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; }
th, td { padding: 5px 6px; border-bottom: 1px solid #eceef1; white-space: nowrap; }
th { text-align: left; background: #f0f2f5; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; border-top: 2px solid #1d1d1f; }
.case { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 14px; margin: 12px 0; }
.case dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
.case dt { color: #555; }
.case dd { margin: 0; }
.case ul { margin: 4px 0 8px; padding-left: 20px; }
figure { margin: 8px 0 0; }
figure svg { max-width: 100%; height: auto; }
.note { color: #444; }
footer { color: #666; font-size: 0.85em; margin-top: 32px; }
@media print { body { background: #fff; } .scroll, .case, .figure { border-color: #999; } }
";

/// Renders a report as one HTML page.
#[derive(Debug, Clone, Default)]
pub struct HtmlRenderer {
    /// Charts to show in each case's section: SVG documents by case id, drawn by the caller
    /// (renderers never compute a timeline). A case without one has no chart.
    pub charts: BTreeMap<String, String>,
    /// Said above the cases when charts were left out, and why.
    pub chart_note: Option<String>,
}

/// Escapes text for HTML content and attribute values; a control character or a
/// bidirectional override is shown as `\u{...}`, as every other format shows it.
pub fn escape(text: &str) -> String {
    let text = crate::text::escape(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The web address a source names, if it names one: the source itself when it begins with
/// `http://` or `https://` (up to the first space), or a leading host such as `next.ink/1126`
/// or `gdprhub.eu` (before a comma or space), given `https://`. Anything else, such as
/// "CNIL press release, 20 Oct 2022", is no address, and no other scheme is ever linked.
pub fn source_address(source: &str) -> Option<String> {
    let source = source.trim();
    let first = source.split_whitespace().next()?;
    let lower = first.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        let rest = first.split_once("://").map_or("", |(_, r)| r);
        return (!rest.is_empty()).then(|| first.to_string());
    }
    let token = first.trim_end_matches([',', ';', '.', ':']);
    let (host, path) = token.split_once('/').unwrap_or((token, ""));
    let labels: Vec<&str> = host.split('.').collect();
    let host_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    let path_ok = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~/%?=&#+".contains(c));
    (host_ok && path_ok).then(|| {
        if path.is_empty() {
            format!("https://{host}/")
        } else {
            format!("https://{host}/{path}")
        }
    })
}

/// A table of `kind` with the id `id` under `title`: the rows, then the grand total. Words
/// are left-aligned, amounts right-aligned; a case's id links to its details.
fn table(
    out: &mut String,
    id: &str,
    title: &str,
    kind: By,
    rows: &[Row<'_>],
    r: &Report,
    meta: &Meta,
) {
    let numbers = meta.formatting.numbers;
    let keys: &[&str] = match kind {
        By::Case => &["case", "jurisdiction"],
        By::Company => &["company"],
        By::Jurisdiction => &["jurisdiction"],
    };
    let default: Vec<&str> = keys.iter().chain(FIGURES.iter()).copied().collect();
    let columns = selected(kind, &default, meta.columns.as_deref());
    let _ = write!(
        out,
        "<section id=\"{id}\"><h2>{title}</h2><div class=\"scroll\"><table><thead><tr>"
    );
    for c in &columns {
        let _ = write!(
            out,
            "<th scope=\"col\"{}>{}</th>",
            if c.is_amount() { " class=\"n\"" } else { "" },
            escape(c.header)
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    let line = |out: &mut String, row: &Row<'_>, total: bool| {
        out.push_str(if total {
            "<tr class=\"total\">"
        } else {
            "<tr>"
        });
        for c in &columns {
            let text = match c.value {
                Value::Amount(get) => numbers.amount(get(row.totals)),
                Value::MaybeAmount(get) => get(row.totals)
                    .map(|a| numbers.amount(a))
                    .unwrap_or_default(),
                Value::MaybeDate(get) => get(row.totals).map(|d| d.to_string()).unwrap_or_default(),
                Value::Text(_) if total && c.name == row_name(kind) => "Total".to_string(),
                Value::Text(_) if total => String::new(),
                Value::Text(get) => get(row),
            };
            let text = escape(&text);
            if c.is_amount() {
                let _ = write!(out, "<td class=\"n\">{text}</td>");
            } else if kind == By::Case && !total && c.name == "case" {
                let _ = write!(out, "<td><a href=\"#case-{text}\">{text}</a></td>");
            } else {
                let _ = write!(out, "<td>{text}</td>");
            }
        }
        out.push_str("</tr>\n");
    };
    for row in rows {
        line(out, row, false);
    }
    let total = Row {
        kind,
        key: "Total",
        case: None,
        cases: r.cases.len(),
        totals: &r.total,
        report: r,
        meta,
    };
    line(out, &total, true);
    out.push_str("</tbody></table></div></section>\n");
}

impl Render for HtmlRenderer {
    fn render(&self, r: &Report, meta: &Meta) -> anyhow::Result<String> {
        let numbers = meta.formatting.numbers;
        let cur = r.currency;
        let money = |amount| escape(&numbers.money(amount, cur));
        let mut out = String::with_capacity(16_384 + r.cases.len() * 2_048);
        let title = format!("Exposure as of {}, in {cur}", r.as_of);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
             <meta name=\"generator\" content=\"penalty {}\">\n\
             <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
            env!("CARGO_PKG_VERSION")
        );
        let _ = writeln!(out, "<h1>{title}</h1>");
        let _ = writeln!(
            out,
            "<p class=\"sub\">{} {} computed by penalty as of the end of {}.</p>",
            r.cases.len(),
            if r.cases.len() == 1 { "case" } else { "cases" },
            r.as_of
        );
        if meta.projection {
            out.push_str(
                "<p class=\"banner projection\" id=\"projection\">Projection: the as-of date is in the future; these figures assume nothing changes until then.</p>\n",
            );
        }
        if !meta.filters.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"banner selected\" id=\"selected\">Selected: {}</p>",
                escape(&meta.filters.join("; "))
            );
        }
        for o in &meta.overrides {
            let _ = writeln!(out, "<p class=\"banner whatif\">What-if: {}</p>", escape(o));
        }
        if r.fx_date == crate::exposure::FxDate::Decided {
            out.push_str(
                "<p class=\"note\">Converted at the rate of the day each amount arose (--fx-date decided); accruing penalties at the as-of date.</p>\n",
            );
        }

        // The headline: what a reader looks for first.
        let t = &r.total;
        out.push_str("<section class=\"headline\" id=\"headline\">\n");
        for (id, label, amount, main) in [
            ("exposure", "Exposure", t.exposure(), true),
            ("outstanding", "Outstanding", t.outstanding(), false),
            ("fines", "Fines", t.fines(), false),
            ("penalties", "Penalties", t.penalties(), false),
            ("run-rate", "Run rate per day", t.run_rate, false),
            ("at-risk", "At risk", t.at_risk, false),
        ] {
            let _ = writeln!(
                out,
                "<div class=\"figure{}\" id=\"{id}\"><div class=\"label\">{label}</div><div class=\"value\">{}</div></div>",
                if main { " main" } else { "" },
                money(amount)
            );
        }
        if let Some(next) = t.next_forfeiture {
            let _ = writeln!(
                out,
                "<div class=\"figure\" id=\"next-forfeiture\"><div class=\"label\">Next forfeiture</div><div class=\"value\">{}</div><div class=\"label\">on {}</div></div>",
                money(next.amount),
                next.date
            );
        }
        out.push_str("</section>\n");

        if shows(meta, By::Case) {
            let rows = case_rows(r, meta);
            table(&mut out, "cases", "Cases", By::Case, &rows, r, meta);
        }
        for (grouping, id, title) in [
            (By::Company, "companies", "Companies"),
            (By::Jurisdiction, "jurisdictions", "Jurisdictions"),
        ] {
            if !shows(meta, grouping) {
                continue;
            }
            let rows = group_rows(r, grouping, meta);
            table(&mut out, id, title, grouping, &rows, r, meta);
        }

        let annulled: Vec<String> = annulled_fines(r)
            .map(|(c, f, on)| {
                escape(&format!(
                    "{}/{} ({}, {})",
                    c.id,
                    f.id,
                    numbers.money(f.amount, c.currency),
                    annulled_words(on)
                ))
            })
            .collect();
        if !annulled.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"note\" id=\"counted-zero\">Counted zero: {}.</p>",
                annulled.join("; ")
            );
        }
        let _ = writeln!(out, "<p class=\"note\">{}</p>", super::EXPOSURE_NOTE);
        if let Some(owed) = super::owed_words(&r.total, meta.formatting.numbers) {
            let _ = writeln!(out, "<p class=\"note\" id=\"owed\">{}</p>", escape(&owed));
        }

        out.push_str("<section id=\"case-details\"><h2>Cases in detail</h2>\n");
        if let Some(note) = &self.chart_note {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
        }
        for c in &r.cases {
            let id = escape(&c.id);
            let _ = writeln!(
                out,
                "<article class=\"case\" id=\"case-{id}\"><h3>{id}</h3><dl>"
            );
            let _ = writeln!(out, "<dt>Company</dt><dd>{}</dd>", escape(&c.company));
            let _ = writeln!(
                out,
                "<dt>Jurisdiction</dt><dd>{}</dd>",
                escape(&c.jurisdiction)
            );
            if let Some(a) = &c.authority {
                let _ = writeln!(out, "<dt>Authority</dt><dd>{}</dd>", escape(a));
            }
            let _ = writeln!(
                out,
                "<dt>Exposure</dt><dd>{}</dd><dt>Outstanding</dt><dd>{}</dd>",
                money(c.totals.exposure()),
                money(c.totals.outstanding())
            );
            if c.currency != cur {
                let _ = writeln!(
                    out,
                    "<dt>In {}</dt><dd>exposure {}</dd>",
                    c.currency,
                    escape(&numbers.money(c.own.exposure(), c.currency))
                );
            }
            let _ = writeln!(
                out,
                "<dt>File</dt><dd><code>{}</code></dd></dl>",
                escape(&c.path.display().to_string())
            );
            if !c.sources.is_empty() {
                out.push_str("<div>Sources:</div><ul class=\"sources\">\n");
                for s in &c.sources {
                    match source_address(s) {
                        Some(href) => {
                            let _ = writeln!(
                                out,
                                "<li><a href=\"{}\" rel=\"noopener noreferrer\">{}</a></li>",
                                escape(&href),
                                escape(s)
                            );
                        }
                        None => {
                            let _ = writeln!(out, "<li>{}</li>", escape(s));
                        }
                    }
                }
                out.push_str("</ul>\n");
            }
            if let Some(svg) = self.charts.get(&c.id) {
                // The chart is SVG markup drawn by `chart::svg`, which escapes its own text.
                let _ = writeln!(
                    out,
                    "<figure aria-label=\"Cumulative penalties of {id}\">{}</figure>",
                    strip_xml_declaration(svg)
                );
            }
            out.push_str("</article>\n");
        }
        out.push_str("</section>\n");

        out.push_str("<section id=\"rates\"><h2>Rates used</h2>\n");
        if r.rates.is_empty() {
            let _ = writeln!(
                out,
                "<p>None: every amount is in {cur}, so no conversion was needed.</p>"
            );
        } else {
            out.push_str("<ul>\n");
            for rate in &r.rates {
                let _ = writeln!(
                    out,
                    "<li>{}</li>",
                    escape(&super::rate_words(rate, numbers))
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
        let _ = writeln!(
            out,
            "<footer>Written by penalty {} from {} case {}.</footer>",
            env!("CARGO_PKG_VERSION"),
            r.cases.len(),
            if r.cases.len() == 1 { "file" } else { "files" }
        );
        out.push_str("</main>\n</body>\n</html>\n");
        Ok(out)
    }
}

/// An SVG document without its `<?xml ...?>` declaration, to sit inside an HTML page.
fn strip_xml_declaration(svg: &str) -> &str {
    let s = svg.trim_start();
    if s.starts_with("<?xml") {
        s.find("?>").map_or(s, |end| s.get(end + 2..).unwrap_or(s))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(escape("a\u{1b}[2Jb\u{202e}"), "a\\u{1b}[2Jb\\u{202e}");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            source_address("https://www.cnil.fr/fr/x?y=1 (press release)").as_deref(),
            Some("https://www.cnil.fr/fr/x?y=1")
        );
        assert_eq!(
            source_address("next.ink/1126").as_deref(),
            Some("https://next.ink/1126")
        );
        assert_eq!(
            source_address("gdprhub.eu, CNIL - SAN-2023-005").as_deref(),
            Some("https://gdprhub.eu/")
        );
        assert_eq!(source_address("CNIL press release, 20 Oct 2022"), None);
        assert_eq!(source_address("javascript:alert(1)"), None);
        assert_eq!(source_address("data:text/html,<b>"), None);
        assert_eq!(source_address("Reg. 1/2003"), None);
        assert_eq!(source_address("C-533/11"), None);
        assert_eq!(source_address(""), None);
    }

    #[test]
    fn the_xml_declaration_is_dropped() {
        assert_eq!(
            strip_xml_declaration("<?xml version=\"1.0\"?>\n<svg/>"),
            "\n<svg/>"
        );
        assert_eq!(strip_xml_declaration("<svg/>"), "<svg/>");
    }
}
