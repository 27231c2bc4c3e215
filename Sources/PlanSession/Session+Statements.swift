public import PlanCore
import PlanGraph

/// Executing one statement against the model.
extension Session {
    /// Executes a statement and reports its outcome; returns the status it leaves.
    public func execute(_ statement: Statement, directory: String) -> ExitStatus {
        if showTiming && nestedDepth == 0 { statementStart = Clock.milliseconds() }
        if nestedDepth == 0 && !definesOnly(statement) { flushAlerts() }
        let undoable = keepsUndo(statement)
        // The model before the statement, for `:undo` and the change's view (the REPL's top level only). Kept in
        // `modelBeforeChange` alone, and touched only when there is one: assigning and destroying an empty
        // `Model?` at every statement of a script went through generic value witnesses (1.5% of loading a file).
        let keepsBefore = interactive && nestedDepth == 0 && undoable
        let beforeScenario = scenario
        let changedBefore = scenarioChanged
        // Any accepted change marks the scenario changed since it was saved (a command that saves or loads
        // one clears the mark again); an error puts the mark back with the rest of the state.
        if undoable && nestedDepth == 0 { scenarioChanged = true }
        if keepsBefore { modelBeforeChange = model }
        defer { if nestedDepth == 0 && modelBeforeChange != nil { modelBeforeChange = nil } }
        do {
            try checkDefinitionCount(statement)
            let status = try perform(statement, directory: directory)
            if status == .success || status == .assertionFailed {
                if undoable || isCommand(statement) { appliedStatements += 1 }
                if keepsBefore, let before = modelBeforeChange {
                    remember(before, scenario: beforeScenario, changed: changedBefore, statement: statement.text)
                }
                if nestedDepth == 0 && (undoable || isJournalledCommand(statement)) { onAccepted?(statement.text) }
            }
            return status
        } catch {
            if error.kind == .interrupted {
                output.report(error)
                return .interrupted
            }
            output.report(error)
            return .error
        }
    }

    /// True when `:undo` can take the statement back: every change of the model, and the commands whose
    /// effect in the command table is `.changesModel`.
    private func keepsUndo(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .define, .defineField, .defineFunction, .alert, .watch, .use, .delete, .report, .timeline: return true
        case .show, .print, .assert: return false
        case .command(let text): return Command.keepsUndo(line: text)
        }
    }

    /// True for a command that changes the session without being an undo step (the table's `.changesSession`).
    private func isJournalledCommand(_ statement: Statement) -> Bool {
        guard case .command(let text) = statement.kind else { return false }
        return Command.isJournalled(entry: text)
    }

    private func isCommand(_ statement: Statement) -> Bool {
        if case .command = statement.kind { return true }
        return false
    }

    private func perform(_ statement: Statement, directory: String) throws(Diagnostic) -> ExitStatus {
        let file = statement.file
        switch statement.kind {
        case .define(let name, let nameSpan, let expr):
            let range = try statement.range.map { clause throws(Diagnostic) in try model.validRange(clause, file: file)
            }
            let changes = try model.define(
                name, nameSpan: nameSpan, expr: expr, file: file, doc: statement.doc, range: range)
            report(changes)
        case .defineField(let name, let nameSpan, let field, let fieldSpan, let expr):
            try defineField(name, nameSpan, field, fieldSpan, expr, statement)
        case .defineFunction(let name, let nameSpan, let params, let body):
            let changes = try model.defineFunction(
                name, nameSpan: nameSpan, params: params, body: body, file: file, doc: statement.doc)
            report(changes)
        case .show(let expr):
            let value = try evaluate(expr, file)
            let text = (isUncertain(expr) ? "~" : "") + value.display
            output.emit(interactive ? "  = " + text : text)
        case .print(let items):
            var parts: [String] = []
            for item in items {
                let value = try evaluate(item, file)
                parts.append(value.display)
            }
            output.emit(parts.joined(separator: " "))
        case .assert(let condition, let message):
            return try check(condition, message: message, file: file)
        case .alert(let message, let condition):
            let changes = try model.defineAlert(
                message, condition: condition, span: statement.span, file: file, details: statement.alertDetails)
            report(changes)
        case .watch(let names):
            try model.watch(names, file: file)
        case .use(let target):
            return try use(target, statement: statement, directory: directory)
        case .delete(let name, let span):
            try model.delete(name, span: span, file: file)
        case .report(let rows):
            try model.markReport(rows, file: file)
        case .timeline(let timeline):
            return try setTimeline(timeline, statement: statement, directory: directory)
        case .command:
            return try command(statement, directory: directory)
        }
        return .success
    }

    /// True for statements that only define (cells, fields, functions, alerts, watches, deletions): in a
    /// script, alerts that switch while a run of them sets inputs one by one are reported once, after it.
    private func definesOnly(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .define, .defineField, .defineFunction, .alert, .watch, .delete, .report: return true
        case .show, .print, .assert, .use, .command, .timeline: return false
        }
    }

    /// Reports the net change of alerts over the run of definitions just ended (a script only).
    ///
    /// A script that defines a model sets its inputs one by one, and an alert may switch on, off and on
    /// again on the way (#11 item 6); what it means is the state after the definitions, so a script reports
    /// alerts when something other than a definition runs (`print`, `assert`, a command, `use`) or at its
    /// end. The REPL reports after every entry, as before.
    func flushAlerts() {
        guard let before = alertsBeforeDefinitions else { return }
        alertsBeforeDefinitions = nil
        let active = model.activeAlerts
        var changes = ChangeSet()
        changes.hasRoot = false
        changes.alertsOn = active.filter { !before.contains($0) }
        changes.alertsOff = model.alerts.map(\.message).filter { before.contains($0) && !active.contains($0) }
        changes.alertsOff += before.filter { model.alertIds[$0] == nil }.sorted()
        if !changes.alertsOn.isEmpty || !changes.alertsOff.isEmpty { output.changed(changes, in: self) }
    }

    /// Hands a change set to the output, with the recalculation count and time when `:set timing on`.
    private func report(_ changes: ChangeSet) {
        var changes = changes
        if !interactive && nestedDepth == 0 && !(changes.alertsOn.isEmpty && changes.alertsOff.isEmpty) {
            if alertsBeforeDefinitions == nil {
                var before = Set(model.activeAlerts)
                before.subtract(changes.alertsOn)
                before.formUnion(changes.alertsOff)
                alertsBeforeDefinitions = before
            }
            changes.alertsOn = []
            changes.alertsOff = []
        }
        output.changed(changes, in: self)
        if showTiming && nestedDepth == 0 {
            let elapsed = Clock.milliseconds() - statementStart
            output.emit(
                "  (recomputed \(changes.recomputed) cell\(changes.recomputed == 1 ? "" : "s") in \(NumberFormat.fixed(elapsed, decimals: 3)) ms)"
            )
        }
    }

    /// Evaluates an expression against the model, as a diagnostic on failure.
    func evaluate(_ expr: Expr, _ file: SourceFile) throws(Diagnostic) -> Value {
        do throws(EvalError) {
            return try model.evaluate(expr)
        } catch {
            throw error.diagnostic(in: file)
        }
    }

    /// True when an expression depends on a distribution.
    func isUncertain(_ expr: Expr) -> Bool {
        if expr.drawsFromDistribution(model.builtins) { return true }
        return expr.references().contains { !$0.isCall && model.isUncertain($0.name) }
    }

    private func defineField(
        _ name: String, _ nameSpan: SourceSpan, _ field: String, _ fieldSpan: SourceSpan, _ expr: Expr,
        _ statement: Statement
    ) throws(Diagnostic) {
        let file = statement.file
        guard let node = model.cell(name) else {
            throw Diagnostic(
                .error, "unknown cell `\(name)`", file: file, span: nameSpan,
                hint: Suggestion.hint(for: name, among: model.cellNames))
        }
        guard case .record(let entries) = node.expr.kind else {
            throw Diagnostic(
                .error, "`\(name)` is not defined by a record literal, so one field cannot be changed",
                file: file, span: nameSpan, hint: "redefine it: `\(name) = …`")
        }
        guard entries.contains(where: { $0.key == field }) else {
            throw Diagnostic(
                .error, "`\(name)` has no field `\(field)` (fields: \(entries.map(\.key).joined(separator: ", ")))",
                file: file, span: fieldSpan, hint: Suggestion.hint(for: field, among: entries.map(\.key)))
        }
        _ = try evaluate(expr, file)
        let newText = entries.map { entry in
            "\(entry.key): " + (entry.key == field ? file.text(of: expr.span) : node.file.text(of: entry.value.span))
        }.joined(separator: ", ")
        let line = file.location(of: statement.span.start).line
        let synthesized = SourceFile(name: file.name, text: "{" + newText + "}", firstLine: line)
        let newExpr: Expr
        do throws(EvalError) {
            newExpr = try Parser.parseExpression(synthesized)
        } catch {
            throw error.diagnostic(in: synthesized)
        }
        do throws(Diagnostic) {
            let changes = try model.define(name, nameSpan: nameSpan, expr: newExpr, file: synthesized, doc: node.doc)
            report(changes)
        } catch {
            // Point at what the user typed, not at the record text put together for the new definition.
            var located = error
            if located.file === synthesized {
                located.file = file
                located.span = expr.span
            }
            throw located
        }
    }

    /// The preset that is the standard model's timeline part; its cells are named for the file as a preset
    /// loads (`standard-timeline.plan`), which is how `timeline off` finds them again.
    static let timelinePart = "standard-timeline"

    /// Sets or removes the timeline (`timeline FROM to TO`, `timeline off`).
    ///
    /// On the standard model (it has `hybrid_fte` and `baseline_fte`) without its timeline part (no `agents`),
    /// setting a timeline also loads that part, `standard-timeline` (SPEC §9: "loaded when a timeline is set"),
    /// as one statement: if loading fails, nothing changes. `timeline off` takes that part out again (the cells
    /// and alerts that preset defined), as one statement too.
    private func setTimeline(_ timeline: Timeline?, statement: Statement, directory: String) throws(Diagnostic)
        -> ExitStatus
    {
        let before = model
        // `timeline off` takes out the standard timeline part that setting a timeline loaded (its cells need
        // the axis); refused while a cell of the user's uses one of them.
        var removed: [String] = []
        if timeline == nil {
            removed = try model.removeNodes(
                from: { $0.name == Self.timelinePart + ".plan" }, span: statement.span,
                file: statement.file)
        }
        // No cell is the change's root: every changed cell reads as a watched change (`old → new`).
        var changes: ChangeSet
        do throws(Diagnostic) {
            changes = try model.setTimeline(timeline, span: statement.span, file: statement.file)
        } catch {
            model = before
            throw error
        }
        if !removed.isEmpty && interactive && nestedDepth == 0 {
            output.emit("  took out the standard timeline part (\(removed.count) cells and alerts)")
        }
        changes.hasRoot = false
        report(changes)
        guard timeline != nil, model.cell("hybrid_fte") != nil, model.cell("baseline_fte") != nil,
            model.cell("agents") == nil
        else { return .success }
        do throws(Diagnostic) {
            let status = try use(Self.timelinePart, statement: statement, directory: directory)
            if interactive && nestedDepth == 0, let timeline = model.timeline {
                let outputs = ["agents", "monthly_net", "cumulative_net", "payback_month", "net_present_value"]
                    .filter { model.cell($0) != nil }
                // Two lines, each under 80 columns.
                output.emit(
                    "  \(timeline.count) months from \(Timeline.label(timeline.start)): loaded the standard timeline "
                        + "part; `:timeline` shows")
                output.emit(
                    "  " + outputs.dropLast().joined(separator: ", ") + (outputs.count > 1 ? " and " : "")
                        + (outputs.last ?? ""))
            }
            return status
        } catch {
            model = before
            throw error
        }
    }

    private func check(_ condition: Expr, message: String?, file: SourceFile) throws(Diagnostic) -> ExitStatus {
        let value = try evaluate(condition, file)
        guard case .bool(let holds) = value else {
            throw Diagnostic(
                .error, "`assert` needs a condition that is true or false, not \(value.kindDescription)", file: file,
                span: condition.span)
        }
        if holds { return .success }
        var text = "assertion failed"
        if let message { text += ": " + message }
        let detail = explainFailure(condition)
        output.report(
            Diagnostic(.error, text + (detail.isEmpty ? "" : " (" + detail + ")"), file: file, span: condition.span))
        return .assertionFailed
    }

    /// Both sides' values of a failed comparison or `near`.
    private func explainFailure(_ condition: Expr) -> String {
        switch condition.kind {
        case .binary(let lhs, let link) where ![.and, .or].contains(link.op):
            guard let left = try? model.evaluate(lhs), let right = try? model.evaluate(link.rhs) else { return "" }
            return "left: \(left.display), right: \(right.display)"
        case .call("near", _, let args) where args.count == 3:
            guard let a = try? model.evaluate(args[0]), let b = try? model.evaluate(args[1]),
                let tol = try? model.evaluate(args[2])
            else { return "" }
            var text = "left: \(a.display), right: \(b.display), tolerance: \(tol.display)"
            if case .number(let x, let unit) = a, case .number(let y, _) = b {
                text += ", off by " + Value.format(x - y, unit: unit)
                if y != 0 { text += " = " + NumberFormat.significant(abs(x - y) / abs(y) * 100, 3) + "%" }
            }
            return text
        default:
            return "the condition is false"
        }
    }

    private func use(_ target: String, statement: Statement, directory: String) throws(Diagnostic) -> ExitStatus {
        let kind = LoadTarget.of(target)
        let path: String
        switch kind {
        case .file(let file): path = FileSystem.resolve(file, against: directory)
        case .preset(let name):
            do {
                path = try locator.path(of: name)
            } catch {
                throw Diagnostic(.error, error.message, kind: .io, file: statement.file, span: statement.span)
            }
        }
        // One file has one name on the stack, however it is spelt (`a.plan`, `./a.plan`, a link to it).
        let key = FileSystem.canonicalPath(path) ?? path
        if loadStack.contains(key) {
            throw Diagnostic(
                .error, "`use` cycle: \(target) is already being loaded", file: statement.file, span: statement.span)
        }
        guard loadStack.count < Self.maximumUseDepth else {
            throw Diagnostic(.error, "`use` nested too deeply", file: statement.file, span: statement.span)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
            try FileSystem.checkText(bytes, path: target)
        } catch {
            throw Diagnostic(.error, error.message, kind: .io, file: statement.file, span: statement.span)
        }
        loadStack.append(key)
        defer { loadStack.removeLast() }
        let shownName = kind.isPreset ? target + ".plan" : target
        let status = loadingQuietly {
            run(SourceFile(name: shownName, bytes: bytes), directory: FileSystem.directory(of: path))
        }
        if status == .error {
            throw Diagnostic(
                .error, "`use \"\(target)\"` stopped at the error above", file: statement.file, span: statement.span)
        }
        return status
    }
}
