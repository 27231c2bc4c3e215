import Glibc

/// A fast, table-driven `exp` for the lognormal hot path, accurate to about one ulp.
///
/// `exp(x) = 2^(n / 64) · exp(r)` with `n = round(64 x / ln 2)` and `|r| <= ln 2 / 128`: the power
/// comes from a 64-entry table of `2^(j / 64)` (correctly rounded) and an exponent shift, `exp(r)`
/// from its Taylor polynomial of degree 5 (truncation below 0.2 ulp). It uses only IEEE arithmetic,
/// so results are the same on every platform, and it inlines into the sampling loop, where the C
/// library's `exp` would be a call. Arguments beyond ±708 (overflow, subnormal results, NaN) go to
/// the C library.
enum FastExp {
    /// The bit patterns of `2^(j / 64)` for j in 0..<64, correctly rounded.
    static let powers: [UInt64] = [
        0x3FF0_0000_0000_0000, 0x3FF0_2C9A_3E77_8061, 0x3FF0_59B0_D315_8574, 0x3FF0_8745_1875_9BC8,
        0x3FF0_B558_6CF9_890F, 0x3FF0_E3EC_32D3_D1A2, 0x3FF1_1301_D012_5B51, 0x3FF1_429A_AEA9_2DE0,
        0x3FF1_72B8_3C7D_517B, 0x3FF1_A35B_EB6F_CB75, 0x3FF1_D487_3168_B9AA, 0x3FF2_063B_8862_8CD6,
        0x3FF2_387A_6E75_6238, 0x3FF2_6B45_65E2_7CDD, 0x3FF2_9E9D_F51F_DEE1, 0x3FF2_D285_A6E4_030B,
        0x3FF3_06FE_0A31_B715, 0x3FF3_3C08_B264_16FF, 0x3FF3_71A7_373A_A9CB, 0x3FF3_A7DB_34E5_9FF7,
        0x3FF3_DEA6_4C12_3422, 0x3FF4_160A_21F7_2E2A, 0x3FF4_4E08_6061_892D, 0x3FF4_86A2_B5C1_3CD0,
        0x3FF4_BFDA_D536_2A27, 0x3FF4_F9B2_769D_2CA7, 0x3FF5_342B_569D_4F82, 0x3FF5_6F47_36B5_27DA,
        0x3FF5_AB07_DD48_5429, 0x3FF5_E76F_15AD_2148, 0x3FF6_247E_B03A_5585, 0x3FF6_6238_8255_2225,
        0x3FF6_A09E_667F_3BCD, 0x3FF6_DFB2_3C65_1A2F, 0x3FF7_1F75_E8EC_5F74, 0x3FF7_5FEB_5642_67C9,
        0x3FF7_A114_73EB_0187, 0x3FF7_E2F3_36CF_4E62, 0x3FF8_2589_994C_CE13, 0x3FF8_68D9_9B44_92ED,
        0x3FF8_ACE5_422A_A0DB, 0x3FF8_F1AE_9915_7736, 0x3FF9_3737_B0CD_C5E5, 0x3FF9_7D82_9FDE_4E50,
        0x3FF9_C491_82A3_F090, 0x3FFA_0C66_7B5D_E565, 0x3FFA_5503_B23E_255D, 0x3FFA_9E6B_5579_FDBF,
        0x3FFA_E89F_995A_D3AD, 0x3FFB_33A2_B84F_15FB, 0x3FFB_7F76_F2FB_5E47, 0x3FFB_CC1E_904B_C1D2,
        0x3FFC_199B_DD85_529C, 0x3FFC_67F1_2E57_D14B, 0x3FFC_B720_DCEF_9069, 0x3FFD_072D_4A07_897C,
        0x3FFD_5818_DCFB_A487, 0x3FFD_A9E6_03DB_3285, 0x3FFD_FC97_337B_9B5F, 0x3FFE_502E_E78B_3FF6,
        0x3FFE_A4AF_A2A4_90DA, 0x3FFE_FA1B_EE61_5A27, 0x3FFF_5076_5B6E_4540, 0x3FFF_A7C1_819E_90D8,
    ]

    /// `64 / ln 2`.
    static let scale = 92.332_482_616_893_66

    /// The high part of `ln 2 / 64`, with enough trailing zero bits that `n · ln2High` is exact.
    static let ln2High = 0.010_830_424_693_267_56

    /// The low part of `ln 2 / 64`: `ln 2 / 64 − ln2High`.
    static let ln2Low = 2.981_585_826_985_293_3e-12

    /// Adding and subtracting 1.5 · 2^52 rounds a double of magnitude below 2^51 to an integer.
    static let shifter = 0x1.8p52

    /// Returns `exp(x)`, reading the table of powers from `powers` (the `powers` array's storage).
    @inline(__always)
    static func exponential(_ x: Double, _ powers: UnsafeBufferPointer<UInt64>) -> Double {
        guard x.magnitude <= 708 else {
            return Glibc.exp(x)
        }
        let rounded = (x * scale + shifter) - shifter
        let n = Int64(rounded)
        let r = (x - rounded * ln2High) - rounded * ln2Low
        // Estrin's scheme keeps the dependency chain short, so consecutive samples overlap in the pipeline.
        let r2 = r * r
        let low = 0.5 + r * 0.166_666_666_666_666_66
        let high = 0.041_666_666_666_666_664 + r * 0.008_333_333_333_333_333
        let polynomial = r + r2 * (low + r2 * high)
        let power = Double(bitPattern: powers[Int(truncatingIfNeeded: n & 63)])
        let value = power + power * polynomial
        return Double(bitPattern: value.bitPattern &+ (UInt64(bitPattern: n >> 6) << 52))
    }
}
