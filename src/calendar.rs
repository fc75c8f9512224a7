//! Deadlines on the calendar: grace periods counted in days, weeks or months, the month-end
//! rule, and the optional extension of a deadline that falls on a weekend or holiday.
//!
//! Days and weeks do not count the day of notification (D + N days). Months land on the same
//! day number N months later, or on the last day of a shorter month (French Code de procédure
//! civile art. 641; EU Regulation 1182/71 art. 3).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt;
use std::str::FromStr;

/// A length of time granted to comply, as written in a decision: "2 months", "15 days".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grace {
    /// A number of calendar days.
    Days(u32),
    /// A number of weeks of seven days.
    Weeks(u32),
    /// A number of calendar months.
    Months(u32),
}

impl FromStr for Grace {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected = || {
            format!(
                "expected a grace period such as \"2 months\", \"15 days\" or \"3 weeks\", found {s:?}"
            )
        };
        let mut words = s.split_whitespace();
        let (Some(number), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(expected());
        };
        let n: u32 = number.parse().map_err(|_| expected())?;
        if n == 0 {
            return Err(format!(
                "a grace period must be at least one day, found {s:?}"
            ));
        }
        match unit.to_ascii_lowercase().as_str() {
            "day" | "days" => Ok(Grace::Days(n)),
            "week" | "weeks" => Ok(Grace::Weeks(n)),
            "month" | "months" => Ok(Grace::Months(n)),
            _ => Err(expected()),
        }
    }
}

impl fmt::Display for Grace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = match *self {
            Grace::Days(n) => (n, "day"),
            Grace::Weeks(n) => (n, "week"),
            Grace::Months(n) => (n, "month"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

impl Grace {
    /// The last day to comply, counted from `from` (the day of notification, not counted).
    /// `None` when the result falls outside the calendar chrono supports.
    pub fn deadline(self, from: NaiveDate) -> Option<NaiveDate> {
        match self {
            Grace::Days(n) => from.checked_add_days(Days::new(u64::from(n))),
            Grace::Weeks(n) => from.checked_add_days(Days::new(u64::from(n) * 7)),
            Grace::Months(n) => add_months(from, n),
        }
    }
}

/// `date` plus `n` months: the same day number, or the last day of a shorter month.
pub fn add_months(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(n))
}

/// Whether `date` is a working day: not a Saturday, a Sunday or one of `holidays`.
pub fn is_business_day(date: NaiveDate, holidays: &[NaiveDate]) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&date)
}

/// `date` itself when it is a business day, otherwise the next business day.
pub fn next_business_day(date: NaiveDate, holidays: &[NaiveDate]) -> Option<NaiveDate> {
    // Ends: the holidays are finite, so a business day comes within holidays.len() + a
    // weekend per five of them + 2 days, or the calendar ends (None).
    let mut day = date;
    while !is_business_day(day, holidays) {
        day = day.succ_opt()?;
    }
    Some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn two_months_from_new_years_eve_is_end_of_february() {
        assert_eq!(
            Grace::Months(2).deadline(d("2022-12-31")),
            Some(d("2023-02-28"))
        );
        assert_eq!(
            Grace::Months(2).deadline(d("2023-12-31")),
            Some(d("2024-02-29"))
        );
    }

    #[test]
    fn months_keep_the_day_number() {
        assert_eq!(
            Grace::Months(2).deadline(d("2022-10-18")),
            Some(d("2022-12-18"))
        );
        assert_eq!(
            Grace::Months(1).deadline(d("2023-01-30")),
            Some(d("2023-02-28"))
        );
    }

    #[test]
    fn days_and_weeks_do_not_count_the_day_of_notification() {
        assert_eq!(
            Grace::Days(15).deadline(d("2024-05-16")),
            Some(d("2024-05-31"))
        );
        assert_eq!(
            Grace::Weeks(3).deadline(d("2024-05-16")),
            Some(d("2024-06-06"))
        );
    }

    #[test]
    fn grace_parses_the_written_forms() {
        assert_eq!("2 months".parse(), Ok(Grace::Months(2)));
        assert_eq!("1 month".parse(), Ok(Grace::Months(1)));
        assert_eq!("15 days".parse(), Ok(Grace::Days(15)));
        assert_eq!(" 3  Weeks ".parse(), Ok(Grace::Weeks(3)));
        assert!("two months".parse::<Grace>().is_err());
        assert!("2 fortnights".parse::<Grace>().is_err());
        assert!("0 days".parse::<Grace>().is_err());
        assert!("2".parse::<Grace>().is_err());
        assert_eq!(Grace::Months(2).to_string(), "2 months");
        assert_eq!(Grace::Days(1).to_string(), "1 day");
    }

    #[test]
    fn two_weeks_of_holidays_skip_the_weekend_between_them() {
        let holidays: Vec<NaiveDate> = ["01", "02", "03", "04", "05", "08", "09", "10", "11", "12"]
            .iter()
            .map(|day| d(&format!("2024-07-{day}")))
            .collect();
        assert_eq!(
            next_business_day(d("2024-07-01"), &holidays),
            Some(d("2024-07-15"))
        );
    }

    #[test]
    fn a_sunday_deadline_moves_to_monday_and_past_holidays() {
        // 2022-12-18 was a Sunday.
        assert_eq!(
            next_business_day(d("2022-12-18"), &[]),
            Some(d("2022-12-19"))
        );
        assert_eq!(
            next_business_day(d("2022-12-24"), &[d("2022-12-26")]),
            Some(d("2022-12-27"))
        );
        assert_eq!(
            next_business_day(d("2022-12-20"), &[]),
            Some(d("2022-12-20"))
        );
    }
}
