//! The engine's own random number generators: SplitMix64 for seeding and
//! xoshiro256++ for the draws (both by Sebastiano Vigna, public domain
//! reference algorithms). Integer arithmetic only, so a seed produces the
//! same stream on every platform, natively and in WebAssembly.

/// SplitMix64: a 64-bit counter passed through a strong mixing function.
/// Used to expand one seed into independent generator states.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed` (every seed is valid).
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.state)
    }
}

/// SplitMix64's finaliser: a bijective avalanche of 64 bits.
pub(crate) fn mix64(value: u64) -> u64 {
    let mut z = value;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256++ 1.0: 256 bits of state, period 2^256 - 1, fast and passes
/// BigCrush. Seeded through SplitMix64 as its authors recommend.
#[derive(Clone, Debug)]
pub(crate) struct Xoshiro256PlusPlus {
    state: [u64; 4],
}

impl Xoshiro256PlusPlus {
    /// A generator whose state is four consecutive SplitMix64 outputs of `seed`.
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut seeder = SplitMix64::new(seed);
        let state = [
            seeder.next_u64(),
            seeder.next_u64(),
            seeder.next_u64(),
            seeder.next_u64(),
        ];
        // SplitMix64 outputs are a bijection of distinct counters, so four of
        // them cannot all be zero; the all-zero state is the only invalid one.
        debug_assert!(state.iter().any(|&word| word != 0));
        Self { state }
    }

    /// The stream for one block of iterations of one risk under `seed`.
    ///
    /// Each (seed, block, risk) triple gets its own generator, so iteration k
    /// of risk i draws the same numbers however the iterations are split
    /// into shards and whatever else is simulated alongside (common random
    /// numbers across scenarios).
    pub(crate) fn for_block(seed: u64, block: u64, risk: u64) -> Self {
        let mut key = mix64(seed ^ 0x6A09_E667_F3BC_C908);
        key = mix64(key ^ block.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        key = mix64(key ^ risk.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Self::seed_from_u64(key)
    }

    /// The next 64 random bits.
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform number in [0, 1) with 53 random bits (a multiple of 2^-53).
    #[inline(always)]
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform number in (0, 1], for logarithms.
    #[inline(always)]
    pub(crate) fn next_open_f64(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        // Reference outputs of splitmix64.c for seed 1234567.
        let mut generator = SplitMix64::new(1_234_567);
        let expected = [
            6_457_827_717_110_365_317u64,
            3_203_168_211_198_807_973,
            9_817_491_932_198_370_423,
            4_593_380_528_125_082_431,
            16_408_922_859_458_223_821,
        ];
        for value in expected {
            assert_eq!(generator.next_u64(), value);
        }
    }

    #[test]
    fn xoshiro256plusplus_matches_the_reference_sequence() {
        // State 1, 2, 3, 4 and the first outputs of xoshiro256plusplus.c.
        let mut generator = Xoshiro256PlusPlus {
            state: [1, 2, 3, 4],
        };
        let expected = [
            41_943_041u64,
            58_720_359,
            3_588_806_011_781_223,
            3_591_011_842_654_386,
            9_228_616_714_210_784_205,
            9_973_669_472_204_895_162,
            14_011_001_112_246_962_877,
            12_406_186_145_184_390_807,
            15_849_039_046_786_891_736,
            10_450_023_813_501_588_000,
        ];
        for value in expected {
            assert_eq!(generator.next_u64(), value);
        }
    }

    #[test]
    fn uniforms_stay_in_their_intervals() {
        let mut generator = Xoshiro256PlusPlus::seed_from_u64(7);
        for _ in 0..10_000 {
            let u = generator.next_f64();
            assert!((0.0..1.0).contains(&u));
            let v = generator.next_open_f64();
            assert!(v > 0.0 && v <= 1.0);
        }
    }
}
