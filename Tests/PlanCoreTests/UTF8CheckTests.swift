import PlanCore
import Testing

/// `UTF8Check` (how files are checked before they run) against the standard library's validation.
@Suite("UTF-8 check")
struct UTF8CheckTests {
    /// The standard library's answer: valid UTF-8, and a NUL byte among them.
    private func reference(_ bytes: [UInt8]) -> (valid: Bool, hasNUL: Bool) {
        (String(validating: bytes, as: UTF8.self) != nil, bytes.contains(0))
    }

    @Test(
        "ill-formed sequences are refused: overlong, surrogate, above U+10FFFF, stray or missing continuation",
        arguments: [
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80],
            [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xE2, 0x28, 0xA1], Array("12345678é".utf8).dropLast(),
        ] as [[UInt8]])
    func illFormed(_ bytes: [UInt8]) {
        #expect(UTF8Check.scan(bytes).valid == false)
        #expect(UTF8Check.scan(Array("a long ASCII prefix ".utf8) + bytes).valid == false)
    }

    @Test("well-formed text passes, at every length around the 8-byte step; a NUL is seen wherever it is")
    func wellFormed() {
        let text = "x = $1.20 per ticket # é € 😀 \u{10FFFF} \u{D7FF} \u{E000}"
        let bytes = Array(text.utf8)
        for end in 0...bytes.count {
            let prefix = Array(bytes[0..<end])
            #expect(UTF8Check.scan(prefix) == reference(prefix), "first \(end) bytes")
        }
        for position in 0..<20 {
            var withNUL = Array("abcdefghijklmnopqrst".utf8)
            withNUL[position] = 0
            #expect(UTF8Check.scan(withNUL) == (true, true), "NUL at \(position)")
        }
        #expect(UTF8Check.scan([]) == (true, false))
    }

    @Test("random bytes: the same answer as the standard library (100,000 arrays, seeded); NUL where valid")
    func randomBytes() {
        // Mostly ASCII, with lead, continuation and invalid bytes mixed in, so both paths and their seams run.
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let interesting: [UInt8] = [0, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        var disagreements = 0
        for _ in 0..<100_000 {
            let length = Int(next() % 24)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                let roll = next()
                switch roll % 4 {
                case 0: bytes.append(interesting[Int((roll >> 8) % UInt64(interesting.count))])
                case 1: bytes.append(UInt8(truncatingIfNeeded: roll >> 8))
                default: bytes.append(UInt8(0x20 + (roll >> 8) % 0x5F))
                }
            }
            let (valid, hasNUL) = UTF8Check.scan(bytes)
            let expected = reference(bytes)
            if valid != expected.valid || (valid && hasNUL != expected.hasNUL) {
                disagreements += 1
                if disagreements < 5 { Issue.record("disagree on \(bytes)") }
            }
        }
        #expect(disagreements == 0)
    }
}
