//! Replays the fuzzing corpus (`fuzz/corpus/case_pipeline/`) through the fuzz target's
//! pipeline in an ordinary `cargo test`, so the inputs that once found a bug keep being run
//! without a fuzzer.

#[path = "support/pipeline.rs"]
mod pipeline;

use penalty::fx::RateTable;
use std::fs;
use std::path::Path;

#[test]
fn every_corpus_input_goes_through_the_pipeline_without_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/case_pipeline");
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 20, "only {} corpus inputs", inputs.len());
    let rates = RateTable::builtin();
    for input in inputs {
        let bytes = fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| pipeline::run(&bytes, &rates));
        assert!(
            outcome.is_ok(),
            "{} made the pipeline panic",
            input.display()
        );
    }
}
