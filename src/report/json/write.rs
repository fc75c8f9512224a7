//! Objects written straight into a buffer, in serde_json's pretty layout: a report holds
//! about a hundred keys, amounts and dates per case, which need no escaping and are written
//! as they are, without serde's calls and escaping for each one. Text from case files (ids,
//! names, references) is still escaped by serde_json, with the report's terminal-safe
//! escapes ([`Pretty`]).

use super::Pretty;
use super::pretty::BREAK;
use crate::fx::Currency;
use crate::report::{PLAIN_AMOUNT_MAX, PlainAmount};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// Writes a line break and `indent` levels of indentation (two spaces each).
fn line_break(buf: &mut Vec<u8>, indent: usize) {
    match BREAK.get(..1 + 2 * indent) {
        Some(piece) => buf.extend_from_slice(piece),
        None => {
            buf.push(b'\n');
            buf.resize(buf.len() + 2 * indent, b' ');
        }
    }
}

/// An object or a list being written: what it holds is laid out one level deeper than the
/// line that opened it, each member or item on a line of its own, as serde_json's pretty
/// layout lays them out.
struct Frame<'b> {
    buf: &'b mut Vec<u8>,
    /// The indentation of the line that opened it.
    indent: usize,
    empty: bool,
}

impl<'b> Frame<'b> {
    fn open(buf: &'b mut Vec<u8>, indent: usize, bracket: u8) -> Self {
        buf.push(bracket);
        Frame {
            buf,
            indent,
            empty: true,
        }
    }

    /// Starts the next member or item: a comma unless it is the first, and a new line.
    fn next(&mut self) {
        if !self.empty {
            self.buf.push(b',');
        }
        self.empty = false;
        line_break(self.buf, self.indent + 1);
    }

    /// Closes it: `{}` or `[]` when it holds nothing.
    fn close(self, bracket: u8) {
        if !self.empty {
            line_break(self.buf, self.indent);
        }
        self.buf.push(bracket);
    }
}

/// A JSON object being written.
pub(super) struct Obj<'b>(Frame<'b>);

impl<'b> Obj<'b> {
    /// Opens an object on a line indented `indent` levels.
    pub(super) fn open(buf: &'b mut Vec<u8>, indent: usize) -> Self {
        Obj(Frame::open(buf, indent, b'{'))
    }

    /// Closes the object.
    pub(super) fn close(self) {
        self.0.close(b'}');
    }

    /// Starts a member: `"key": ` on a line of its own. Keys are the report's own names,
    /// which JSON writes as they are.
    fn key(&mut self, key: &str) {
        self.0.next();
        let buf = &mut *self.0.buf;
        buf.push(b'"');
        buf.extend_from_slice(key.as_bytes());
        buf.extend_from_slice(b"\": ");
    }

    /// Text that needs no escaping, written as it is: one of the report's own names.
    fn quoted(&mut self, text: &[u8]) {
        self.0.buf.push(b'"');
        self.0.buf.extend_from_slice(text);
        self.0.buf.push(b'"');
    }

    /// One of the report's own names (a status, a kind, a currency code).
    pub(super) fn name(&mut self, key: &str, name: &'static str) {
        self.key(key);
        self.quoted(name.as_bytes());
    }

    /// An amount: a plain decimal string.
    pub(super) fn amount(&mut self, key: &str, amount: Decimal, currency: Currency) {
        self.key(key);
        let mut digits = [0; PLAIN_AMOUNT_MAX];
        self.quoted(PlainAmount(amount, currency).write(&mut digits).as_bytes());
    }

    /// An amount, or `null`.
    pub(super) fn opt_amount(&mut self, key: &str, amount: Option<Decimal>, currency: Currency) {
        match amount {
            Some(a) => self.amount(key, a, currency),
            None => self.null(key),
        }
    }

    /// A date, `"YYYY-MM-DD"`.
    ///
    /// # Errors
    ///
    /// A date outside the years 0 to 9999, which the four-digit form cannot hold.
    pub(super) fn day(&mut self, key: &str, day: NaiveDate) -> serde_json::Result<()> {
        self.key(key);
        let text = day_text(day)?;
        self.quoted(&text);
        Ok(())
    }

    /// A date, or `null`.
    pub(super) fn opt_day(&mut self, key: &str, day: Option<NaiveDate>) -> serde_json::Result<()> {
        match day {
            Some(d) => self.day(key, d),
            None => {
                self.null(key);
                Ok(())
            }
        }
    }

    /// A whole number.
    pub(super) fn int(&mut self, key: &str, n: i64) {
        self.key(key);
        let mut digits = itoa::Buffer::new();
        self.0.buf.extend_from_slice(digits.format(n).as_bytes());
    }

    /// `true` or `false`.
    pub(super) fn bool(&mut self, key: &str, b: bool) {
        self.key(key);
        self.0
            .buf
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// `null`.
    pub(super) fn null(&mut self, key: &str) {
        self.key(key);
        self.0.buf.extend_from_slice(b"null");
    }

    /// Any other value, such as text from a case file, laid out and escaped by serde_json.
    pub(super) fn value(
        &mut self,
        key: &str,
        value: &(impl Serialize + ?Sized),
    ) -> serde_json::Result<()> {
        self.key(key);
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *self.0.buf,
            Pretty::at(self.0.indent + 1),
        ))
    }

    /// An object, written by `members`.
    pub(super) fn object<E>(
        &mut self,
        key: &str,
        members: impl FnOnce(&mut Obj<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.key(key);
        let mut inner = Obj::open(self.0.buf, self.0.indent + 1);
        members(&mut inner)?;
        inner.close();
        Ok(())
    }

    /// A list of objects, each written by `members`: `[]` when there is none.
    pub(super) fn list<T, E>(
        &mut self,
        key: &str,
        items: impl IntoIterator<Item = T>,
        mut members: impl FnMut(&mut Obj<'_>, T) -> Result<(), E>,
    ) -> Result<(), E> {
        self.key(key);
        let mut list = List::open(self.0.buf, self.0.indent + 1);
        for item in items {
            let mut o = list.item();
            members(&mut o, item)?;
            o.close();
        }
        list.close();
        Ok(())
    }
}

/// A JSON list of objects being written.
pub(super) struct List<'b>(Frame<'b>);

impl<'b> List<'b> {
    /// Opens a list on a line indented `indent` levels.
    pub(super) fn open(buf: &'b mut Vec<u8>, indent: usize) -> Self {
        List(Frame::open(buf, indent, b'['))
    }

    /// Starts the next item, an object.
    pub(super) fn item(&mut self) -> Obj<'_> {
        self.0.next();
        Obj::open(self.0.buf, self.0.indent + 1)
    }

    /// Writes what the buffer holds so far to `out` and empties it, so that a long list is
    /// never held whole.
    pub(super) fn write_to(&mut self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(self.0.buf)?;
        self.0.buf.clear();
        Ok(())
    }

    /// Closes the list.
    pub(super) fn close(self) {
        self.0.close(b']');
    }
}

/// A date as `YYYY-MM-DD`.
///
/// # Errors
///
/// A date outside the years 0 to 9999: case files hold years 1900 to 9999, and validation
/// refuses a key whose computed dates would leave them, so the four-digit form is the whole
/// date; a date outside them is an error, never a `+10000-01-01` that the schema does not
/// allow.
pub(super) fn day_text(day: NaiveDate) -> serde_json::Result<[u8; 10]> {
    let (y, m, d) = (day.year(), day.month(), day.day());
    if !(0..=9999).contains(&y) {
        return Err(serde::ser::Error::custom(format!(
            "the date {day} is outside the years 0 to 9999 the report can hold"
        )));
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = y.unsigned_abs();
    Ok([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap()
    }

    #[test]
    fn dates_are_written_with_four_digit_years_or_refused() {
        assert_eq!(&day_text(date(0)).unwrap(), b"0000-01-01");
        assert_eq!(&day_text(date(9999)).unwrap(), b"9999-01-01");
        assert_eq!(
            &day_text(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap(),
            b"2026-11-22"
        );
        for year in [-1, 10_000] {
            let error = day_text(date(year)).unwrap_err().to_string();
            assert!(error.contains("outside the years 0 to 9999"), "{error}");
        }
    }

    #[test]
    fn indentation_deeper_than_the_break_s_is_written_whole() {
        let mut buf = Vec::new();
        line_break(&mut buf, 70);
        assert_eq!(buf.len(), 141);
        assert!(buf[1..].iter().all(|&b| b == b' '));
    }
}
