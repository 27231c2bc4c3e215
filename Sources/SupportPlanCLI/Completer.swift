import LineEditor
import PlanSession

/// Tab completion for the REPL: finds the word under the cursor; the session says what fits there (from
/// the command table's argument grammars and the model's names, `Session.completions`).
struct Completer {
    let session: Session

    func complete(_ line: String) -> Completion {
        let word = String(
            line.reversed().prefix {
                $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "/" || $0 == "-" || $0 == "~"
            }.reversed())
        return Completion(replacing: word.count, candidates: session.completions(line: line, word: word))
    }
}
