//! The JSON report lays its cases out in parallel, a few tasks of 16 cases ahead of the
//! writer: the list is each case's own layout, in order, whatever the number of cases and
//! wherever the tasks end, and a report written from inside the thread pool is laid out too.

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

/// 600 generated cases span 38 tasks of 16: the list is each case's own layout (from a
/// report of that case alone, laid out on the calling thread), joined by commas, in id order.
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

/// A report written from a thread of a one-thread pool (a program that renders inside its
/// own rayon pool) is laid out on that thread: the same bytes as from outside the pool, and
/// no wait for tasks that only that thread could run.
#[test]
fn a_report_written_inside_a_one_thread_pool_is_laid_out_on_its_thread() {
    let cases: Vec<Case> = common::portfolio(100, 4)
        .iter()
        .enumerate()
        .map(|(i, t)| load_case_str(Path::new(&format!("case-{i}.toml")), t).unwrap())
        .collect();
    let outside = render(&cases);
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let _ = done.send(pool.install(|| render(&cases)));
    });
    let inside = finished
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the report written inside the pool did not end within 120 s");
    assert_eq!(inside, outside);
}
