//! Fuzz target: arbitrary bytes as a case file, through loading, validation, computation at
//! several as-of dates and rendering. Run with `cargo fuzz run --sanitizer none case_pipeline`.

#![no_main]

#[path = "../../tests/support/pipeline.rs"]
mod pipeline;

use libfuzzer_sys::fuzz_target;
use penalty::fx::RateTable;
use std::sync::OnceLock;

static RATES: OnceLock<RateTable> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    pipeline::run(data, RATES.get_or_init(RateTable::builtin));
});
