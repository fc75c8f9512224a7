//! Fresh rates: `penalty rates update` against an HTTP server started here on 127.0.0.1
//! (nothing reaches the network), `--from FILE`, `penalty rates status`, and `--rates` with
//! the ECB's daily `eurofxref.csv` and with a zip archive.
//!
//! The history served, `tests/data/rates/eurofxref-hist-2026-11.csv`, has two days, 27 and 30
//! November 2026, with 1 EUR = 0.8400 GBP and 11.0000 SEK on the 30th. As of that day:
//! - clearview-uk: GBP 7,552,800 contested / 0.84 = EUR 8,991,428.57 (8,991,428.571...);
//! - polismyndigheten-se: SEK 2,500,000 / 11 = EUR 227,272.73 (227,272.727...).

use assert_cmd::Command;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

const HISTORY: &str = "tests/data/rates/eurofxref-hist-2026-11.csv";
const DAILY: &str = "tests/data/rates/eurofxref.csv";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `penalty` run from the crate root with its rates stored in `store`.
fn penalty(store: &Path) -> Command {
    let mut cmd = assert_cmd::cargo_bin_cmd!("penalty");
    cmd.current_dir(root())
        .env("PENALTY_RATES_DIR", store)
        .env("PENALTY_TODAY", "2026-11-30")
        .env_remove("PENALTY_AS_OF");
    // The server is local: no proxy may stand in between.
    for proxy in [
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ] {
        cmd.env_remove(proxy);
    }
    cmd
}

/// The bytes of a zip archive holding `text` as `name`.
fn zipped(name: &str, text: &str) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(name, options).unwrap();
    zip.write_all(text.as_bytes()).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

/// Serves each path's status and body on 127.0.0.1, on a port of its own, for as long as
/// the test runs; returns the server's base address, `http://127.0.0.1:PORT`.
fn serve(routes: Vec<(&'static str, u16, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The headers, up to the blank line.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let (status, body) = routes
                .iter()
                .find(|(p, _, _)| *p == path)
                .map_or((404, &b"not found"[..]), |(_, s, b)| (*s, b.as_slice()));
            let reason = if status == 200 { "OK" } else { "Not Found" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(body);
            let _ = stream.flush();
        }
    });
    base
}

fn history() -> String {
    std::fs::read_to_string(root().join(HISTORY)).unwrap()
}

fn stored(store: &Path) -> PathBuf {
    store.join("eurofxref-hist.csv")
}

#[test]
fn update_from_a_server_stores_the_history_and_compute_then_has_no_stale_warning() {
    let store = tempfile::tempdir().unwrap();
    let base = serve(vec![(
        "/stats/eurofxref/eurofxref-hist.zip",
        200,
        zipped("eurofxref-hist.csv", &history()),
    )]);
    let url = format!("{base}/stats/eurofxref/eurofxref-hist.zip");
    penalty(store.path())
        .args(["rates", "update", "--url", &url])
        .assert()
        .success()
        .stdout(format!(
            "stored the ECB rates of 2026-11-27 to 2026-11-30 (2 days, 5 currencies) in {}\n",
            stored(store.path()).display()
        ))
        .stderr("");
    assert_eq!(
        std::fs::read_to_string(stored(store.path())).unwrap(),
        history()
    );

    // As of the history's last day, nothing is stale, and its rates are the ones used.
    let out = penalty(store.path())
        .args([
            "compute",
            "cases/clearview-uk.toml",
            "cases/polismyndigheten-se.toml",
            "--as-of",
            "2026-11-30",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    assert!(
        csv.contains(",clearview-uk,Clearview AI Inc.,GB,0.00,8991428.57,"),
        "{csv}"
    );
    assert!(
        csv.contains(",polismyndigheten-se,Polismyndigheten,SE,0.00,227272.73,"),
        "{csv}"
    );

    // Without the stored history the same run warns, and says how to refresh.
    let empty = tempfile::tempdir().unwrap();
    penalty(empty.path())
        .args(["compute", "cases/clearview-uk.toml", "--as-of", "2026-11-30"])
        .assert()
        .success()
        .stderr(
            "warning: the latest GBP rate on or before 2026-11-30 is of 2026-10-30 (31 days older); run `penalty rates update` for the ECB's latest, or pass newer rates with --rates FILE\n",
        );

    // A projection asks for a rate no one has published yet: the warning says so, and that
    // the latest rate known converts it (2099-01-01 is 26,361 days after 2026-10-30).
    penalty(empty.path())
        .args(["compute", "cases/clearview-uk.toml", "--as-of", "2099-01-01"])
        .assert()
        .success()
        .stderr(
            "warning: the latest GBP rate on or before 2099-01-01 is of 2026-10-30 (26361 days older); no rate is published for a day after today: the projection converts at the latest rate known; run `penalty rates update` for the ECB's latest, or pass an assumed rate with --rates FILE\n",
        );
}

#[test]
fn a_damaged_download_is_refused_and_the_stored_history_kept() {
    let store = tempfile::tempdir().unwrap();
    penalty(store.path())
        .args(["rates", "update", "--from", HISTORY])
        .assert()
        .success();
    let before = std::fs::read(stored(store.path())).unwrap();

    let zip = zipped("eurofxref-hist.csv", &history());
    let cut_zip = zip[..zip.len() / 2].to_vec();
    let text = history();
    let cut_csv = text.as_bytes()[..text.len() - 12].to_vec();
    let base = serve(vec![
        ("/cut.zip", 200, cut_zip),
        ("/cut.csv", 200, cut_csv),
        (
            "/page.html",
            200,
            b"<!DOCTYPE html><html><body>Maintenance</body></html>".to_vec(),
        ),
    ]);
    for (path, says) in [
        ("/cut.zip", "expected a zip archive holding one .csv file"),
        (
            "/cut.csv",
            ":3: expected 7 fields as in the header, found 5: the file is cut short or damaged",
        ),
        (
            "/page.html",
            ":1: expected a header like \"Date,USD,JPY,GBP\"",
        ),
        ("/missing.zip", "http status: 404"),
    ] {
        let url = format!("{base}{path}");
        let out = penalty(store.path())
            .args(["rates", "update", "--url", &url])
            .assert()
            .code(2)
            .stdout("")
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(says), "{path}: {err}");
        if path != "/missing.zip" {
            assert!(
                err.starts_with(&format!(
                    "error: refusing {url}: not a valid ECB rates file; the stored rates are unchanged: "
                )),
                "{err}"
            );
        }
        assert_eq!(
            std::fs::read(stored(store.path())).unwrap(),
            before,
            "{path} changed the stored history"
        );
    }
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(store.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["eurofxref-hist.csv"]);
}

#[test]
fn the_daily_file_and_zip_archives_are_accepted_by_rates() {
    let store = tempfile::tempdir().unwrap();
    // The daily file: "Date, USD, ..." and a day written "30 November 2026".
    penalty(store.path())
        .args([
            "compute",
            "cases/clearview-uk.toml",
            "--as-of",
            "2026-11-30",
            "--format",
            "csv",
            "--rates",
            DAILY,
        ])
        .assert()
        .success()
        .stderr("")
        .stdout(predicates::str::contains(
            ",clearview-uk,Clearview AI Inc.,GB,0.00,8991428.57,",
        ));
    // The same file zipped, as the ECB publishes it.
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("eurofxref.zip");
    std::fs::write(
        &zip,
        zipped(
            "eurofxref.csv",
            &std::fs::read_to_string(root().join(DAILY)).unwrap(),
        ),
    )
    .unwrap();
    penalty(store.path())
        .args([
            "compute",
            "cases/polismyndigheten-se.toml",
            "--as-of",
            "2026-11-30",
            "--format",
            "csv",
            "--rates",
        ])
        .arg(&zip)
        .assert()
        .success()
        .stderr("")
        .stdout(predicates::str::contains(
            ",polismyndigheten-se,Polismyndigheten,SE,0.00,227272.73,",
        ));
}

#[test]
fn status_lists_every_table_with_its_latest_day_and_freshness() {
    let store = tempfile::tempdir().unwrap();
    let path = stored(store.path());
    penalty(store.path())
        .args(["rates", "status", "--as-of", "2026-11-30"])
        .assert()
        // Stale: 30 October is 31 days older than 30 November, more than 7.
        .code(1)
        .stdout(format!(
            "TABLE     LATEST      AS OF 2026-11-30       FILE
built in  2026-10-30  stale (31 days older)  eurofxref-hist.csv (built in)
stored    -                                  none yet: `penalty rates update` writes {}

The latest rate, of 2026-10-30, is 31 days older than 2026-11-30: stale. Run `penalty rates update` for the ECB's latest, or pass newer rates with --rates FILE.
",
            path.display()
        ));
    penalty(store.path())
        .args(["rates", "update", "--from", DAILY])
        .assert()
        .success()
        .stdout(format!(
            "stored the ECB rates of 2026-11-30 to 2026-11-30 (1 day, 5 currencies) in {}\n",
            path.display()
        ));
    // 2026-12-07 is 7 days after the 30th: still fresh; the --rates file of the 27th is stale.
    let dir = tempfile::tempdir().unwrap();
    let older = dir.path().join("older.csv");
    std::fs::write(&older, "Date,GBP\n2026-11-27,0.8390\n").unwrap();
    penalty(store.path())
        .args(["rates", "status", "--as-of", "2026-12-07", "--rates"])
        .arg(&older)
        .assert()
        .success()
        .stdout(format!(
            "TABLE     LATEST      AS OF 2026-12-07       FILE
built in  2026-10-30  stale (38 days older)  eurofxref-hist.csv (built in)
stored    2026-11-30  fresh                  {}
--rates   2026-11-27  stale (10 days older)  {}

The latest rate, of 2026-11-30, is fresh as of 2026-12-07 (at most 7 days older).
",
            path.display(),
            older.display()
        ));
    // As of 2026-11-25 neither the stored day (the 30th) nor the --rates file's (the 27th)
    // has come: a run then uses the built-in 30 October, 26 days older.
    penalty(store.path())
        .args(["rates", "status", "--as-of", "2026-11-25", "--rates"])
        .arg(&older)
        .assert()
        .code(1)
        .stdout(format!(
            "TABLE     LATEST      AS OF 2026-11-25       FILE
built in  2026-10-30  stale (26 days older)  eurofxref-hist.csv (built in)
stored    -           no rate by then        {}
--rates   -           no rate by then        {}

The latest rate, of 2026-10-30, is 26 days older than 2026-11-25: stale. Run `penalty rates update` for the ECB's latest, or pass newer rates with --rates FILE.
",
            path.display(),
            older.display()
        ));
}
