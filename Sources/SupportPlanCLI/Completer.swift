import LineEditor
import PlanSession

/// Tab completion for the REPL: finds the word under the cursor; the session says what fits there (from
/// the command table's argument grammars and the model's names, `Session.completions`).
struct Completer {
    let session: Session

    func complete(_ line: String) -> Completion {
        // Inside a string: the whole quoted text so far is the word (a file name may have blanks), and a
        // unique name gets its closing quote.
        if let quote = Self.openQuote(in: line) {
            let word = String(line[line.index(after: quote)...])
            let candidates = session.completions(quotedAfter: String(line[..<quote]), word: word)
            return Completion(replacing: word.count, candidates: candidates, closing: "\"")
        }
        let word = String(
            line.reversed().prefix {
                $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "/" || $0 == "-" || $0 == "~"
            }.reversed())
        return Completion(replacing: word.count, candidates: session.completions(line: line, word: word))
    }

    /// The `"` that opens a string still open at the end of `line` (`\"` inside it escapes a quote), or nil.
    static func openQuote(in line: String) -> String.Index? {
        var open: String.Index?
        var escaped = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if open != nil {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    open = nil
                }
            } else if character == "\"" {
                open = index
            } else if character == "#" {
                return nil
            }
            index = line.index(after: index)
        }
        return open
    }
}
