//! The JSON report lays its cases out in parallel, a batch at a time: the document is the one
//! a single serializer would write, whatever the number of cases and wherever the batches
//! end.

#[path = "../benches/common/mod.rs"]
mod common;

use penalty::case::{Case, load_case_str};
use penalty::exposure::{FxDate, build_report};
use penalty::fx::{Currency, RateTable};
use penalty::report::{Meta, Render, json::JsonRenderer};
use std::path::Path;

fn render(cases: &[Case]) -> String {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let report = build_report(
        cases,
        as_of,
        Currency::EUR,
        FxDate::AsOf,
        &RateTable::builtin(),
    );
    JsonRenderer
        .render(&report.unwrap(), &Meta::default())
        .unwrap()
}

/// The text of the case list, between its brackets.
fn case_list(document: &str) -> &str {
    let start = document.find("\"cases\": [").unwrap() + "\"cases\": [".len();
    let end = document.find("\n  ],\n  \"companies\"").unwrap();
    &document[start..end]
}

/// 600 generated cases span two batches of 512 and tasks of 32: the list is each case's
/// own layout (from a report of that case alone), joined by commas, in id order.
#[test]
fn cases_laid_out_in_batches_are_written_as_one_serializer_would() {
    let mut cases: Vec<Case> = common::portfolio(600, 3)
        .iter()
        .enumerate()
        .map(|(i, t)| load_case_str(Path::new(&format!("case-{i}.toml")), t).unwrap())
        .collect();
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    let whole = render(&cases);
    let value: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let ids: Vec<&str> = value["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>());

    let alone: Vec<String> = cases
        .iter()
        .map(|c| case_list(&render(std::slice::from_ref(c))).to_string())
        .collect();
    assert!(alone[0].starts_with("\n    {\n      \"id\": "));
    assert_eq!(case_list(&whole), alone.join(","));
}

/// No case: the list is `[]`, as serde_json writes an empty array.
#[test]
fn no_case_is_an_empty_list() {
    let whole = render(&[]);
    assert!(
        whole.contains("\n  \"cases\": [],\n  \"companies\": [],"),
        "{whole}"
    );
    assert!(whole.starts_with("{\n  \"schema\": 2,\n  \"as_of\": \"2026-11-22\","));
    assert!(whole.ends_with("\n}\n"));
}
