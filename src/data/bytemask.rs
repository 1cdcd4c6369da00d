//! Where given bytes are in a 64-byte block, as bitmasks: the structural
//! pass shared by the CSV reader (delimiters, quotes, line ends).
//!
//! Bit `i` of `masks(block, wanted)[k]` is set exactly when `block[i]` is
//! `wanted[k]`. On x86-64 each 16 bytes take one SSE2 compare and movemask
//! per wanted byte (SSE2 is part of every x86-64 CPU, so the one binary
//! runs anywhere; `safe_arch` keeps it free of `unsafe`); elsewhere a
//! portable word-at-a-time version computes the same bits.

/// The masks of `wanted` in the first 64 bytes of `bytes`; past the end of
/// a shorter slice every bit is clear.
#[inline]
pub fn masks<const N: usize>(bytes: &[u8], wanted: [u8; N]) -> [u64; N] {
    match bytes.first_chunk::<64>() {
        Some(block) => block_masks(block, wanted),
        None => {
            // Padding equal to a wanted byte would set bits: clear them.
            let mut padded = [0; 64];
            padded[..bytes.len()].copy_from_slice(bytes);
            let valid = (1_u64 << bytes.len()) - 1;
            block_masks(&padded, wanted).map(|mask| mask & valid)
        }
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn block_masks<const N: usize>(block: &[u8; 64], wanted: [u8; N]) -> [u64; N] {
    use safe_arch::{
        cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let mut masks = [0; N];
    for (index, part) in block.chunks_exact(16).enumerate() {
        let Some(part) = part.first_chunk::<16>() else {
            continue;
        };
        let bytes = load_unaligned_m128i(part);
        for (mask, &byte) in masks.iter_mut().zip(&wanted) {
            let equal = cmp_eq_mask_i8_m128i(bytes, set_splat_i8_m128i(byte as i8));
            *mask |= u64::from(move_mask_i8_m128i(equal) as u16) << (16 * index);
        }
    }
    masks
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
fn block_masks<const N: usize>(block: &[u8; 64], wanted: [u8; N]) -> [u64; N] {
    portable_masks(block, wanted)
}

/// The same bits as `block_masks`, eight bytes at a time: a byte equals
/// `b` when `word ^ splat(b)` has a zero byte there, found exactly (no
/// borrow between bytes) and gathered by a multiply.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn portable_masks<const N: usize>(block: &[u8; 64], wanted: [u8; N]) -> [u64; N] {
    const LOW_SEVEN: u64 = u64::from_le_bytes([0x7f; 8]);
    let zero = |x: u64| !(((x & LOW_SEVEN).wrapping_add(LOW_SEVEN)) | x) & !LOW_SEVEN;
    let mut masks = [0; N];
    for (index, word) in block.chunks_exact(8).enumerate() {
        let mut array = [0; 8];
        array.copy_from_slice(word);
        let word = u64::from_le_bytes(array);
        for (mask, &byte) in masks.iter_mut().zip(&wanted) {
            let high = zero(word ^ u64::from_le_bytes([byte; 8]));
            *mask |= (((high >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56) << (8 * index);
        }
    }
    masks
}

#[cfg(test)]
mod tests {
    use super::{masks, portable_masks};

    #[test]
    fn every_wanted_byte_is_found_at_any_position_and_length() {
        let wanted = [b',', b'"', b'\r', b'\n'];
        let mut seed = 11_u64;
        for length in [0, 1, 15, 16, 17, 63, 64] {
            let bytes: Vec<u8> = (0..length)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    [b'a', b',', b'"', b'\r', b'\n', 0, 0xff, 0x80][(seed >> 33) as usize % 8]
                })
                .collect();
            let got = masks(&bytes, wanted);
            for (k, &byte) in wanted.iter().enumerate() {
                let expected = (0..length)
                    .filter(|&at| bytes[at] == byte)
                    .fold(0_u64, |mask, at| mask | 1 << at);
                assert_eq!(got[k], expected, "byte {byte} length {length}");
            }
        }
    }

    #[test]
    fn the_portable_masks_equal_the_vector_masks_on_every_byte_value() {
        for first in (0..=255_u8).step_by(64) {
            let block: [u8; 64] = std::array::from_fn(|index| first.wrapping_add(index as u8));
            for byte in [0, b',', b'"', 0x7f, 0x80, 0xff] {
                assert_eq!(portable_masks(&block, [byte]), masks(&block, [byte]));
            }
        }
    }
}
