//! Warnings about cases that load and compute but probably do not say what their author
//! meant: ids that differ only in letter case (`acme` and `ACME` are two cases, or a fine and
//! an order that look like one), and a liquidation whose window holds no day of delay because
//! it starts on or after the day the order was complied with or lifted. `penalty check` prints
//! them; they never change a figure.
//!
//! Like the statutory-limit warnings, they follow from the cases alone; a case's file is read
//! again only to point at the value, when there is something to say.

use super::diag::Diagnostic;
use super::raw::RawFile;
use super::{Case, raw_tables};
use std::collections::BTreeMap;
use std::ops::Range;

/// What a warning points at in a case's file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// The case's `id`.
    CaseId,
    /// The `id` of the fine or order with this id.
    Id(String),
    /// The `from` of an order's liquidation, by its window's first day.
    Liquidation {
        order: String,
        from: chrono::NaiveDate,
    },
}

/// Every warning about `cases`, in the order of their files and, within a file, of their
/// place in it.
pub fn warnings(cases: &[Case]) -> Vec<Diagnostic> {
    let mut findings: BTreeMap<usize, Vec<(Target, String)>> = BTreeMap::new();
    for (i, message) in case_id_findings(cases) {
        findings
            .entry(i)
            .or_default()
            .push((Target::CaseId, message));
    }
    for (i, case) in cases.iter().enumerate() {
        let own = id_findings(case)
            .into_iter()
            .chain(liquidation_findings(case));
        findings.entry(i).or_default().extend(own);
    }
    let mut out = Vec::new();
    for (i, found) in findings {
        if found.is_empty() {
            continue;
        }
        let Some(case) = cases.get(i) else { continue };
        let source = std::fs::read_to_string(&case.path).ok();
        let raw = source.as_deref().map(|s| raw_tables(&case.path, s));
        let mut located: Vec<Diagnostic> = found
            .into_iter()
            .map(
                |(target, message)| match (raw.as_ref().and_then(|r| span(r, &target)), &source) {
                    (Some(span), Some(text)) => Diagnostic::at(&case.path, text, span, message),
                    _ => Diagnostic::file(&case.path, message),
                },
            )
            .collect();
        located.sort_by_key(|d| d.position);
        out.extend(located);
    }
    out.sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
    out
}

/// Case ids that differ only in letter case from another case's: each is reported but the
/// first (in path order), naming the first.
fn case_id_findings(cases: &[Case]) -> Vec<(usize, String)> {
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by(|&a, &b| cases[a].path.cmp(&cases[b].path));
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for i in order {
        let case = &cases[i];
        match first.get(&case.id.to_lowercase()) {
            Some(&j) if cases[j].id != case.id => out.push((
                i,
                format!(
                    "case id \"{}\" differs only in letter case from \"{}\" ({}): ids are compared exactly, so these are two cases",
                    case.id,
                    cases[j].id,
                    cases[j].path.display()
                ),
            )),
            Some(_) => {}
            None => {
                first.insert(case.id.to_lowercase(), i);
            }
        }
    }
    out
}

/// Fine and order ids of one case that differ only in letter case from an earlier one.
fn id_findings(case: &Case) -> Vec<(Target, String)> {
    let ids = case
        .fines
        .iter()
        .map(|f| ("fine", &f.id))
        .chain(case.orders.iter().map(|o| ("order", &o.id)));
    let mut first: BTreeMap<String, (&str, &String)> = BTreeMap::new();
    let mut out = Vec::new();
    for (what, id) in ids {
        match first.get(&id.to_lowercase()) {
            Some((first_what, first_id)) if *first_id != id => out.push((
                Target::Id(id.clone()),
                format!(
                    "{what} id \"{id}\" differs only in letter case from the {first_what} \"{first_id}\": ids are compared exactly, so a payment or an assertion naming one does not name the other"
                ),
            )),
            Some(_) => {}
            None => {
                first.insert(id.to_lowercase(), (what, id));
            }
        }
    }
    out
}

/// Liquidations whose window starts on or after the day the order was complied with or
/// lifted: none of their days is a day of delay, so they compute nothing.
fn liquidation_findings(case: &Case) -> Vec<(Target, String)> {
    let mut out = Vec::new();
    for o in &case.orders {
        let end = [("complied", o.complied), ("lifted", o.lifted)]
            .into_iter()
            .filter_map(|(key, d)| d.map(|d| (d, key)))
            .min();
        let Some((end, key)) = end else { continue };
        for l in o.liquidations.iter().filter(|l| l.window.from >= end) {
            let ordered = match l.amount {
                Some(a) if !a.is_zero() => {
                    format!(", while the amount it orders, \"{a}\", counts as liquidated")
                }
                _ => String::new(),
            };
            out.push((
                Target::Liquidation {
                    order: o.id.clone(),
                    from: l.window.from,
                },
                format!(
                    "the liquidation window {} of order \"{}\" starts on or after {key} = {end}: it holds no day of delay, so it computes 0.00{ordered}",
                    l.window, o.id
                ),
            ));
        }
    }
    out
}

/// Where `target` stands in the file's tables.
fn span(raw: &RawFile, target: &Target) -> Option<Range<usize>> {
    match target {
        Target::CaseId => raw.case.as_ref().map(|c| c.get_ref().id.span()),
        Target::Id(id) => raw
            .fine
            .iter()
            .map(|f| &f.get_ref().id)
            .chain(raw.order.iter().map(|o| &o.get_ref().id))
            .find(|i| i.get_ref() == id)
            .map(|i| i.span()),
        Target::Liquidation { order, from } => raw
            .order
            .iter()
            .find(|o| o.get_ref().id.get_ref() == order)?
            .get_ref()
            .liquidation
            .iter()
            .map(|l| &l.get_ref().from)
            .find(|f| f.get_ref().0 == *from)
            .map(|f| f.span()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn case(path: &str, text: &str) -> Case {
        super::super::load_case_str(Path::new(path), text).unwrap()
    }

    const HEADER: &str = "company = \"Example SA\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n";

    #[test]
    fn case_ids_that_differ_only_in_case_are_named() {
        let a = case("a.toml", &format!("[case]\nid = \"acme\"\n{HEADER}"));
        let b = case("b.toml", &format!("[case]\nid = \"ACME\"\n{HEADER}"));
        let c = case("c.toml", &format!("[case]\nid = \"acme-2\"\n{HEADER}"));
        let found = case_id_findings(&[b, a, c]);
        assert_eq!(
            found,
            [(
                0,
                "case id \"ACME\" differs only in letter case from \"acme\" (a.toml): ids are compared exactly, so these are two cases".to_string()
            )]
        );
    }

    #[test]
    fn a_fine_and_an_order_that_differ_only_in_case_are_named() {
        let c = case(
            "x.toml",
            &format!(
                "[case]\nid = \"x\"\n{HEADER}\n[[fine]]\nid = \"Stop\"\namount = \"1\"\ndecided = 2022-01-01\n\n[[order]]\nid = \"stop\"\nstarts = 2022-01-01\nrate = \"1\"\n"
            ),
        );
        let found = id_findings(&c);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Target::Id("stop".to_string()));
        assert_eq!(
            found[0].1,
            "order id \"stop\" differs only in letter case from the fine \"Stop\": ids are compared exactly, so a payment or an assertion naming one does not name the other"
        );
    }

    #[test]
    fn a_liquidation_after_compliance_is_named_and_one_before_is_not() {
        let c = case(
            "x.toml",
            &format!(
                "[case]\nid = \"x\"\n{HEADER}\n[[order]]\nid = \"stop\"\nstarts = 2022-01-01\nrate = \"1\"\ncomplied = 2022-03-01\n\n[[order.liquidation]]\ndecided = 2022-06-01\nfrom = 2022-01-01\nuntil = 2022-03-01\n\n[[order.liquidation]]\ndecided = 2022-06-01\nfrom = 2022-03-01\nthrough = 2022-03-31\n"
            ),
        );
        let found = liquidation_findings(&c);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1,
            "the liquidation window 2022-03-01 through 2022-03-31 of order \"stop\" starts on or after complied = 2022-03-01: it holds no day of delay, so it computes 0.00"
        );
    }
}
