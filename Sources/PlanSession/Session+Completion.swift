import PlanCore
import PlanGraph

/// Tab completion as data: what may come next where the cursor is, from the command table's argument
/// grammars and the model's names (the CLI only finds the word under the cursor and shows the list).
extension Session {
    /// Every name an expression can use: cells, functions, built-ins.
    public var completionNames: [String] {
        model.cellNames + model.functionNames + model.builtins.names
    }

    /// The words that start a statement besides names.
    static let statementWords = ["print", "assert", "alert", "watch", "use", "delete", "report"]

    /// What Tab offers for `word`, the last word of `line` (the text up to the cursor): command names after
    /// `:`; a command's arguments as its grammar expects them (cells, `by`, presets, `csv|json|md`, files…);
    /// elsewhere names and statement words, presets after `use "`, files in a path.
    public func completions(line: String, word: String) -> [String] {
        let before = String(line.dropLast(word.count))
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        if trimmed.first == ":" {
            if trimmed == ":" { return Command.all.map(\.name).filter { $0.hasPrefix(word) }.map { $0 + " " } }
            return commandCompletions(before: before, word: word)
        }
        if before.hasSuffix("use \"") { return loadTargets(word) }
        if word.contains("/") { return files(matching: word) }
        return sortedUnique(names(matching: word) + Self.statementWords.filter { $0.hasPrefix(word) })
    }

    /// What Tab offers for `word`, the text of a string opened after `before` (`use "kla`, `:load "q3 pl`):
    /// presets and `.plan` files after `use`, a command's word or path arguments (never its keywords);
    /// nothing in a string inside an expression.
    public func completions(quotedAfter before: String, word: String) -> [String] {
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        if trimmed.first == ":" {
            return commandCompletions(before: before, word: word).filter { !$0.hasSuffix(" ") }
        }
        if trimmed.hasSuffix("use ") || trimmed == "use" { return loadTargets(word) }
        return []
    }

    /// Completions inside a command's arguments, from its grammar.
    private func commandCompletions(before: String, word: String) -> [String] {
        let file = SourceFile(name: nil, text: before)
        let bytes = file.bytes
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return [] }
        let nameEnd = bytes[(colon + 1)...].firstIndex { $0 == 32 || $0 == 9 } ?? bytes.count
        guard nameEnd < bytes.count,
            let command = Command.named(String(decoding: bytes[(colon + 1)..<nameEnd], as: UTF8.self))
        else { return [] }
        var candidates: [String] = []
        for expectation in Parser.expectedCommandArguments(command.arguments, in: file, from: nameEnd) {
            switch expectation {
            case .words(let words): candidates += words.filter { $0.hasPrefix(word) }.map { $0 + " " }
            case .candidates(let kind): candidates += sortedUnique(self.candidates(kind, word))
            }
        }
        var seen: Set<String> = []
        return candidates.filter { seen.insert($0).inserted }
    }

    private func candidates(_ kind: ArgumentGrammar.Candidates, _ word: String) -> [String] {
        switch kind {
        case .nothing: return []
        case .names: return names(matching: word)
        case .cells: return cells(matching: word)
        case .watchedCells: return model.watches.filter { $0.hasPrefix(word) }
        case .files: return files(matching: word)
        case .presetsAndPlanFiles: return loadTargets(word)
        case .scenarios:
            // This session's and those kept in the state directory by any session.
            return (["current"] + savedScenarioNames + locator.names).filter { $0.hasPrefix(word) }
        case .helpTopics:
            return (HelpView.topics + Command.all.map(\.name) + completionNames).filter { $0.hasPrefix(word) }
        }
    }

    /// Cells, functions and built-ins; fields once a dot follows a record cell.
    private func names(matching word: String) -> [String] {
        word.contains(".") ? fields(matching: word) : completionNames.filter { $0.hasPrefix(word) }
    }

    /// Cell names; fields once a dot follows a record cell.
    private func cells(matching word: String) -> [String] {
        word.contains(".") ? fields(matching: word) : model.cellNames.filter { $0.hasPrefix(word) }
    }

    /// `cell.field` for the fields of a record cell (`ai_resolution.c` → `ai_resolution.complex`).
    private func fields(matching word: String) -> [String] {
        guard let dot = word.firstIndex(of: "."), case .record(let record)? = model.value(of: String(word[..<dot]))
        else { return [] }
        return record.keys.map { String(word[..<dot]) + "." + $0 }.filter { $0.hasPrefix(word) }
    }

    /// What `:load` and `use` take: presets while the word can still name one (`LoadTarget` decides), and
    /// `.plan` files and folders.
    private func loadTargets(_ word: String) -> [String] {
        let presets = LoadTarget.of(word).isPreset ? locator.names.filter { $0.hasPrefix(word) } : []
        return presets + files(matching: word).filter { $0.hasSuffix(".plan") || $0.hasSuffix("/") }
    }

    /// Files and folders (with a `/`) whose path starts with `word` (`~/` is the home folder); hidden ones
    /// only when the word asks for them.
    func files(matching word: String) -> [String] {
        var path = word
        if word.hasPrefix("~/"), let home = FileSystem.environment("HOME") { path = home + word.dropFirst() }
        let directory = word.contains("/") ? FileSystem.directory(of: path) : "."
        let prefix = FileSystem.baseName(path)
        let shownDirectory = word.lastIndex(of: "/").map { String(word[...$0]) } ?? ""
        return FileSystem.list(directory).filter {
            $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix("."))
        }
        .sorted().map { name in
            let shown = shownDirectory + name
            return FileSystem.isDirectory(FileSystem.resolve(name, against: directory)) ? shown + "/" : shown
        }
    }

    private func sortedUnique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }.sorted()
    }
}
