/// A fast seeded generator (xoshiro256** seeded through splitmix64); reproducible across runs and platforms.
///
/// The same seed gives the same sequence on every platform: the state is four 64-bit words filled by
/// splitmix64 from the seed, and each step is xoshiro256** (Blackman and Vigna, 2018). Independent
/// streams for worker threads or chunks come from `stream(_:)`, which jumps 2^128 steps ahead per index,
/// so streams never overlap in practice.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    /// The first state word.
    @usableFromInline var s0: UInt64
    /// The second state word.
    @usableFromInline var s1: UInt64
    /// The third state word.
    @usableFromInline var s2: UInt64
    /// The fourth state word.
    @usableFromInline var s3: UInt64

    /// Creates a generator whose state is four splitmix64 outputs of `seed`.
    ///
    /// Splitmix64 never yields four zero words in a row, so the state is always valid.
    @inlinable
    public init(seed: UInt64) {
        var mixer = seed
        s0 = SeededGenerator.splitMix64(&mixer)
        s1 = SeededGenerator.splitMix64(&mixer)
        s2 = SeededGenerator.splitMix64(&mixer)
        s3 = SeededGenerator.splitMix64(&mixer)
    }

    /// One step of splitmix64: advances `state` and returns its mixed output.
    @inlinable
    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns the next 64 random bits (xoshiro256**).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        advance()
        return result
    }

    /// Returns a uniform double in the open interval (0, 1), on a grid of 2^-52 offset by 2^-53.
    ///
    /// Neither 0 nor 1 can occur, so `log(u)` and `log(1 - u)` are always finite.
    @inlinable @inline(__always)
    public mutating func nextUnit() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1p-52
    }

    /// Steps the linear engine of xoshiro256 once, without computing an output.
    @inlinable @inline(__always)
    mutating func advance() {
        let shifted = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = rotateLeft(s3, 45)
    }

    /// Rotates `value` left by `count` bits.
    @inlinable @inline(__always)
    func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// Advances the generator by 2^128 steps (the xoshiro256 jump function).
    public mutating func jump() {
        apply(JumpPolynomial.jump)
    }

    /// Returns an independent stream: this generator advanced by (index + 1) · 2^128 steps.
    ///
    /// Distinct indices give non-overlapping sequences of length 2^128, all disjoint from this generator's
    /// own next 2^128 outputs, so `stream(0)`, `stream(1)`, … can feed worker threads or chunks (chunk
    /// `k` on `stream(k)` gives the same numbers whatever thread runs it). `stream(i)` equals `i + 1`
    /// calls of `jump()`, but costs one polynomial product per set bit of `index` (about a microsecond
    /// each) plus one jump's 256 steps. A negative index is
    /// taken as its 64-bit two's complement pattern, so every `Int` gives a distinct stream.
    public func stream(_ index: Int) -> SeededGenerator {
        var copy = self
        copy.apply(JumpPolynomial.jumpPower(UInt64(bitPattern: Int64(index)), times: JumpPolynomial.jump))
        return copy
    }

    /// Replaces the state by `q(T)` applied to it, where `T` is one engine step and `q` is over GF(2).
    ///
    /// Bit `k` of `polynomial` is the coefficient of `x^k`; with `x^n mod P` this advances `n` steps.
    mutating func apply(_ polynomial: SIMD4<UInt64>) {
        var (t0, t1, t2, t3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in 0..<4 {
            let bits = polynomial[word]
            for bit in 0..<64 {
                let mask = 0 &- ((bits >> UInt64(bit)) & 1)
                t0 ^= s0 & mask
                t1 ^= s1 & mask
                t2 ^= s2 & mask
                t3 ^= s3 & mask
                advance()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }
}

/// Polynomial arithmetic over GF(2) modulo the characteristic polynomial of the xoshiro256 engine.
///
/// Jumping `n` steps multiplies the state by `x^n mod P`; powers of the published jump polynomial
/// `x^(2^128) mod P` give jumps of any multiple of 2^128 in at most 64 multiplications.
enum JumpPolynomial {
    /// The characteristic polynomial P of the xoshiro256 engine, without its leading term x^256.
    ///
    /// Found by Berlekamp–Massey on the engine's output bits; `x^(2^128) mod P` reproduces the
    /// published jump constants, and the tests check that `stream(i)` equals `i + 1` jumps.
    static let modulus = SIMD4<UInt64>(
        0x9D11_6F2B_B0F0_F001, 0x0280_002B_CEFD_1A5E, 0x04B4_EDCF_2625_9F85, 0x0003_C03C_3F3E_CB19
    )

    /// The published xoshiro256 jump polynomial, `x^(2^128) mod P`.
    static let jump = SIMD4<UInt64>(
        0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C
    )

    /// `jump^(2^k) mod P` for k in 0..<64, built on first use by 63 squarings (a few tens of microseconds).
    static let jumpSquares: [SIMD4<UInt64>] = {
        var squares = [jump]
        for _ in 1..<64 {
            squares.append(multiply(squares[squares.count - 1], squares[squares.count - 1]))
        }
        return squares
    }()

    /// Returns `factor · jump^exponent mod P`: one multiplication per set bit of `exponent`.
    static func jumpPower(_ exponent: UInt64, times factor: SIMD4<UInt64>) -> SIMD4<UInt64> {
        var result = factor
        var remaining = exponent
        let squares = jumpSquares
        while remaining != 0 {
            let bit = remaining.trailingZeroBitCount
            result = multiply(result, squares[bit])
            remaining &= remaining - 1
        }
        return result
    }

    /// Returns `a · b mod P` (Horner's scheme over the bits of `b`, highest first, on scalar words).
    static func multiply(_ a: SIMD4<UInt64>, _ b: SIMD4<UInt64>) -> SIMD4<UInt64> {
        let (a0, a1, a2, a3) = (a[0], a[1], a[2], a[3])
        let (p0, p1, p2, p3) = (modulus[0], modulus[1], modulus[2], modulus[3])
        var (r0, r1, r2, r3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in (0..<4).reversed() {
            let bits = b[word]
            for bit in (0..<64).reversed() {
                // r = r · x mod P: shift left one bit, folding x^256 back in as P's lower terms.
                let reduce = 0 &- (r3 >> 63)
                r3 = (r3 << 1) | (r2 >> 63)
                r2 = (r2 << 1) | (r1 >> 63)
                r1 = (r1 << 1) | (r0 >> 63)
                r0 <<= 1
                r0 ^= p0 & reduce
                r1 ^= p1 & reduce
                r2 ^= p2 & reduce
                r3 ^= p3 & reduce
                let add = 0 &- ((bits >> UInt64(bit)) & 1)
                r0 ^= a0 & add
                r1 ^= a1 & add
                r2 ^= a2 & add
                r3 ^= a3 & add
            }
        }
        return SIMD4(r0, r1, r2, r3)
    }
}
