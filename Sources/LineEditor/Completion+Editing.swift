/// The change to the edit line that Tab completion decided on.
struct CompletionEdit: Equatable {
    /// How many Unicode scalars (libedit characters) to delete before the cursor.
    var deleteScalars: Int
    /// The text to insert at the cursor after the deletion.
    var insert: String
    /// The choices to list below the line; empty when the completion was unique.
    var choices: [String]
}

extension Completion {
    /// Works out what Tab should do to `lineBeforeCursor`; nil when there is no candidate.
    ///
    /// - One candidate: it replaces the last `replacing` characters, followed by `closing` unless it ends in
    ///   `/` (a folder, to go on into) or a blank.
    /// - Several: their common prefix replaces those characters when it extends them (compared
    ///   without regard to case), and every choice is listed.
    func edit(lineBeforeCursor: String) -> CompletionEdit? {
        var seen = Set<String>()
        let choices = candidates.filter { seen.insert($0).inserted }
        guard let first = choices.first else {
            return nil
        }
        let count = Swift.max(0, Swift.min(replacing, lineBeforeCursor.count))
        let word = String(lineBeforeCursor.suffix(count))
        if choices.count == 1 {
            let finished = !closing.isEmpty && !first.hasSuffix("/") && !first.hasSuffix(" ")
            return Self.replacement(of: word, by: finished ? first + closing : first, choices: [])
        }
        let prefix = Self.commonPrefix(of: choices)
        if prefix.count > word.count, prefix.lowercased().hasPrefix(word.lowercased()) {
            return Self.replacement(of: word, by: prefix, choices: choices)
        }
        return CompletionEdit(deleteScalars: 0, insert: "", choices: choices)
    }

    /// The longest string, in whole characters, that every one of `strings` starts with.
    static func commonPrefix(of strings: [String]) -> String {
        guard let first = strings.first else {
            return ""
        }
        var prefix = Substring(first)
        for string in strings.dropFirst() {
            var end = prefix.startIndex
            var other = string.startIndex
            while end < prefix.endIndex, other < string.endIndex, prefix[end] == string[other] {
                end = prefix.index(after: end)
                other = string.index(after: other)
            }
            prefix = prefix[..<end]
            if prefix.isEmpty {
                break
            }
        }
        return String(prefix)
    }

    /// The edit that replaces `word` (just before the cursor) with `text`; no change when they are equal.
    private static func replacement(of word: String, by text: String, choices: [String]) -> CompletionEdit {
        if word == text {
            return CompletionEdit(deleteScalars: 0, insert: "", choices: choices)
        }
        return CompletionEdit(deleteScalars: word.unicodeScalars.count, insert: text, choices: choices)
    }
}
