import PlanCore
import PlanGraph
import TicketEvidence

/// `:import tickets FILE [column=NAME …]` (SPEC §10): a ticket export defines the model's inputs.
///
/// The import reads the export with `TicketImport` (a streaming CSV reader: bounded memory), then applies
/// the statements it builds as ordinary statements, all or nothing: if any is refused the model is exactly
/// as before. The import is one step for `:undo`; `:save` writes the statements with their `##` docs; the
/// journal records the statements, not the command, so `--resume` restores the same values even if the file
/// has changed or moved since (`takeJournalEntry()`). A file with no usable row is an error and changes
/// nothing. Files loaded by `use` or `:load` may import (reading is fine: it is writing files that they may
/// not do).
extension Session {
    /// Runs `:import tickets FILE [column=NAME …]`: reads the export at `name` (resolved against `directory`)
    /// with the column maps, then applies its statements; `fail` places an error at the command.
    func importTickets(
        _ name: String, maps: [String], directory: String, fail: (String, ErrorKind, String?) -> Diagnostic
    ) throws(Diagnostic) -> ExitStatus {
        let imported: TicketImport
        do throws(EvalError) {
            let columns = try TicketColumns(maps: maps)
            imported = try TicketImport.read(
                path: FileSystem.resolve(name, against: directory), columns: columns, name: name)
        } catch {
            throw fail(error.message, error.kind, error.hint)
        }
        return apply(imported, directory: directory)
    }

    /// Applies an import's statements atomically and reports them; returns the status.
    private func apply(_ original: TicketImport, directory: String) -> ExitStatus {
        let imported = applicable(original)
        let text = imported.statements.map(\.text).joined(separator: "\n\n") + "\n"
        let before = model
        let beforeScenario = scenario
        let changedBefore = scenarioChanged
        let alertsBefore = Set(model.activeAlerts)
        let file = SourceFile(name: "<import \(imported.file)>", text: text)
        var parser = Parser(file)
        nestedDepth += 1
        var failed = false
        while !failed {
            let next: Statement?
            do throws(EvalError) {
                next = try parser.nextStatement()
            } catch {
                output.report(error.diagnostic(in: file))
                failed = true
                break
            }
            guard let next else { break }
            if execute(next, directory: directory) == .error { failed = true }
        }
        nestedDepth -= 1
        if failed {
            model = before
            output.report(
                Diagnostic(
                    .error, "the import of \(imported.file) was refused; the model is as it was", kind: .refused))
            return .error
        }
        remember(
            before, scenario: beforeScenario, changed: changedBefore, statement: ":import tickets " + imported.file)
        scenarioChanged = true
        if nestedDepth == 0 { pendingJournal.append(text) }
        let names = imported.statements.map { item in item.field.map { "\(item.name).\($0)" } ?? item.name }
        var lines = imported.report.map { "  " + $0 }
        var defined = "  defined"
        for name in names {
            if defined.count + name.count + 2 > 78 {
                lines.append(defined + ",")
                defined = "   "
            } else if defined != "  defined" {
                defined += ","
            }
            defined += " " + name
        }
        lines.append(defined)
        lines.append("  (`:evidence` shows how sure each share is)")
        output.emit(lines.joined(separator: "\n"))
        var changes = ChangeSet()
        changes.hasRoot = false
        for name in Set(imported.statements.map(\.name)).union(model.watches).sorted() {
            guard let new = model.value(of: name) else { continue }
            let old = before.value(of: name)
            if old.map({ !$0.isIdentical(to: new) }) ?? true {
                changes.cells.append(ChangeSet.CellChange(name: name, old: old, new: new))
            }
        }
        let after = model.activeAlerts
        changes.alertsOn = after.filter { !alertsBefore.contains($0) }
        changes.alertsOff = before.activeAlerts.filter { !after.contains($0) }
        output.changed(changes, in: self)
        return .success
    }

    /// The import less the per-tier statements that the model has no record literal to take.
    ///
    /// A metric some tiers have no rows of is written field by field (`ai_resolution.routine = …`). In an
    /// `--empty` model those tiers have no value to keep, and a record with tiers missing would not add up
    /// with the others, so such a metric is left out, and a note says so.
    private func applicable(_ imported: TicketImport) -> TicketImport {
        var result = imported
        var dropped: [(name: String, tiers: [String])] = []
        result.statements = imported.statements.filter { statement in
            guard let field = statement.field else { return true }
            if let node = model.cell(statement.name), case .record(let entries) = node.expr.kind,
                entries.contains(where: { $0.key == field })
            {
                return true
            }
            if let index = dropped.firstIndex(where: { $0.name == statement.name }) {
                dropped[index].tiers.append(field)
            } else {
                dropped.append((statement.name, [field]))
            }
            return false
        }
        for (name, tiers) in dropped {
            let missing = imported.tiers.map(\.tier).filter { !tiers.contains($0) }
            result.notes.removeAll { $0.hasPrefix(name + ": ") }
            result.notes.append(
                "\(name) not defined: no rows for \(missing.joined(separator: ", ")), and no record to keep")
        }
        return result
    }

    /// The journal entry an accepted `:import` leaves (its statements), once; nil when there is none.
    ///
    /// The REPL journals what was typed, but an import must be replayed from the statements it applied, not
    /// by reading the file again.
    public func takeJournalEntry() -> String? {
        guard !pendingJournal.isEmpty else { return nil }
        defer { pendingJournal.removeAll() }
        return pendingJournal.joined(separator: "\n")
    }

    /// A command's arguments split at blanks, double quotes grouping (`csat="Satisfaction score"` stays one
    /// word, quotes kept; a word that is only a quoted string loses its quotes: `"my export.csv"`).
    static func commandWords(_ text: String) throws(EvalError) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var hasWord = false
        for char in text {
            if char == "\"" {
                quoted.toggle()
                current.append(char)
                hasWord = true
            } else if !quoted && (char == " " || char == "\t") {
                if hasWord { words.append(current) }
                current = ""
                hasWord = false
            } else {
                current.append(char)
                hasWord = true
            }
        }
        guard !quoted else { throw EvalError("a quote is not closed in `\(text)`", kind: .usage) }
        if hasWord { words.append(current) }
        return words.map { word in
            word.count >= 2 && word.first == "\"" && word.last == "\""
                && !word.dropFirst().dropLast().contains("\"") ? String(word.dropFirst().dropLast()) : word
        }
    }
}
