//! A deterministic, seeded generator of realistic case files for benchmarks: fines with
//! events, orders with rate changes, suspensions, caps, deadline changes, measured
//! adjustments, liquidations (some appealed, reduced or annulled) and payments, in EUR, GBP,
//! USD and SEK. Every generated file is valid.

#![allow(dead_code)]

use std::fmt::Write;
use std::path::Path;

const CURRENCIES: [&str; 4] = ["EUR", "GBP", "USD", "SEK"];
const JURISDICTIONS: [&str; 12] = [
    "FR", "NL", "DE", "IT", "ES", "GB", "SE", "IE", "BE", "PL", "EU", "US-IL",
];

/// A date `offset` days after 2015-01-01, as TOML.
fn date(offset: u32) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    (base + chrono::Days::new(u64::from(offset))).to_string()
}

/// The text of case number `i`, drawn from `rng`.
pub fn case_text(i: usize, rng: &mut fastrand::Rng) -> String {
    let mut s = String::with_capacity(2048);
    let currency = CURRENCIES[rng.usize(..CURRENCIES.len())];
    let jurisdiction = JURISDICTIONS[rng.usize(..JURISDICTIONS.len())];
    let _ = writeln!(
        s,
        "[case]\nid = \"case-{i:05}\"\ncompany = \"Company {}\"\njurisdiction = \"{jurisdiction}\"\nauthority = \"Authority {}\"\ncurrency = \"{currency}\"\nnotes = \"Generated for benchmarks.\"\nsources = [\"generator\"]\n",
        rng.usize(..500),
        rng.usize(..40),
    );
    let mut ids = Vec::new();
    for f in 0..rng.usize(1..=3) {
        let decided = rng.u32(0..3650);
        let amount = rng.u64(1..2_000) * 10_000;
        let _ = writeln!(
            s,
            "[[fine]]\nid = \"fine-{f}\"\namount = \"{amount}\"\ndecided = {}\nreference = \"D-{i}-{f}\"\n",
            date(decided)
        );
        let mut day = decided;
        let mut annulled = false;
        for _ in 0..rng.usize(0..=2) {
            day += rng.u32(30..400);
            let kind = ["appealed", "upheld", "annulled", "reinstated", "reduced"][rng.usize(..5)];
            let _ = write!(
                s,
                "[[fine.event]]\ndate = {}\nkind = \"{kind}\"\n",
                date(day)
            );
            if kind == "reduced" {
                let _ = writeln!(s, "amount = \"{}\"", amount / 2);
            }
            // A reduction keeps the status; the other events set it.
            if kind != "reduced" {
                annulled = kind == "annulled";
            }
            s.push('\n');
        }
        // A fine annulled for good is not paid; a payment comes after every event.
        if !annulled {
            ids.push((format!("fine-{f}"), amount / 4, day + rng.u32(1..300)));
        }
    }
    for o in 0..rng.usize(0..=2) {
        let decided = rng.u32(0..3000);
        let starts = decided + rng.u32(30..90);
        let per = ["day", "day", "day", "week", "month", "semester"][rng.usize(..6)];
        let rate = rng.u64(1..100) * 1_000;
        let _ = write!(
            s,
            "[[order]]\nid = \"order-{o}\"\ndecided = {}\nstarts = {}\nrate = \"{rate}\"\nper = \"{per}\"\n",
            date(decided),
            date(starts)
        );
        // A Dutch penalty order must have a maximum (Awb 5:32b(2)).
        if jurisdiction == "NL" || rng.bool() {
            let _ = writeln!(s, "cap = \"{}\"", rate * rng.u64(100..2_000));
        }
        if rng.u8(..4) == 0 {
            let _ = writeln!(s, "complied = {}", date(starts + rng.u32(10..900)));
        }
        s.push('\n');
        // One order in eight has its deadline extended by a later decision (which may come
        // after the first day of delay, removing days retroactively).
        if rng.u8(..8) == 0 {
            let change = decided + rng.u32(1..120);
            let _ = writeln!(
                s,
                "[[order.deadline_change]]\ndecided = {}\nstarts = {}\nreference = \"X-{i}-{o}\"\n",
                date(change),
                date(change.max(starts) + rng.u32(10..120))
            );
        }
        // One in eight is degressive: less per item measured, measured twice.
        if rng.u8(..8) == 0 {
            let _ = writeln!(
                s,
                "[[order.adjustment]]\nmeasure = \"sites\"\nper_item = \"-{}\"\n",
                rate / 20
            );
            let mut day = starts;
            for _ in 0..2 {
                day += rng.u32(30..400);
                let _ = writeln!(
                    s,
                    "[[order.measurement]]\ndate = {}\nvalues = {{ sites = {} }}\n",
                    date(day),
                    rng.u32(0..10)
                );
            }
        }
        let mut cursor = starts;
        for _ in 0..rng.usize(0..=2) {
            cursor += rng.u32(10..200);
            let _ = writeln!(
                s,
                "[[order.rate_change]]\nfrom = {}\nrate = \"{}\"\n",
                date(cursor),
                rng.u64(1..100) * 1_000
            );
        }
        let mut cursor = starts;
        for _ in 0..rng.usize(0..=1) {
            let from = cursor + rng.u32(5..100);
            let len = rng.u32(1..60);
            let _ = writeln!(
                s,
                "[[order.suspension]]\nfrom = {}\nthrough = {}\n",
                date(from),
                date(from + len)
            );
            cursor = from + len + 1;
        }
        let mut cursor = starts;
        let mut liquidated = false;
        for _ in 0..rng.usize(0..=2) {
            let from = cursor;
            let until = from + rng.u32(20..200);
            let decided = until + rng.u32(0..60);
            let _ = writeln!(
                s,
                "[[order.liquidation]]\ndecided = {}\nfrom = {}\nuntil = {}\nreference = \"L-{i}-{o}\"\n",
                date(decided),
                date(from),
                date(until)
            );
            // Some liquidations are appealed, then upheld, reduced (to a fixed amount, as a
            // court would) or annulled; one decided later than its date is known late.
            if rng.u8(..3) == 0 {
                let appealed = decided + rng.u32(1..60);
                let _ = writeln!(
                    s,
                    "[[order.liquidation.event]]\ndate = {}\nkind = \"appealed\"\n",
                    date(appealed)
                );
                let judged = appealed + rng.u32(100..700);
                let kind = ["upheld", "reduced", "annulled"][rng.usize(..3)];
                let _ = writeln!(
                    s,
                    "[[order.liquidation.event]]\ndate = {}\ndecided = {}\nkind = \"{kind}\"",
                    date(judged),
                    date(judged + rng.u32(0..10))
                );
                if kind == "reduced" {
                    let _ = writeln!(s, "amount = \"{}\"", rate * 10);
                }
                s.push('\n');
            }
            cursor = until;
            liquidated = true;
        }
        if liquidated {
            ids.push((format!("order-{o}"), 0, 0));
        }
    }
    for (id, amount, day) in ids.iter().filter(|(_, a, _)| *a > 0) {
        if rng.bool() {
            let _ = writeln!(
                s,
                "[[payment]]\ndate = {}\namount = \"{amount}\"\napplies_to = \"{id}\"\n",
                date(*day)
            );
        }
    }
    s
}

/// A case with one daily order of 1,000 from 1900-01-01 and `n` liquidations, one every ten
/// days over a seven-day window, each decided 30 days after its window: the input of a daily
/// schedule with many events (`n` = 50,000 reaches the year 3269).
pub fn liquidations_case(n: u32) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let day = |offset: u32| (base + chrono::Days::new(u64::from(offset))).to_string();
    let mut s = String::with_capacity(128 + 110 * n as usize);
    s.push_str("[case]\nid = \"liquidations\"\ncompany = \"Bench\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n\n[[order]]\nid = \"o\"\nstarts = 1900-01-01\nrate = \"1000\"\n");
    for k in 0..n {
        let from = 10 * k;
        let _ = write!(
            s,
            "\n[[order.liquidation]]\ndecided = {}\nfrom = {}\nuntil = {}\n",
            day(from + 37),
            day(from),
            day(from + 7)
        );
    }
    s
}

/// `n` case texts from `seed`.
pub fn portfolio(n: usize, seed: u64) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..n).map(|i| case_text(i, &mut rng)).collect()
}

/// Writes `n` case files into `dir` (created if needed), in 100 subdirectories.
pub fn write_portfolio(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    let mut bytes = 0u64;
    for (i, text) in portfolio(n, seed).iter().enumerate() {
        let sub = dir.join(format!("{:02}", i % 100));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("case-{i:05}.toml")), text)?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}
