import PlanCore
import PlanGraph

/// Running `:command` lines: the dispatcher over `Command.all`, and the session operations commands share
/// (undo/redo, loading a preset or a file).
extension Session {
    /// Runs a `:command` statement: finds the command in the table, parses its arguments with the language's
    /// parser (an argument error gets a caret at the argument and the command's usage), and runs it.
    ///
    /// What is kept for `:undo` and what is journalled follow the command's effect (see `execute`).
    func command(_ statement: Statement, directory: String) throws(Diagnostic) -> ExitStatus {
        let (file, colon) = Self.commandLine(of: statement)
        let bytes = file.bytes
        let nameEnd = bytes[(colon + 1)...].firstIndex { $0 == 32 || $0 == 9 || $0 == 13 } ?? bytes.count
        let name = String(decoding: bytes[(colon + 1)..<nameEnd], as: UTF8.self)
        let whole = SourceSpan(start: colon, end: bytes.count)
        guard let command = Command.named(name) else {
            let hint = Suggestion.closest(to: name, among: Command.names).map { " (did you mean `:\($0)`?)" }
            throw Diagnostic(
                .error, "unknown command `:\(name)`" + (hint ?? "") + "; `:help` lists the commands", kind: .usage,
                file: file, span: whole)
        }
        let arguments: CommandArguments
        do throws(EvalError) {
            arguments = try Parser.parseCommandArguments(command.arguments, in: file, from: nameEnd)
        } catch {
            var diagnostic = error.diagnostic(in: file)
            if diagnostic.hint == nil { diagnostic.hint = "usage: " + command.usage }
            throw diagnostic
        }
        if command.effect(of: arguments) == .writesFiles && nestedDepth > 0 {
            throw Diagnostic(
                .error, "files loaded by `use` or `:load` (and presets) may not write files", kind: .usage, file: file,
                span: whole)
        }
        return try command.run(CommandContext(session: self, arguments: arguments, span: whole, directory: directory))
    }

    /// A command's line as a file of its own, and the offset of its `:` there.
    ///
    /// The file runs from the start of the command's line to the end of the command, with the line's
    /// number, so spans in it (and carets) point into the line the user wrote, in the script or the REPL.
    static func commandLine(of statement: Statement) -> (file: SourceFile, colon: Int) {
        let file = statement.file
        let span = statement.span
        guard span.start < file.bytes.count, span.end <= file.bytes.count, file.bytes[span.start] == UInt8(ascii: ":")
        else {
            // Not the script's own text (a statement put together in code): the command's text alone.
            guard case .command(let text) = statement.kind else { return (SourceFile(name: file.name, text: ":"), 0) }
            return (SourceFile(name: file.name, text: text), 0)
        }
        let line = file.lineIndex(of: span.start)
        let start = file.lineStarts[line]
        let text = String(decoding: file.bytes[start..<span.end], as: UTF8.self)
        return (SourceFile(name: file.name, text: text, firstLine: line + file.firstLine), span.start - start)
    }

    /// `:undo` and `:redo`: steps through the history of models, then shows what the step changed.
    func stepHistory(undo: Bool, _ context: CommandContext) throws(Diagnostic) {
        let before = model
        let history = interactive ? "" : " (undo history is kept in the REPL, not in scripts)"
        let step: HistoryStep
        if undo {
            guard let previous = undoStack.popLast() else { throw context.error("nothing to undo" + history) }
            redoStack.append(
                HistoryStep(model: model, scenario: scenario, changed: scenarioChanged, statement: previous.statement))
            step = previous
        } else {
            guard let next = redoStack.popLast() else { throw context.error("nothing to redo" + history) }
            undoStack.append(
                HistoryStep(model: model, scenario: scenario, changed: scenarioChanged, statement: next.statement))
            step = next
        }
        model = step.model
        scenario = step.scenario
        scenarioChanged = step.changed
        model.isCancelled = cancellation
        // Which statement the step took back or did again.
        context.emit("  \(undo ? "undone" : "redone"): " + step.statement)
        modelBeforeChange = before
        // What the step changed, as after any change: the watched cells and the alerts.
        var changes = ChangeSet()
        changes.hasRoot = false
        for name in model.watches {
            guard let new = model.value(of: name) else { continue }
            let old = before.value(of: name)
            if old.map({ !$0.isIdentical(to: new) }) ?? true {
                changes.cells.append(ChangeSet.CellChange(name: name, old: old, new: new))
            }
        }
        let wasOn = Set(before.activeAlerts)
        let isOn = model.activeAlerts
        changes.alertsOn = isOn.filter { !wasOn.contains($0) }
        changes.alertsOff = before.activeAlerts.filter { !isOn.contains($0) }
        output.changed(changes, in: self)
    }

    /// `:load`: a preset replaces the model, a file runs on top of it.
    ///
    /// Presets `use "standard"` themselves. On an error the model is left as it was.
    func load(
        _ target: LoadTarget, as name: String, _ context: CommandContext, at span: SourceSpan
    ) throws(Diagnostic) -> ExitStatus {
        guard nestedDepth < Self.maximumUseDepth else { throw context.error("`:load` nested too deeply", at: span) }
        let before = model
        let beforeScenario = scenario
        let status: ExitStatus
        switch target {
        case .preset(let preset):
            do {
                _ = try locator.path(of: preset)
            } catch {
                throw context.error(error.message, at: span, kind: .io)
            }
            model = Model(builtins: model.builtins)
            model.isCancelled = cancellation
            status = loadPreset(preset, report: true)
        case .file(let path):
            status = loadingQuietly { runFile(path, displayName: name) }
        }
        if status == .error || status == .interrupted {
            model = before
            scenario = beforeScenario
            throw context.error("`:load \(name)` failed; the model is unchanged", at: span, kind: .refused)
        }
        scenario = target.scenarioName
        scenarioChanged = false
        let description = target.isPreset ? presetDescription(name).map { ": " + $0 } ?? "" : ""
        context.emit("\(scenario)\(description) (\(model.cellNames.count) cells)")
        return status
    }

    /// The one-line description of a preset (its first `##` line).
    public func presetDescription(_ name: String) -> String? {
        guard let path = try? locator.path(of: name), let bytes = try? FileSystem.read(path) else { return nil }
        let first = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
        guard first.hasPrefix("##") else { return nil }
        return String(first.dropFirst(2).drop { $0 == " " })
    }

    /// The preset list shown by `supportplan presets` and `:presets`, laid out for `width` columns.
    public func presetList(width: Int? = nil) -> String {
        let presets = locator.names.map { ($0, presetDescription($0) ?? "") }
        return PresetListView(presets: presets, roots: locator.roots).render(width: width ?? self.width)
    }
}
