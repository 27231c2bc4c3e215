/// Checks that bytes are UTF-8 text in one pass: what a script, a preset or a `use`d file is read through.
///
/// Eight ASCII bytes are checked at a time (a word with no high bit set), so a file of ASCII — nearly every
/// plan — costs well under an instruction a byte; a multi-byte sequence is checked by the table of
/// well-formed sequences (Unicode §3.9, table 3-7): no overlong forms, no surrogates, nothing above
/// U+10FFFF. It agrees with `String(validating:as:)`, which a property test checks on random bytes.
public enum UTF8Check {
    /// Whether `bytes` are valid UTF-8, and (when they are) whether one of them is a NUL (valid UTF-8, but not
    /// text); the scan stops at the first ill-formed byte, so `hasNUL` says nothing about invalid bytes.
    public static func scan(_ bytes: [UInt8]) -> (valid: Bool, hasNUL: Bool) {
        bytes.withUnsafeBytes { raw in scan(raw) }
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101

    private static func scan(_ raw: UnsafeRawBufferPointer) -> (valid: Bool, hasNUL: Bool) {
        let count = raw.count
        var index = 0
        var hasNUL = false
        while index < count {
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & highBits != 0 { break }
                // Some byte of an ASCII word is zero exactly when this is non-zero.
                if (word &- lowBits) & ~word & highBits != 0 { hasNUL = true }
                index += 8
            }
            guard index < count else { break }
            let lead = raw[index]
            if lead < 0x80 {
                if lead == 0 { hasNUL = true }
                index += 1
                continue
            }
            guard let length = sequenceLength(raw, at: index) else { return (false, hasNUL) }
            index += length
        }
        return (true, hasNUL)
    }

    /// The length of the well-formed sequence that starts at `index` (a byte of 0x80 or more), or nil.
    private static func sequenceLength(_ raw: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let lead = raw[index]
        // The continuation bytes after the lead, and the range the first of them must be in.
        let following: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: following = 1
        case 0xE0:
            following = 2
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: following = 2
        case 0xED:
            following = 2
            high = 0x9F
        case 0xF0:
            following = 3
            low = 0x90
        case 0xF1...0xF3: following = 3
        case 0xF4:
            following = 3
            high = 0x8F
        default: return nil
        }
        guard index + following < raw.count else { return nil }
        let second = raw[index + 1]
        guard second >= low && second <= high else { return nil }
        var offset = 2
        while offset <= following {
            guard raw[index + offset] & 0xC0 == 0x80 else { return nil }
            offset += 1
        }
        return following + 1
    }
}
