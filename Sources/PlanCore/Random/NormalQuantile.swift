import Glibc

extension Distribution {
    /// Returns the standard normal quantile Φ⁻¹(p) by Wichura's algorithm AS 241 (PPND16), accurate to about 1e-16.
    ///
    /// Three rational approximations cover |p − 0.5| <= 0.425, the body out to `sqrt(−ln p) = 5`
    /// (p ≈ 1.4e-11), and the far tail. Returns −∞ for p <= 0, +∞ for p >= 1 and NaN for NaN.
    public static func standardNormalQuantile(_ p: Double) -> Double {
        if p.isNaN {
            return .nan
        }
        if p <= 0 {
            return -.infinity
        }
        if p >= 1 {
            return .infinity
        }
        let q = p - 0.5
        if q.magnitude <= 0.425 {
            let r = 0.180_625 - q * q
            return q * centralNumerator(r) / centralDenominator(r)
        }
        var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            value = bodyNumerator(r) / bodyDenominator(r)
        } else {
            r -= 5
            value = tailNumerator(r) / tailDenominator(r)
        }
        return q < 0 ? -value : value
    }

    /// Returns the standard normal CDF Φ(z), computed as `erfc(−z / √2) / 2`.
    ///
    /// The lower tail keeps full relative precision; near 1 the result is limited by the spacing of doubles.
    public static func standardNormalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z * 0.707_106_781_186_547_524_4)
    }

    /// AS 241's numerator for |p − 0.5| <= 0.425 (coefficients a0…a7), in `r = 0.180625 − q²`.
    private static func centralNumerator(_ r: Double) -> Double {
        var sum = 2.509_080_928_730_122_672_7e3
        sum = sum * r + 3.343_057_558_358_812_810_5e4
        sum = sum * r + 6.726_577_092_700_870_085_3e4
        sum = sum * r + 4.592_195_393_154_987_145_7e4
        sum = sum * r + 1.373_169_376_550_946_112_5e4
        sum = sum * r + 1.971_590_950_306_551_442_7e3
        sum = sum * r + 1.331_416_678_917_843_774_5e2
        return sum * r + 3.387_132_872_796_366_608_0
    }

    /// AS 241's denominator for |p − 0.5| <= 0.425 (coefficients b1…b7, b0 = 1).
    private static func centralDenominator(_ r: Double) -> Double {
        var sum = 5.226_495_278_852_854_561_0e3
        sum = sum * r + 2.872_908_573_572_194_267_4e4
        sum = sum * r + 3.930_789_580_009_271_061_0e4
        sum = sum * r + 2.121_379_430_158_659_586_7e4
        sum = sum * r + 5.394_196_021_424_751_107_7e3
        sum = sum * r + 6.871_870_074_920_579_083_0e2
        sum = sum * r + 4.231_333_070_160_091_125_2e1
        return sum * r + 1
    }

    /// AS 241's numerator for the body (coefficients c0…c7), in `r = sqrt(−ln p) − 1.6`.
    private static func bodyNumerator(_ r: Double) -> Double {
        var sum = 7.745_450_142_783_414_076_40e-4
        sum = sum * r + 2.272_384_498_926_918_458_33e-2
        sum = sum * r + 2.417_807_251_774_506_117_70e-1
        sum = sum * r + 1.270_458_252_452_368_382_58
        sum = sum * r + 3.647_848_324_763_204_605_04
        sum = sum * r + 5.769_497_221_460_691_405_50
        sum = sum * r + 4.630_337_846_156_545_295_90
        return sum * r + 1.423_437_110_749_683_577_34
    }

    /// AS 241's denominator for the body (coefficients d1…d7, d0 = 1).
    private static func bodyDenominator(_ r: Double) -> Double {
        var sum = 1.050_750_071_644_416_843_24e-9
        sum = sum * r + 5.475_938_084_995_344_946_00e-4
        sum = sum * r + 1.519_866_656_361_645_719_66e-2
        sum = sum * r + 1.481_039_764_274_800_745_90e-1
        sum = sum * r + 6.897_673_349_851_000_045_50e-1
        sum = sum * r + 1.676_384_830_183_803_849_40
        sum = sum * r + 2.053_191_626_637_758_821_87
        return sum * r + 1
    }

    /// AS 241's numerator for the far tail (coefficients e0…e7), in `r = sqrt(−ln p) − 5`.
    private static func tailNumerator(_ r: Double) -> Double {
        var sum = 2.010_334_399_292_288_132_65e-7
        sum = sum * r + 2.711_555_568_743_487_578_15e-5
        sum = sum * r + 1.242_660_947_388_078_438_60e-3
        sum = sum * r + 2.653_218_952_657_612_309_30e-2
        sum = sum * r + 2.965_605_718_285_048_912_30e-1
        sum = sum * r + 1.784_826_539_917_291_335_80
        sum = sum * r + 5.463_784_911_164_114_369_90
        return sum * r + 6.657_904_643_501_103_777_20
    }

    /// AS 241's denominator for the far tail (coefficients f1…f7, f0 = 1).
    private static func tailDenominator(_ r: Double) -> Double {
        var sum = 2.044_263_103_389_939_785_64e-15
        sum = sum * r + 1.421_511_758_316_445_888_70e-7
        sum = sum * r + 1.846_318_317_510_054_681_80e-5
        sum = sum * r + 7.868_691_311_456_132_591_00e-4
        sum = sum * r + 1.487_536_129_085_061_485_25e-2
        sum = sum * r + 1.369_298_809_227_358_053_10e-1
        sum = sum * r + 5.998_322_065_558_879_376_90e-1
        return sum * r + 1
    }
}
