//! penalty: exact computation of regulatory fines and periodic penalty payments.
//!
//! The binary in `main.rs` is a thin shell over this library: `cli` resolves the command
//! line, `case` loads and validates case files, `accrue` and `exposure` compute, `fx`
//! converts, `limits` holds the statutory maxima `check` warns about, `expect` evaluates a
//! case's assertions, `interest` and `limitation` compute late-payment interest and time bars,
//! `select` keeps the cases a report covers, `report` renders and `commands` glues them
//! together.
//!
//! No input may make the program panic, so `unwrap` and `expect` are refused outside tests.

#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod accrue;
pub mod calendar;
pub mod case;
pub mod cli;
pub mod commands;
#[cfg(test)]
mod engine_edges;
pub mod events;
pub mod expect;
pub mod exposure;
pub mod fx;
pub mod grid;
pub mod history;
pub mod interest;
pub mod limitation;
pub mod limits;
pub mod owed;
#[cfg(test)]
mod owed_edges;
pub mod rates;
pub mod report;
pub mod schedule;
pub mod select;
pub mod text;
pub mod whatif;
