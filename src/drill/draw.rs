//! Random draws keyed by stable names.
//!
//! Every draw of a run is a pure function of the seed and of what it is for: the
//! scenario, the party, the action and its instance, the purpose. Two versions of a
//! plan therefore draw the same numbers for everything they share, and an edit changes
//! only the draws of what it touches (comparable versions, `--compare`). A name is
//! hashed once, when the drill model is built ([`name_key`]); a draw mixes the keys
//! with a 64-bit finalizer. Integer arithmetic only, so a seed gives the same bits on
//! every machine.

/// The stable key of a name (FNV-1a over its UTF-8 bytes, then mixed).
pub fn name_key(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// The key of several names together (order matters).
pub fn names_key<'a>(names: impl IntoIterator<Item = &'a str>) -> u64 {
    names
        .into_iter()
        .fold(0x9e37_79b9_7f4a_7c15, |k, n| combine(k, name_key(n)))
}

/// The SplitMix64 finalizer: every input bit moves every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Two keys as one.
pub fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b.wrapping_add(0x9e37_79b9_7f4a_7c15))
}

/// What a draw is for: the last part of its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Scenario = 1,
    Param,
    Onset,
    Genuine,
    InjectChance,
    InjectTime,
    InjectEffect,
    Detection,
    Notice,
    Reach,
    BackupReach,
    Handover,
    Work,
    Consult,
    Approve,
    ApproveWork,
    Misstatement,
    Declarer,
    StandDown,
    Report,
    MediaCalls,
    /// Whether the command does an optional action.
    Discretion,
    /// Whether a condition in words holds.
    Condition,
}

/// The draws of one seed.
#[derive(Clone, Copy, Debug, Default)]
pub struct Draws {
    seed: u64,
}

impl Draws {
    pub fn new(seed: u64) -> Draws {
        Draws {
            seed: mix(seed ^ 0x005e_ed0f_d811),
        }
    }

    /// The raw 64 bits for a key: what (a name's key), which one (an instance, an
    /// index) and what for.
    pub fn bits(&self, what: u64, which: u64, purpose: Purpose) -> u64 {
        Draws::bits_of(self.of(what), which, purpose)
    }

    /// The first half of a key, `what` under this seed: the draws of one thing for
    /// several purposes share it ([`Draws::unit_of`]).
    pub fn of(&self, what: u64) -> u64 {
        combine(self.seed, what)
    }

    fn bits_of(of: u64, which: u64, purpose: Purpose) -> u64 {
        combine(
            of,
            which.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ purpose as u64,
        )
    }

    /// The uniform draw [`Draws::unit`] gives for the key whose first half is `of`
    /// ([`Draws::of`]): the same bits, one mixing less.
    pub fn unit_of(of: u64, which: u64, purpose: Purpose) -> f64 {
        (Draws::bits_of(of, which, purpose) >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform draw in [0, 1).
    pub fn unit(&self, what: u64, which: u64, purpose: Purpose) -> f64 {
        Draws::unit_of(self.of(what), which, purpose)
    }

    /// A standard normal draw (by the inverse of the normal distribution function).
    pub fn normal(&self, what: u64, which: u64, purpose: Purpose) -> f64 {
        inverse_normal(self.unit(what, which, purpose))
    }

    /// An exponential draw of mean 1.
    pub fn exponential(&self, what: u64, which: u64, purpose: Purpose) -> f64 {
        -libm::log(1.0 - self.unit(what, which, purpose))
    }
}

/// The quantile function of the standard normal distribution (P. J. Acklam's rational
/// approximation, relative error below 1.2·10⁻⁹): no transcendental function in the
/// central 95 %, so a normal draw costs little.
pub fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let tail = |q: f64| {
        let q = libm::sqrt(-2.0 * libm::log(q));
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail(p)
    } else if p > 1.0 - LOW {
        -tail(1.0 - p)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_depend_only_on_their_key() {
        let d = Draws::new(7);
        let a = name_key("首次回应");
        assert_eq!(
            d.unit(a, 0, Purpose::Work),
            Draws::new(7).unit(a, 0, Purpose::Work)
        );
        assert_ne!(d.unit(a, 0, Purpose::Work), d.unit(a, 1, Purpose::Work));
        assert_ne!(d.unit(a, 0, Purpose::Work), d.unit(a, 0, Purpose::Reach));
        assert_ne!(
            d.unit(a, 0, Purpose::Work),
            Draws::new(8).unit(a, 0, Purpose::Work)
        );
    }

    #[test]
    fn a_shared_first_half_draws_the_same_bits() {
        let d = Draws::new(11);
        let a = name_key("续报");
        for (which, purpose) in [(0, Purpose::Reach), (3, Purpose::Handover)] {
            assert_eq!(
                d.unit(a, which, purpose).to_bits(),
                Draws::unit_of(d.of(a), which, purpose).to_bits()
            );
        }
    }

    #[test]
    fn uniforms_and_normals_have_their_moments() {
        let d = Draws::new(1);
        let n = 200_000u64;
        let (mut s, mut s2, mut u) = (0.0, 0.0, 0.0);
        for i in 0..n {
            let z = d.normal(3, i, Purpose::Reach);
            s += z;
            s2 += z * z;
            u += d.unit(3, i, Purpose::Work);
        }
        let nf = n as f64;
        assert!((s / nf).abs() < 0.01, "{}", s / nf);
        assert!((s2 / nf - 1.0).abs() < 0.02, "{}", s2 / nf);
        assert!((u / nf - 0.5).abs() < 0.005, "{}", u / nf);
    }

    #[test]
    fn the_inverse_normal_is_accurate() {
        assert!(inverse_normal(0.5).abs() < 1e-12);
        assert!((inverse_normal(0.975) - 1.959_963_985).abs() < 1e-6);
        assert!((inverse_normal(0.001) + 3.090_232_306).abs() < 1e-6);
    }
}
