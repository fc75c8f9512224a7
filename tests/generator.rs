//! The benchmark generator writes valid case files, and its portfolio holds the kinds of
//! record the engine must handle fast: liquidations appealed, reduced and annulled.

#[path = "../benches/common/mod.rs"]
mod common;

use penalty::case::load_case_str;
use std::path::Path;

#[test]
fn every_generated_case_loads_and_some_liquidations_have_events() {
    let texts = common::portfolio(500, 1);
    for (i, text) in texts.iter().enumerate() {
        if let Err(e) = load_case_str(Path::new(&format!("case-{i}.toml")), text) {
            panic!("case {i} is invalid: {e:?}\n{text}");
        }
    }
    // The text of each liquidation event, up to the next table.
    let events: Vec<&str> = texts
        .iter()
        .flat_map(|t| t.split("[[order.liquidation.event]]").skip(1))
        .map(|e| e.split("[[").next().unwrap_or(""))
        .collect();
    for kind in ["appealed", "upheld", "reduced", "annulled"] {
        let n = events
            .iter()
            .filter(|e| e.contains(&format!("kind = \"{kind}\"")))
            .count();
        assert!(n > 0, "no liquidation {kind} in 500 generated cases");
    }
}
