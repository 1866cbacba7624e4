//! The work itself, in plain Rust: no Node-API types, so it is unit-tested with `cargo test` and
//! could move to a crate of its own unchanged. Replace it with your function.

/// Bytes per pixel of the input: red, green, blue, alpha.
pub const CHANNELS: usize = 4;

/// How many bytes the result of `input_length` input bytes has: one a pixel, or `None` when the
/// input is not a whole number of pixels. The one place this rule lives on the Rust side
/// (`src/contract.ts` has its twin).
pub fn output_length(input_length: usize) -> Option<usize> {
    input_length
        .is_multiple_of(CHANNELS)
        .then_some(input_length / CHANNELS)
}

/// Writes the luma of each RGBA pixel of `rgba` into `output`, one byte per pixel:
/// `(77 R + 150 G + 29 B + 128) >> 8`, the ITU-R BT.601 weights (0.299, 0.587, 0.114) in integers
/// that add up to 256, so that white stays 255 and both implementations agree to the bit. Alpha is
/// ignored. Writing into memory the caller owns is what lets the binding return bytes without
/// allocating.
///
/// `output.len()` must be [`output_length`] of `rgba.len()`: the binding checks it first. Any whole
/// number of pixels is a valid input, so the async binding can hand it over a slice at a time.
pub fn __function_snake__(rgba: &[u8], output: &mut [u8]) {
    debug_assert_eq!(rgba.len(), output.len() * CHANNELS);
    for (pixel, luma) in rgba.chunks_exact(CHANNELS).zip(output.iter_mut()) {
        let [red, green, blue] = [pixel[0], pixel[1], pixel[2]].map(u32::from);
        *luma = ((77 * red + 150 * green + 29 * blue + 128) >> 8) as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::{__function_snake__, output_length};

    fn luma(rgba: &[u8]) -> Vec<u8> {
        let mut output = vec![0; output_length(rgba.len()).unwrap()];
        __function_snake__(rgba, &mut output);
        output
    }

    #[test]
    fn known_answers() {
        assert_eq!(luma(&[0, 0, 0, 255, 255, 255, 255, 0]), [0, 255]);
        // Pure red, green and blue: their weights, rounded.
        assert_eq!(luma(&[255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]), [77, 149, 29]);
        assert_eq!(luma(&[]), [] as [u8; 0]);
    }

    #[test]
    fn within_one_of_the_exact_weights() {
        for value in (0..=255u8).step_by(5) {
            let [r, g, b] = [value, 255 - value, value / 2];
            let exact = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
            let got = f64::from(luma(&[r, g, b, 0])[0]);
            assert!((got - exact).abs() <= 1.0, "{r} {g} {b}: {got} vs {exact}");
        }
    }
}
