//! Helpers shared by the tests of the `fx` submodules.

use super::{Currency, FxError};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::PathBuf;

pub(super) fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

pub(super) fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub(super) fn cur(code: &str) -> Currency {
    code.parse().unwrap()
}

pub(super) fn parse_error(result: Result<(), FxError>) -> (PathBuf, Option<usize>, String, String) {
    match result {
        Err(e @ FxError::Parse { .. }) => {
            let shown = e.to_string();
            let FxError::Parse {
                path,
                line,
                message,
            } = e
            else {
                unreachable!()
            };
            (path, line, message, shown)
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}
