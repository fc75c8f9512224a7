//! Which cases a report covers: `--company`, `--jurisdiction` and `--case` (case ids as
//! globs, `clearview-*`). Each is repeatable; a case is kept when it matches one value of
//! every kind given. The selection is made before any total is summed, so totals,
//! `--fail-above` and every grouping see only the cases kept, and every report names it.

use crate::case::Case;

/// The `--company`, `--jurisdiction` and `--case` values of a command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Company names, matched whole, without regard to case.
    pub companies: Vec<String>,
    /// Jurisdictions, matched whole, without regard to case.
    pub jurisdictions: Vec<String>,
    /// Case id patterns: `*` stands for any text, `?` for one character.
    pub cases: Vec<String>,
}

/// Why a selection was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SelectionError {
    /// A value matches none of the cases loaded: a misspelt name would otherwise pass a
    /// threshold in silence.
    #[error("--{option} {value:?} matches no case; {known}")]
    NoMatch {
        /// `company`, `jurisdiction` or `case`.
        option: &'static str,
        /// The value given.
        value: String,
        /// The values there are, in words.
        known: String,
    },
    /// Each value matches a case, but no case matches them all.
    #[error("no case matches {0}")]
    Empty(String),
}

/// One kind of filter: its option, its values, the field of a case it reads and how a value
/// matches it.
type Check<'a> = (
    &'static str,
    &'a [String],
    fn(&Case) -> &str,
    fn(&str, &str) -> bool,
);

/// The most values an error lists before saying how many more there are.
const LISTED: usize = 10;

impl Selection {
    /// Whether no filter is given.
    pub fn is_empty(&self) -> bool {
        self.companies.is_empty() && self.jurisdictions.is_empty() && self.cases.is_empty()
    }

    /// Whether `case` is kept.
    pub fn keeps(&self, case: &Case) -> bool {
        let any = |values: &[String], f: &dyn Fn(&str) -> bool| {
            values.is_empty() || values.iter().any(|v| f(v))
        };
        any(&self.companies, &|v| same_name(v, &case.company))
            && any(&self.jurisdictions, &|v| same_name(v, &case.jurisdiction))
            && any(&self.cases, &|v| glob(v, &case.id))
    }

    /// The selection in words, one entry per value, for report headers: `company "Clearview
    /// AI Inc."`, `case clearview-*`.
    pub fn describe(&self) -> Vec<String> {
        let quoted = |kind: &str, values: &[String]| -> Vec<String> {
            values.iter().map(|v| format!("{kind} {v:?}")).collect()
        };
        let mut words = quoted("company", &self.companies);
        words.extend(quoted("jurisdiction", &self.jurisdictions));
        words.extend(quoted("case", &self.cases));
        words
    }

    /// The cases kept, in their order.
    ///
    /// # Errors
    ///
    /// When a value matches no case loaded, or no case matches every kind of value given.
    pub fn apply(&self, cases: Vec<Case>) -> Result<Vec<Case>, SelectionError> {
        if self.is_empty() {
            return Ok(cases);
        }
        let checks: [Check<'_>; 3] = [
            ("company", &self.companies, |c| &c.company, same_name),
            (
                "jurisdiction",
                &self.jurisdictions,
                |c| &c.jurisdiction,
                same_name,
            ),
            ("case", &self.cases, |c| &c.id, glob),
        ];
        for (option, values, field, matches) in checks {
            for value in values {
                if !cases.iter().any(|c| matches(value, field(c))) {
                    let mut known: Vec<&str> = cases.iter().map(field).collect();
                    known.sort_unstable();
                    known.dedup();
                    return Err(SelectionError::NoMatch {
                        option,
                        value: value.clone(),
                        known: listing(option, &known),
                    });
                }
            }
        }
        let kept: Vec<Case> = cases.into_iter().filter(|c| self.keeps(c)).collect();
        if kept.is_empty() {
            return Err(SelectionError::Empty(self.describe().join(" and ")));
        }
        Ok(kept)
    }
}

/// "the companies are "A", "B" and 3 more".
fn listing(option: &str, known: &[&str]) -> String {
    let kind = match option {
        "company" => "companies",
        "jurisdiction" => "jurisdictions",
        _ => "case ids",
    };
    let shown: Vec<String> = known
        .iter()
        .take(LISTED)
        .map(|k| format!("{k:?}"))
        .collect();
    let more = known.len().saturating_sub(LISTED);
    if more > 0 {
        format!("the {kind} are {} and {more} more", shown.join(", "))
    } else {
        format!("the {kind} are {}", shown.join(", "))
    }
}

/// Whether two names are the same, without regard to case.
fn same_name(given: &str, name: &str) -> bool {
    given.trim().to_lowercase() == name.to_lowercase()
}

/// Whether `text` matches `pattern`, where `*` stands for any text (none included) and `?`
/// for one character. Linear in practice: the last `*` is retried, never more.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        if i < p.len() && (p[i] == '?' || p[i] == t[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_ids() {
        assert!(glob("clearview-*", "clearview-fr"));
        assert!(glob("*-nl", "uber-nl"));
        assert!(glob("clearview-??", "clearview-uk"));
        assert!(glob("*", ""));
        assert!(glob("c*w*-f?", "clearview-fr"));
        assert!(!glob("clearview-*", "uber-nl"));
        assert!(!glob("clearview-?", "clearview-fr"));
        assert!(!glob("uber", "uber-nl"));
    }

    #[test]
    fn the_selection_is_named_in_a_fixed_order() {
        let s = Selection {
            companies: vec!["Clearview AI Inc.".into()],
            jurisdictions: vec!["FR".into()],
            cases: vec!["clearview-*".into()],
        };
        assert_eq!(
            s.describe(),
            [
                "company \"Clearview AI Inc.\"",
                "jurisdiction \"FR\"",
                "case \"clearview-*\""
            ]
        );
    }

    #[test]
    fn a_long_list_of_known_values_is_cut() {
        let names: Vec<String> = (0..12).map(|i| format!("c{i:02}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = listing("case", &refs);
        assert!(text.ends_with("\"c09\" and 2 more"), "{text}");
    }
}
