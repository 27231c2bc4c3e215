import LineEditor
import PlanSession

/// Tab completion for the REPL.
///
/// Offers cell names, functions, commands, preset names after `:load` or `use`, and file paths; the
/// candidates come from the session as data.
struct Completer {
    let session: Session

    func complete(_ line: String) -> Completion {
        let word = String(
            line.reversed().prefix {
                $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "/" || $0 == "-" || $0 == "~"
            }.reversed())
        let before = String(line.dropLast(word.count))
        let trimmed = before.trimmingCharacters()
        if trimmed == ":" || (before.isEmpty && line.hasPrefix(":")) {
            let typed = word
            return Completion(
                replacing: typed.count,
                candidates: Session.commands.map(\.name).filter { $0.hasPrefix(typed) }.map { $0 + " " })
        }
        if line.hasPrefix(":"), line.dropFirst().hasPrefix(word), !line.contains(" ") {
            return Completion(
                replacing: word.count,
                candidates: Session.commands.map(\.name).filter { $0.hasPrefix(word) }.map { $0 + " " })
        }
        if let fixed = argumentChoices(trimmed) {
            return Completion(replacing: word.count, candidates: fixed.filter { $0.hasPrefix(word) })
        }
        let presetContext = trimmed == ":load" || trimmed.hasSuffix("use \"")
        let fileContext =
            presetContext || trimmed == ":save"
            || (trimmed.hasPrefix(":export ") && trimmed.split(separator: " ").count == 2)
            || word.contains("/")
        var candidates: [String] = []
        if presetContext && !word.contains("/") {
            candidates += session.locator.names.filter { $0.hasPrefix(word) }
        }
        if fileContext {
            let matches = files(matching: word)
            // After `:load`, only plan files and folders.
            candidates += presetContext ? matches.filter { $0.hasSuffix(".plan") || $0.hasSuffix("/") } : matches
        }
        if !fileContext {
            let names = session.completionNames + ["print", "assert", "alert", "watch", "use", "delete"]
            var seen: Set<String> = []
            candidates = names.filter { $0.hasPrefix(word) && seen.insert($0).inserted }.sorted()
        }
        return Completion(replacing: word.count, candidates: candidates)
    }

    /// Fixed choices for a command's argument (`:set s` → seed, samples), or nil where any name fits.
    private func argumentChoices(_ before: String) -> [String]? {
        let scenarios = session.savedScenarios.keys.sorted()
        switch before {
        case ":export": return ["csv ", "html ", "json ", "md ", "svg "]
        case ":set": return ["seed ", "samples ", "timing "]
        case ":set timing": return ["on", "off"]
        case ":scenario": return ["save ", "load ", "delete "]
        case ":scenario load", ":scenario delete": return scenarios
        case ":help":
            return ["functions", "units", "staffing", "distributions", "math"] + Session.commands.map(\.name)
                + session.completionNames
        default:
            if before.hasPrefix(":compare") { return ["current"] + session.locator.names + scenarios }
            return nil
        }
    }

    private func files(matching word: String) -> [String] {
        let directory = word.contains("/") ? FileSystem.directory(of: word) : "."
        let prefix = word.contains("/") ? FileSystem.baseName(word) : word
        let shownDirectory = word.contains("/") ? (directory == "/" ? "/" : directory + "/") : ""
        return FileSystem.list(directory).filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }.map { name in
            let path = shownDirectory + name
            return FileSystem.isDirectory(FileSystem.resolve(name, against: directory)) ? path + "/" : path
        }
    }
}
