//! Where a string scan must stop: `"`, `\` and control bytes, found 64
//! bytes at a time.
//!
//! A lead line is mostly short strings (keys and values), so finding the
//! end of each one separately costs a call and a loop per string. Instead
//! the scanner asks [`Stops::next`], which classifies the line one 64-byte
//! block at a time into a bitmask (one bit per byte) and remembers the
//! block it computed last; as the scanner only moves forward, each block
//! is classified about once per line, and each string end is then a
//! `trailing_zeros`. On x86-64 a block is four SSE2 compares and
//! movemasks (SSE2 is part of every x86-64 CPU, so the one binary runs
//! anywhere; `safe_arch` keeps it free of `unsafe`); elsewhere a portable
//! word-at-a-time version computes the same bits. INVARIANT: bit `i` of a
//! block's mask is set exactly when byte `64 * block + i` is a stop byte;
//! bits past the line's end are clear.

/// Eight copies of one byte.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
const LOW_SEVEN: u64 = splat(0x7f);

/// The cached mask of the block the scanner is in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stops {
    block: usize,
    mask: u64,
}

impl Stops {
    pub fn new() -> Stops {
        Stops {
            block: usize::MAX,
            mask: 0,
        }
    }

    /// The first stop byte at or after `from` in `bytes`.
    #[inline(always)]
    pub fn next(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        let mut block = from / 64;
        let mut mask = self.mask(bytes, block) & (u64::MAX << (from % 64));
        loop {
            if mask != 0 {
                return Some(block * 64 + mask.trailing_zeros() as usize);
            }
            block += 1;
            if block * 64 >= bytes.len() {
                return None;
            }
            mask = self.mask(bytes, block);
        }
    }

    #[inline(always)]
    fn mask(&mut self, bytes: &[u8], block: usize) -> u64 {
        if self.block != block {
            self.block = block;
            self.mask = block_mask(bytes.get(block * 64..).unwrap_or_default());
        }
        self.mask
    }
}

/// The stop bits of the first 64 bytes of `bytes` (fewer at the end).
/// Kept out of line: it runs once per block, its callers once per string.
#[inline(never)]
fn block_mask(bytes: &[u8]) -> u64 {
    let mut padded = [b' '; 64];
    let block: &[u8; 64] = match bytes.first_chunk::<64>() {
        Some(full) => full,
        None => {
            padded[..bytes.len()].copy_from_slice(bytes);
            &padded
        }
    };
    full_block_mask(block)
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn full_block_mask(block: &[u8; 64]) -> u64 {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, max_u8_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let quote = set_splat_i8_m128i(b'"' as i8);
    let backslash = set_splat_i8_m128i(b'\\' as i8);
    let highest_control = set_splat_i8_m128i(0x1f);
    let mut mask = 0;
    for (index, part) in block.chunks_exact(16).enumerate() {
        let Some(part) = part.first_chunk::<16>() else {
            continue;
        };
        let bytes = load_unaligned_m128i(part);
        let quotes = cmp_eq_mask_i8_m128i(bytes, quote);
        let backslashes = cmp_eq_mask_i8_m128i(bytes, backslash);
        // byte <= 0x1f (unsigned) exactly when max(byte, 0x1f) == 0x1f
        let controls = cmp_eq_mask_i8_m128i(max_u8_m128i(bytes, highest_control), highest_control);
        let stops = bitor_m128i(bitor_m128i(quotes, backslashes), controls);
        mask |= u64::from(move_mask_i8_m128i(stops) as u16) << (16 * index);
    }
    mask
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn full_block_mask(block: &[u8; 64]) -> u64 {
    portable_block_mask(block)
}

/// The same bits as `full_block_mask`, eight bytes at a time.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn portable_block_mask(block: &[u8; 64]) -> u64 {
    let mut mask = 0;
    for (index, word) in block.chunks_exact(8).enumerate() {
        let mut array = [0; 8];
        array.copy_from_slice(word);
        mask |= word_stops(u64::from_le_bytes(array)) << (8 * index);
    }
    mask
}

/// One bit per byte of `word` (low byte first): is it `"`, `\` or below
/// 0x20? Exact per byte (no borrow between bytes), then gathered by a
/// multiply that moves bit 8i to bit 56+i without collisions.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn word_stops(word: u64) -> u64 {
    let zero = |x: u64| !(((x & LOW_SEVEN).wrapping_add(LOW_SEVEN)) | x) & !LOW_SEVEN;
    let high = zero(word ^ splat(b'"')) | zero(word ^ splat(b'\\')) | zero(word & splat(0xe0));
    ((high >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

#[cfg(test)]
mod tests {
    use super::{Stops, full_block_mask, portable_block_mask};

    fn is_stop(byte: u8) -> bool {
        byte == b'"' || byte == b'\\' || byte < 0x20
    }

    #[test]
    fn every_stop_byte_is_found_in_order_at_any_position() {
        let alphabet = [
            b'a', b'"', b'\\', 0x01, 0x1f, 0x20, 0x7f, 0x80, 0xe0, 0xff, b'{',
        ];
        let mut seed = 7_u64;
        for length in [0, 1, 7, 8, 63, 64, 65, 130, 200] {
            let bytes: Vec<u8> = (0..length)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            let expected: Vec<usize> = (0..length).filter(|&at| is_stop(bytes[at])).collect();
            let mut found = Vec::new();
            let mut stops = Stops::new();
            let mut from = 0;
            while let Some(at) = stops.next(&bytes, from) {
                found.push(at);
                from = at + 1;
            }
            assert_eq!(found, expected, "length {length}");
        }
    }

    #[test]
    fn the_portable_mask_equals_the_vector_mask_on_every_byte_value() {
        for first in (0..=255_u8).step_by(64) {
            let block: [u8; 64] = std::array::from_fn(|index| first.wrapping_add(index as u8));
            assert_eq!(portable_block_mask(&block), full_block_mask(&block));
            let expected = (0..64)
                .filter(|&index| matches!(block[index], b'"' | b'\\' | 0..=0x1f))
                .fold(0_u64, |mask, index| mask | 1 << index);
            assert_eq!(full_block_mask(&block), expected);
        }
    }
}
