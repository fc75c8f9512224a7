//! Exact decimal arithmetic: a sum, difference or product that a decimal would have to round
//! is refused rather than rounded, so that every figure is exact or an error.

use rust_decimal::Decimal;

/// The limits of exact amounts, for messages.
pub const LIMITS: &str = "amounts must stay below 79,228,162,514,264,337,593,543,950,335 and within 28 significant digits";

/// `a + b`, or `None` when the sum does not fit in a decimal or would be rounded: a decimal
/// keeps at most 28 or 29 significant digits, and `checked_add` silently rounds a sum that
/// needs more (1e27 + 0.01), which would no longer be exact.
pub fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = a.checked_add(b)?;
    kept_scale(sum, a.scale().max(b.scale()), || {
        a.normalize().scale().max(b.normalize().scale())
    })
}

/// `a - b`, or `None` when the difference does not fit or would be rounded.
pub fn exact_sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    let difference = a.checked_sub(b)?;
    kept_scale(difference, a.scale().max(b.scale()), || {
        a.normalize().scale().max(b.normalize().scale())
    })
}

/// `a x b`, or `None` when the product does not fit or would be rounded.
pub fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let product = a.checked_mul(b)?;
    // A product with a zero factor is zero exactly, though it keeps no decimal places (0 days
    // x 0.01 is 0, not 0.00): only a product of two non-zero factors can have been rounded.
    if a.is_zero() || b.is_zero() {
        return Some(product);
    }
    kept_scale(product, a.scale() + b.scale(), || {
        a.normalize().scale() + b.normalize().scale()
    })
}

/// `result` when it keeps the decimal places the exact result needs. A result that kept
/// every place of its operands (`full`) was not rounded; one that lost some was rounded only
/// if it lost more than trailing zeros (`needed`, the places of the normalized operands,
/// computed only then: normalizing costs divisions).
fn kept_scale(result: Decimal, full: u32, needed: impl FnOnce() -> u32) -> Option<Decimal> {
    (result.scale() >= full || result.scale() >= needed()).then_some(result)
}
