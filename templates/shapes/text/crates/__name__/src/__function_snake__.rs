//! The work itself, in plain Rust: no Node-API types, so it is unit-tested with `cargo test` and
//! could move to a crate of its own unchanged. Replace it with your function.

/// The Levenshtein distance between `a` and `b`: the fewest single-character insertions,
/// deletions and substitutions that turn one into the other, counted in Unicode scalar values
/// (Rust `char`s), which is what the TypeScript twin counts too (code points).
///
/// Time O(|a| × |b|), memory O(|b|): one row of the dynamic-programming table.
pub fn __function_snake__(a: &str, b: &str) -> u32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // row[j] = distance between the part of `a` seen so far and the first j chars of `b`.
    let mut row: Vec<u32> = (0..=b.len() as u32).collect();
    for (i, &char_a) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i as u32 + 1;
        for (j, &char_b) in b.iter().enumerate() {
            let above = row[j + 1];
            let substitution = diagonal + u32::from(char_a != char_b);
            row[j + 1] = substitution.min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::__function_snake__;

    #[test]
    fn known_answers() {
        assert_eq!(__function_snake__("kitten", "sitting"), 3);
        assert_eq!(__function_snake__("flaw", "lawn"), 2);
        assert_eq!(__function_snake__("", "abc"), 3);
        assert_eq!(__function_snake__("abc", ""), 3);
        assert_eq!(__function_snake__("same", "same"), 0);
    }

    #[test]
    fn counts_chars_not_bytes() {
        // 'é' is two bytes in UTF-8 and '😀' four: each is still one edit.
        assert_eq!(__function_snake__("café", "cafe"), 1);
        assert_eq!(__function_snake__("😀", "a"), 1);
    }

    #[test]
    fn is_symmetric() {
        assert_eq!(
            __function_snake__("sunday", "saturday"),
            __function_snake__("saturday", "sunday")
        );
    }
}
