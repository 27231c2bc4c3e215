/// Text on its way to a terminal, with control characters and bidirectional overrides made visible.
///
/// A string, a `##` doc, an alert or assert message, a preset description or a line quoted in a
/// diagnostic may come from a file someone else wrote. Written raw, ESC, BEL or NUL can retitle the
/// window, move the cursor or hide text, and U+202E can make a line read backwards (Trojan Source). The
/// model keeps such text as it is (exports and `:save` write it unchanged); only what reaches the
/// terminal passes through `neutralized(_:)`, which the output layer applies in one place: the
/// console's output for a session, and `Diagnostic.rendered(color:)` for diagnostics, where the colour
/// codes are added after the text is neutralised.
public enum TerminalText {
    /// The text with each control character (C0 but line feed and tab, DEL, C1) and each bidirectional
    /// control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) written as `\u{1B}`.
    public static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True for a scalar that `neutralized(_:)` writes as an escape.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00..<0x20, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
