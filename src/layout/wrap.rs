//! Step 4: where lines may break (UAX #14, by the unicode-linebreak crate), on the
//! logical text.

/// Byte offsets where a line may break before (UAX #14), with whether the break is
/// mandatory. Ends with `text.len()` (mandatory), like `unicode_linebreak::linebreaks`.
pub fn break_opportunities(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    unicode_linebreak::linebreaks(text)
        .map(|(i, op)| (i, op == unicode_linebreak::BreakOpportunity::Mandatory))
}
