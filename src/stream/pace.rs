//! How many input bytes the next chunk takes, so that memory stays bounded
//! by the output as well as the input.
//!
//! A chunk's output lives in its buffers until it is written, and a lead's
//! output can be a hundred times its input line (`--explain` on a file of
//! 300 rules writes 66 KB for a 646-byte line): chunks of a fixed input
//! size made a run's peak memory grow with the rule file (101 MB at two
//! threads). So the chunker starts small and sizes each chunk by what the
//! last one in the same buffers wrote, aiming at half of `limit` bytes of
//! output (so a buffer grown by doubling stays within `limit`) and never
//! above `limit` bytes of input; growth is at most a doubling a chunk, so
//! one quiet chunk does not let the next one swell, and the chunks read
//! before any output is known are small.

/// The smallest chunk, and the first (when `limit` is larger): 16 CSV
/// records of 252 bytes.
const SMALLEST: usize = 4 * 1024;

/// A buffer holding more than this many times `limit` after a chunk is
/// given back its memory (one lead with a huge output, say).
const SHRINK_AT: usize = 4;

/// The chunk size, from the output of earlier chunks.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pace {
    limit: usize,
    size: usize,
}

impl Pace {
    /// Chunks of at most `limit` input bytes, aiming at `limit / 2` output bytes.
    pub fn new(limit: usize) -> Pace {
        Pace {
            limit,
            size: limit.min(SMALLEST),
        }
    }

    /// The input size of the next chunk.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Notes that a chunk of `input` bytes wrote `output` bytes.
    pub fn observe(&mut self, input: usize, output: usize) {
        if input == 0 {
            return;
        }
        let aim = self.limit as u128 / 2;
        let fitting = (aim * input as u128 / output.max(1) as u128)
            .try_into()
            .unwrap_or(usize::MAX);
        let ceiling = self.size.saturating_mul(2).min(self.limit);
        self.size = fitting.clamp(SMALLEST.min(ceiling), ceiling);
    }

    /// Gives back the memory of a buffer far larger than a chunk needs.
    pub fn trim<T>(&self, buffer: &mut Vec<T>) {
        let items = self.limit / size_of::<T>().max(1);
        if buffer.capacity() > SHRINK_AT.saturating_mul(items) {
            buffer.clear();
            buffer.shrink_to(items);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pace;

    #[test]
    fn a_quiet_output_grows_the_chunks_by_doubling_up_to_the_limit() {
        let mut pace = Pace::new(1 << 20);
        let mut sizes = vec![pace.size()];
        for _ in 0..10 {
            pace.observe(pace.size(), pace.size() / 4);
            sizes.push(pace.size());
        }
        let kib: Vec<usize> = sizes.iter().map(|size| size / 1024).collect();
        assert_eq!(kib, [4, 8, 16, 32, 64, 128, 256, 512, 1024, 1024, 1024]);
    }

    #[test]
    fn a_loud_output_shrinks_the_next_chunk_to_fit_half_the_limit() {
        let mut pace = Pace::new(1 << 20);
        while pace.size() < 1 << 20 {
            pace.observe(pace.size(), 0);
        }
        pace.observe(1 << 20, 4 << 20);
        assert_eq!(pace.size(), 128 * 1024);
        pace.observe(128 * 1024, 100 * 128 * 1024);
        assert_eq!(pace.size(), 5_242);
        pace.observe(1, 1 << 40);
        assert_eq!(pace.size(), 4 * 1024);
    }

    #[test]
    fn a_limit_below_the_first_size_is_kept_as_it_is() {
        let mut pace = Pace::new(64);
        assert_eq!(pace.size(), 64);
        pace.observe(64, 1 << 20);
        assert_eq!(pace.size(), 64);
        pace.observe(64, 0);
        assert_eq!(pace.size(), 64);
    }

    #[test]
    fn an_oversized_buffer_is_trimmed_and_a_fitting_one_kept() {
        let pace = Pace::new(1024);
        let mut big: Vec<u8> = Vec::with_capacity(64 * 1024);
        pace.trim(&mut big);
        assert!(big.capacity() < 64 * 1024);
        let mut fitting: Vec<u8> = Vec::with_capacity(2048);
        pace.trim(&mut fitting);
        assert_eq!(fitting.capacity(), 2048);
    }
}
