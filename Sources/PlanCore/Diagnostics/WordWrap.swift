/// Prose broken at spaces into lines, greedily: as many words on a line as fit.
///
/// The one greedy wrapper (ticket-import comments, the preset listing, the Markdown board report). The views with
/// their own rules keep theirs: `TextLayout.wrap` (breaks after `, ` where it can, and anywhere in a long word) and
/// the diagnostics' (keeps a code span in backticks whole).
public enum WordWrap {
    /// The words of `text` in lines of at most `width` characters.
    ///
    /// Runs of spaces separate words. The first line starts with `first` and the others with `rest` (the prefix
    /// counts in the width). A word longer than a line stays whole on a line of its own. No words, no lines.
    public static func lines(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var isEmpty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest + word
            } else {
                line += (isEmpty ? "" : " ") + word
            }
            isEmpty = false
        }
        if !isEmpty { lines.append(line) }
        return lines
    }
}
