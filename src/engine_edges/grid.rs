//! The liquidation grid: windows that leave part of a unit uncovered are warned about, with
//! the unit, the day and what it forfeits; windows on unit boundaries are not.

use super::*;

#[test]
fn windows_on_unit_boundaries_are_not_warned_about_even_after_an_uncovered_unit() {
    // Quarters from 2021-01-11: a window from the first day of quarter 2 (2021-04-11) to the
    // first day of quarter 3 cuts no unit, though quarter 1 is left to accrue.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"q\"\nstarts = 2021-01-11\nrate = \"1000\"\nper = \"quarter\"\n\
         [[order.liquidation]]\ndecided = 2021-08-01\nfrom = 2021-04-11\nuntil = 2021-07-11\n",
    );
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn an_annulled_window_covers_nothing_on_the_grid() {
    // Months from 2022-01-15, the first window (15 January to 20 February) annulled for good:
    // the second, from 2022-02-20, cuts month 2 (2022-02-15 through 2022-03-14), whose first
    // 5 days no standing liquidation covers; they start month 2 and forfeit 1,000.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"m\"\nstarts = 2022-01-15\nrate = \"1000\"\nper = \"month\"\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-01-15\nuntil = 2022-02-20\n\
         [[order.liquidation.event]]\ndate = 2022-05-01\nkind = \"annulled\"\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-02-20\nuntil = 2022-03-15\n",
    );
    assert_eq!(
        warnings,
        [
            "20:8: liquidation window 2022-02-20 until 2022-03-15 (not counted) of order \"m\" cuts \
          month 2 (2022-02-15 through 2022-03-14): no liquidation covers 2022-02-15 through \
          2022-02-19 (5 days of delay), which forfeits 1,000.00 as accruing; start the window \
          on the unit's first day (from = 2022-02-15), or liquidate those days"
        ]
    );
}

#[test]
fn a_window_starting_inside_a_week_is_warned_about() {
    // 700 per started week from Monday 2024-01-01; the window starts on Wednesday 2024-01-03,
    // inside week 1, leaving its Monday and Tuesday uncovered: they start week 1 and forfeit
    // 700.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"w\"\nstarts = 2024-01-01\nrate = \"700\"\nper = \"week\"\n\
         [[order.liquidation]]\ndecided = 2024-02-01\nfrom = 2024-01-03\nuntil = 2024-01-15\n",
    );
    assert_eq!(
        warnings,
        [
            "13:8: liquidation window 2024-01-03 until 2024-01-15 (not counted) of order \"w\" cuts \
          week 1 (2024-01-01 through 2024-01-07): no liquidation covers 2024-01-01 through \
          2024-01-02 (2 days of delay), which forfeits 700.00 as accruing; start the window on \
          the unit's first day (from = 2024-01-01), or liquidate those days"
        ]
    );
}

#[test]
fn a_window_opening_before_a_postponed_first_day_is_warned_about_once_at_its_end() {
    // Months from 2022-01-15, postponed on 2022-02-01 to start that day: the window written
    // from 2022-01-15 now opens before any delay (not a cut) and ends on 2022-02-20, inside
    // month 1 (2022-02-01 through 2022-02-28): one warning, at its end (line 17). Its last 9
    // days are uncovered but forfeit nothing, month 1 being started inside the window.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"m\"\nstarts = 2022-01-15\nrate = \"1000\"\nper = \"month\"\n\
         [[order.deadline_change]]\ndecided = 2022-02-01\nstarts = 2022-02-01\n\
         [[order.liquidation]]\ndecided = 2022-03-01\nfrom = 2022-01-15\nuntil = 2022-02-20\n",
    );
    assert_eq!(
        warnings,
        [
            "17:9: liquidation window 2022-01-15 until 2022-02-20 (not counted) of order \"m\" cuts \
          month 1 (2022-02-01 through 2022-02-28): no liquidation covers 2022-02-20 through \
          2022-02-28 (9 days of delay), which forfeits 0.00 as accruing; end the window on the \
          unit's last day (through = 2022-02-28), or liquidate those days"
        ]
    );
}

#[test]
fn a_window_one_day_into_a_week_leaves_one_day() {
    // Weeks from Monday 2024-01-01; the window starts on Tuesday: Monday alone is uncovered,
    // and forfeits the week's 700.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"w\"\nstarts = 2024-01-01\nrate = \"700\"\nper = \"week\"\n\
         [[order.liquidation]]\ndecided = 2024-02-01\nfrom = 2024-01-02\nuntil = 2024-01-15\n",
    );
    assert_eq!(
        warnings,
        [
            "13:8: liquidation window 2024-01-02 until 2024-01-15 (not counted) of order \"w\" cuts \
          week 1 (2024-01-01 through 2024-01-07): no liquidation covers 2024-01-01 (1 day of \
          delay), which forfeits 700.00 as accruing; start the window on the unit's first day \
          (from = 2024-01-01), or liquidate those days"
        ]
    );
}

#[test]
fn gaps_between_windows_inside_a_completed_month_are_listed_in_order() {
    // 1,000 per completed month from 2022-01-15. Month 2 runs from 2022-02-15 through
    // 2022-03-14; three windows leave 2022-02-16 and 2022-02-25 through 2022-03-04 of it
    // uncovered (1 + 8 = 9 days), and month 2 completes on 2022-03-14, inside the last window:
    // the gaps forfeit nothing.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"m\"\nstarts = 2022-01-15\nrate = \"1000\"\nper = \"month\"\ncount = \"completed\"\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-01-15\nuntil = 2022-02-16\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-02-17\nuntil = 2022-02-25\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-03-05\nuntil = 2022-03-15\n",
    );
    assert_eq!(
        warnings,
        [
            "15:9: liquidation window 2022-01-15 until 2022-02-16 (not counted) of order \"m\" cuts \
          month 2 (2022-02-15 through 2022-03-14): no liquidation covers 2022-02-16, 2022-02-25 \
          through 2022-03-04 (9 days of delay), which forfeits 0.00 as accruing; end the window \
          on the unit's last day (through = 2022-03-14), or liquidate those days"
        ]
    );
}
