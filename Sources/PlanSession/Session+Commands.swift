import PlanCore
import PlanGraph

/// The `:commands` of SPEC §5 (REPL and scripts).
extension Session {
    /// Every command with its one-line help, in the order `:help` lists them.
    public static let commands: [(name: String, usage: String, summary: String)] = [
        ("help", ":help [topic|name]", "this help; `:help NAME` shows a cell's doc, formula and value"),
        ("quit", ":quit", "leave (Ctrl-D works too)"),
        ("show", ":show [glob]", "list cells with their values (`:show csat*`)"),
        ("explain", ":explain name [depth]", "the formula tree of a cell with every value on it"),
        ("watch", ":watch name…", "add cells to the list shown after every change"),
        ("unwatch", ":unwatch name…", "remove cells from the watch list"),
        ("undo", ":undo", "take back the last change"),
        ("redo", ":redo", "apply again what :undo took back"),
        ("reset", ":reset", "start again from the standard model"),
        ("load", ":load preset|file", "switch to a preset (fresh), or run a file on top of the model"),
        ("presets", ":presets", "list the presets"),
        ("save", ":save file", "write the model as a script that loads back to identical values"),
        (
            "export", ":export csv|json|md file",
            "write every cell's value, unit and formula as CSV, JSON or a Markdown table"
        ),
        ("table", ":table expr, …", "one row per tier, one column per expression"),
        ("report", ":report", "one-screen summary: watched outputs, per-tier table, alerts"),
        ("alerts", ":alerts", "every alert and whether it is on"),
        ("set", ":set key value", "settings: seed N, samples N, timing on|off"),
        ("simulate", ":simulate [n] [name…]", "Monte Carlo over every distribution: mean, p5, p50, p95, P(< 0)"),
        ("goalseek", ":goalseek expr = value by input [in lo to hi]", "the input value that makes expr equal value"),
        ("maximize", ":maximize expr by input in lo to hi", "the input value that makes expr largest"),
        ("minimize", ":minimize expr by input in lo to hi", "the input value that makes expr smallest"),
        ("sweep", ":sweep input from a to b [steps n] [show expr, …]", "a table and chart of outputs over an input"),
        ("sensitivity", ":sensitivity expr", "tornado chart: which inputs swing expr most"),
        ("scenario", ":scenario save|load|delete name", "keep, restore or drop a named copy of the model"),
        ("scenarios", ":scenarios", "list saved scenarios and presets"),
        ("compare", ":compare a b …", "scenarios side by side: inputs that differ, then outputs, with deltas"),
    ]

    /// Runs a `:command` line.
    func command(_ text: String, statement: Statement, directory: String) throws(Diagnostic) -> ExitStatus {
        let body = text.dropFirst()
        let name = String(body.prefix { $0 != " " && $0 != "\t" })
        let argument = String(body.dropFirst(name.count).drop { $0 == " " || $0 == "\t" })
        let args = argument.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        let fail = { (message: String) -> Diagnostic in
            Diagnostic(.error, message, file: statement.file, span: statement.span)
        }
        switch name {
        case "help": output.emit(help(argument))
        case "quit", "q", "exit": quitRequested = true
        case "show": output.emit(show(glob: argument))
        case "explain":
            guard let cell = args.first else { throw fail("usage: :explain name") }
            guard model.cell(cell) != nil else {
                throw fail(
                    "unknown cell `\(cell)`"
                        + (Suggestion.hint(for: cell, among: model.cellNames).map { "; \($0)" } ?? ""))
            }
            output.emit(explain(cell, depthLimit: args.count > 1 ? Int(args[1]) ?? 3 : 3))
        case "watch", "unwatch":
            var list = model.watches
            for cell in args {
                guard model.cell(cell) != nil else {
                    throw fail(
                        "unknown cell `\(cell)`"
                            + (Suggestion.hint(for: cell, among: model.cellNames).map { "; \($0)" } ?? ""))
                }
                if name == "watch" {
                    if !list.contains(cell) { list.append(cell) }
                } else {
                    list.removeAll { $0 == cell }
                }
            }
            model.replaceWatches(list)
            output.emit("  watching: " + (list.isEmpty ? "nothing" : list.joined(separator: ", ")))
        case "undo", "redo":
            try undoRedo(undo: name == "undo", fail)
        case "reset":
            let before = model
            model = Model(builtins: model.builtins)
            model.isCancelled = cancellation
            if !startedEmpty { _ = loadStandardModel() }
            scenario = "plan"
            remember(before, scenario: scenario)
            output.emit("  reset to the \(startedEmpty ? "empty" : "standard") model")
        case "load":
            guard let target = Self.pathArgument(argument) else { throw fail("usage: :load preset|file") }
            return try load(target, directory: directory, fail)
        case "presets": output.emit(presetList())
        case "alerts":
            let alerts = model.alerts
            output.emit(
                alerts.isEmpty
                    ? "  no alerts defined"
                    : alerts.map { "  \($0.on ? "⚠ on " : "  off") \($0.message)" }.joined(separator: "\n"))
        case "set":
            guard args.count == 2 else { throw fail("usage: :set seed N | :set samples N | :set timing on|off") }
            switch args[0] {
            case "seed":
                guard let value = UInt64(args[1]) else { throw fail("the seed must be a whole number") }
                seed = value
            case "samples":
                guard let value = Int(args[1]), value >= 2, value <= 100_000_000 else {
                    throw fail("samples must be a whole number from 2 to 100,000,000")
                }
                samples = value
            case "timing":
                guard args[1] == "on" || args[1] == "off" else { throw fail("usage: :set timing on|off") }
                showTiming = args[1] == "on"
            default: throw fail("unknown setting `\(args[0])` (settings: seed, samples, timing)")
            }
            output.emit("  \(args[0]) = \(args[1])")
        case "save":
            guard let path = Self.pathArgument(argument) else { throw fail("usage: :save file") }
            try writeFile(path, savedScript(), directory: directory, fail: fail)
            output.emit("  saved \(model.cellNames.count) cells to \(path)")
        case "export":
            guard let format = args.first, let text = export(format: format),
                let path = Self.pathArgument(String(argument.dropFirst(format.count)))
            else {
                throw fail("usage: :export csv|json|md file")
            }
            try writeFile(path, text, directory: directory, fail: fail)
            output.emit("  exported \(model.cellNames.count) cells to \(path)")
        case "table":
            output.emit(try table(argument, statement: statement))
        case "report":
            output.emit(try report(statement: statement))
        case "simulate":
            output.emit(try simulate(args, fail: fail))
        case "goalseek", "maximize", "minimize", "sweep", "sensitivity", "scenario", "scenarios", "compare":
            output.emit(try whatIf(name, argument, statement: statement))
        default:
            let hint = Suggestion.closest(to: name, among: Self.commands.map(\.name)).map {
                " (did you mean `:\($0)`?)"
            }
            throw fail("unknown command `:\(name)`" + (hint ?? "") + "; `:help` lists the commands")
        }
        return .success
    }

    private func undoRedo(undo: Bool, _ fail: (String) -> Diagnostic) throws(Diagnostic) {
        let before = model
        let history = interactive ? "" : " (undo history is kept in the REPL, not in scripts)"
        if undo {
            guard let (previous, name) = undoStack.popLast() else { throw fail("nothing to undo" + history) }
            redoStack.append((model, scenario))
            model = previous
            scenario = name
        } else {
            guard let (next, name) = redoStack.popLast() else { throw fail("nothing to redo" + history) }
            undoStack.append((model, scenario))
            model = next
            scenario = name
        }
        model.isCancelled = cancellation
        output.emit("  \(undo ? "undone" : "redone")")
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

    private func load(_ target: String, directory: String, _ fail: (String) -> Diagnostic) throws(Diagnostic)
        -> ExitStatus
    {
        guard nestedDepth < Self.maximumUseDepth else { throw fail("`:load` nested too deeply") }
        let before = model
        let beforeScenario = scenario
        let kind = LoadTarget.of(target)
        if case .preset(let name) = kind {
            do {
                _ = try locator.path(of: name)
            } catch {
                throw fail(error.message)
            }
            model = Model(builtins: model.builtins)
            model.isCancelled = cancellation
        }
        let status: ExitStatus
        switch kind {
        // Relative to the file it is in (or the REPL's starting directory), as `use` is.
        case .file(let path): status = loadingQuietly { runFile(FileSystem.resolve(path, against: directory)) }
        case .preset(let name): status = loadPreset(name, report: true)
        }
        if status == .error {
            model = before
            scenario = beforeScenario
            throw fail("`:load \(target)` failed; the model is unchanged")
        }
        scenario = kind.scenarioName
        remember(before, scenario: beforeScenario)
        let description = kind.isPreset ? presetDescription(target).map { ": " + $0 } ?? "" : ""
        output.emit("\(scenario)\(description) (\(model.cellNames.count) cells)")
        return status
    }

    /// A file argument as typed: surrounding quotes removed, `\ ` taken as a space, a leading `~/` expanded.
    static func pathArgument(_ raw: String) -> String? {
        var text = raw.trimmingSpaces()
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        } else {
            var unescaped = ""
            var escaping = false
            for char in text {
                if char == "\\" && !escaping {
                    escaping = true
                    continue
                }
                unescaped.append(char)
                escaping = false
            }
            text = unescaped
        }
        if text == "~" || text.hasPrefix("~/"), let home = FileSystem.environment("HOME") {
            text = home + text.dropFirst()
        }
        return text.isEmpty ? nil : text
    }

    /// The one-line description of a preset (its first `##` line).
    public func presetDescription(_ name: String) -> String? {
        guard let path = try? locator.path(of: name), let bytes = try? FileSystem.read(path) else { return nil }
        let first = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
        guard first.hasPrefix("##") else { return nil }
        return String(first.dropFirst(2).drop { $0 == " " })
    }

    /// The preset list shown by `supportplan presets` and `:presets`.
    public func presetList() -> String {
        let names = locator.names
        if names.isEmpty { return "no presets found; searched " + locator.roots.joined(separator: ", ") }
        let width = names.map(\.count).max() ?? 0
        return names.map { name in
            "  " + name.padding(width) + "  " + (presetDescription(name) ?? "")
        }.joined(separator: "\n")
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string padded on the left to `width` characters.
    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
