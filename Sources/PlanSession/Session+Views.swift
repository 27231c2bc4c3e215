import PlanCore
import PlanGraph

/// Text views of the model: `:show`, `:explain`, `:table`, `:report`, `:help NAME`, `:save`.
extension Session {
    /// A value for display, marked `~` when it depends on a distribution.
    ///
    /// Views that show many cells pass `uncertain` (`model.uncertainNodes()`, computed once): asking
    /// `model.isUncertain` per cell walks everything upstream each time, O(n²) on a chain.
    public func displayValue(of cell: String, uncertain: Set<Int>? = nil) -> String {
        guard let value = model.value(of: cell) else { return "?" }
        let marked: Bool
        if let uncertain {
            marked = model.cellIds[cell].map { uncertain.contains($0) } ?? false
        } else {
            marked = model.isUncertain(cell)
        }
        return (marked ? "~" : "") + value.display
    }

    /// Which distribution a cell's own formula draws from (`a to b` never switches silently), or nil.
    public func distributionNote(of cell: String) -> String? {
        guard let node = model.cell(cell) else { return nil }
        switch node.expr.kind {
        case .interval(let low, let high):
            guard case .number(let a, let unit)? = try? model.evaluate(low),
                case .number(let b, _)? = try? model.evaluate(high)
            else { return "90% interval" }
            let kind = a > 0 && a < b ? "lognormal" : "normal"
            return "\(kind), 90% between \(Value.format(a, unit: unit)) and \(Value.format(b, unit: unit))"
        case .call(let name, _, _) where model.builtins[name]?.distribution != nil:
            return name + " distribution, mean shown"
        default:
            return node.drawsFromDistribution ? "depends on distributions, mean shown" : nil
        }
    }

    /// `:show [glob]`: cells with their values and the first line of their docs.
    func show(glob: String) -> String {
        let pattern = glob.isEmpty ? "*" : glob
        let names = model.cellNames.filter { Glob.matches($0, pattern) }
        if names.isEmpty { return "  no cells match `\(pattern)`" }
        let width = min(28, names.map(\.count).max() ?? 0)
        let uncertain = model.uncertainNodes()
        return names.map { name in
            var line = "  " + name.padding(width) + "  " + displayValue(of: name, uncertain: uncertain)
            if let note = distributionNote(of: name) { line += "  (" + note + ")" }
            if let doc = model.cell(name)?.doc.first { line += "   ## " + Self.firstSentence(doc) }
            return line
        }.joined(separator: "\n")
    }

    /// `:explain name [depth]`: the formula tree with every value on it.
    ///
    /// Each cell appears once with its formula; later mentions show only its value. Inputs show the
    /// first sentence of their `##` doc. Below `depthLimit` levels the tree is cut with `…`.
    public func explain(_ name: String, depthLimit: Int = 3) -> String {
        // Each level indents by 3 characters: an unbounded depth on a long chain is O(n²) text.
        let depthLimit = min(depthLimit, Self.maximumExplainDepth)
        let uncertain = model.uncertainNodes()
        var lines: [String] = []
        var seen: Set<String> = []
        var stack: [(cell: String, prefix: String, childPrefix: String, depth: Int)] = [(name, "  ", "  ", 0)]
        while let (cell, prefix, childPrefix, depth) = stack.popLast() {
            guard let node = model.cell(cell) else { continue }
            let isInput = node.deps.isEmpty
            let repeated = !seen.insert(cell).inserted
            var line = prefix + cell
            if isInput || repeated {
                line += " = " + displayValue(of: cell, uncertain: uncertain)
            } else {
                line += " = " + node.formulaOneLine + " = " + displayValue(of: cell, uncertain: uncertain)
            }
            if isInput, let doc = node.doc.first { line += "   ## " + Self.firstSentence(doc) }
            lines.append(line)
            if repeated || isInput { continue }
            let children = node.deps.compactMap { model.nodes[$0] }.filter { $0.kind == .cell }.map(\.name)
            if depth >= depthLimit {
                if !children.isEmpty { lines.append(childPrefix + "└─ …") }
                continue
            }
            for (index, child) in children.enumerated().reversed() {
                let last = index == children.count - 1
                stack.append(
                    (child, childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), depth + 1))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The deepest `:explain` tree shown.
    public static let maximumExplainDepth = 100

    /// The first sentence of a doc line, at most 70 characters.
    static func firstSentence(_ doc: String) -> String {
        var sentence = doc
        if let stop = doc.firstIndex(of: "."),
            doc.index(after: stop) == doc.endIndex || doc[doc.index(after: stop)] == " "
        {
            sentence = String(doc[...stop])
        }
        return sentence.count > 70 ? String(sentence.prefix(69)) + "…" : sentence
    }

    /// `:help [topic|name]`.
    func help(_ topic: String) -> String {
        let topic = topic.trimmingSpaces()
        if topic.isEmpty {
            var out = "Commands:\n"
            for command in Self.commands {
                let usage = "  " + command.usage
                out += (usage.count < 30 ? usage.padding(30) : usage + "\n" + String(repeating: " ", count: 30))
                out += command.summary + "\n"
            }
            out += "\nStatements: name = expr · name.field = expr · f(x) = expr · expr · print a, \"text\"\n"
            out +=
                "  assert cond [\"message\"] · alert \"message\" when cond · watch a, b · use \"preset\" · delete name\n"
            out += "\nTopics: :help functions · :help units · :help staffing · :help distributions · :help NAME"
            return out
        }
        let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
        if let command = Self.commands.first(where: { $0.name == name }) {
            return "  " + command.usage + "\n  " + command.summary
        }
        if let node = model.cell(name) {
            var out = "  " + name + " = " + displayValue(of: name)
            if let note = distributionNote(of: name) { out += "  (" + note + ")" }
            out += "\n"
            for doc in node.doc { out += "  ## " + doc + "\n" }
            out += "  formula: " + node.formulaOneLine
            if case .number(_, let unit)? = node.value, !unit.isPlain { out += "\n  unit: " + unit.symbol }
            let users = model.cellIds[name].map { model.users(of: $0) } ?? []
            if !users.isEmpty { out += "\n  used by: " + users.joined(separator: ", ") }
            return out
        }
        if let node = model.function(name) {
            return "  " + node.definition + (node.doc.isEmpty ? "" : "\n  ## " + node.doc.joined(separator: "\n  ## "))
        }
        if let builtin = model.builtins[name] {
            return "  " + builtin.signature + "\n  " + builtin.summary + "\n  example: " + builtin.example
        }
        switch name {
        case "functions", "math", "staffing", "distributions":
            let chosen = model.builtins.names.compactMap { model.builtins[$0] }.filter {
                name == "functions" || $0.topic == name
            }
            return chosen.map {
                "  " + $0.signature + "\n      " + $0.summary + "\n      e.g. " + $0.example
            }
            .joined(separator: "\n")
        case "units":
            return """
                  Money: $ before a number ($0.99, $55k, -$3). Scale suffixes: k M B (2.3M). Percent: 25%.
                  Time: s sec second(s) min minute(s) h hr hour(s) day(s) week(s) month(s) year(s) yr
                        (year = 365.25 days, month = year/12). `per` means `/`: $55k per year, 250k per month.
                  Values keep the units written; `expr in UNIT` shows them in another: savings in $/month.
                  Adding $ to min is an error; $/month + $/year converts.
                """
        default:
            let candidates = model.cellNames + model.functionNames + model.builtins.names + Self.commands.map(\.name)
            return "  nothing named `\(name)`" + (Suggestion.hint(for: name, among: candidates).map { "; \($0)" } ?? "")
        }
    }

    /// `:table expr, …`: one row per record key, one column per expression.
    func table(_ argument: String, statement: Statement) throws(Diagnostic) -> String {
        let file = SourceFile(
            name: statement.file.name, text: argument, firstLine: statement.file.location(of: statement.span.start).line
        )
        var parser = Parser(file)
        var columns: [(String, Value)] = []
        do throws(EvalError) {
            repeat {
                let expr = try parser.expression()
                columns.append((file.text(of: expr.span), try model.evaluate(expr)))
            } while try parser.matchSymbol(.comma) != nil
        } catch {
            throw error.diagnostic(in: file)
        }
        var keys: [String] = []
        for (_, value) in columns {
            if case .record(let record) = value {
                for key in record.keys where !keys.contains(key) { keys.append(key) }
            }
        }
        if keys.isEmpty { keys = ["value"] }
        var rows: [[String]] = [["tier"] + columns.map(\.0)]
        let texts = columns.map { _, value -> [String] in
            let cells = keys.map { key -> Value? in
                if case .record(let record) = value { return record[key] }
                return value
            }
            return Self.columnTexts(cells)
        }
        for (index, key) in keys.enumerated() {
            rows.append([key] + texts.map { $0[index] })
        }
        return TextTable.render(rows)
    }

    /// A table column: numbers in one unit get the same number of decimals, so the points line up.
    static func columnTexts(_ values: [Value?]) -> [String] {
        var unit: Unit?
        var largest = 0.0
        for value in values {
            guard case .number(let number, let own)? = value else { return values.map { $0?.display ?? "" } }
            if let unit, !unit.sameDimension(as: own) { return values.map { $0?.display ?? "" } }
            // A column shows in one unit, the first row's (5 min, 10 min, 30 min — not 0.5 h).
            let shown = unit ?? own
            unit = shown
            largest = max(largest, abs(shown.isPlain ? (shown.percent ? number * 100 : number) : number / shown.scale))
        }
        guard let unit, largest < 1e4 else { return values.map { $0?.display ?? "" } }
        let decimals = unit.percent ? (largest < 1 ? 2 : 1) : largest < 10 ? 2 : largest < 1_000 ? 1 : 0
        return values.map { value in
            guard case .number(let number, _)? = value else { return "" }
            return Value.format(number, unit: unit, decimals: decimals)
        }
    }

    /// `:report`: watched outputs, the per-tier table, alerts.
    func report(statement: Statement) throws(Diagnostic) -> String {
        var lines: [(String, String)] = model.watches.map { ($0, displayValue(of: $0)) }
        let pairs: [(String, String, String, String)] = [
            ("FTE (workload)", "baseline_fte", "hybrid_fte", ""),
            ("FTE (scheduled)", "scheduled_fte_baseline", "scheduled_fte", ""),
            ("support cost", "baseline_cost", "hybrid_cost", "ai_spend"),
            ("automation", "automation_rate", "true_automation_rate", ""),
        ]
        for (label, before, after, extra) in pairs where model.value(of: before) != nil && model.value(of: after) != nil
        {
            var text = displayValue(of: before) + " → " + displayValue(of: after)
            if label == "automation" {
                text = displayValue(of: before) + " as billed, " + displayValue(of: after) + " true"
            }
            if !extra.isEmpty, model.value(of: extra) != nil { text += "  (AI spend " + displayValue(of: extra) + ")" }
            lines.append((label, text))
        }
        if case .number(let risk, _)? = model.value(of: "risk"),
            case .number(let savings, _)? = model.value(of: "savings"),
            savings > 0
        {
            lines.append(("risk / savings", NumberFormat.significant(risk / savings * 100, 3) + "%"))
        }
        let width = lines.map(\.0.count).max() ?? 0
        var out =
            "  \(scenario)\n" + lines.map { "  " + $0.0.padding(width) + "  " + $0.1 }.joined(separator: "\n") + "\n"
        let tierColumns = ["mix", "ai_coverage", "ai_resolution", "csat_human", "csat_ai", "csat_tier", "csat_change"]
            .filter {
                if case .record = model.value(of: $0) { return true }
                return false
            }
        if !tierColumns.isEmpty {
            out += "\n" + (try table(tierColumns.joined(separator: ", "), statement: statement)) + "\n"
            if case .number(let before, _)? = model.value(of: "csat_blended_baseline"),
                case .number(let after, _)? = model.value(of: "csat_blended_hybrid")
            {
                let points = (after - before) * 100
                out +=
                    "  blended CSAT: " + Value.format(before, unit: .percentage, decimals: 1) + " → "
                    + Value.format(after, unit: .percentage, decimals: 1) + "  ("
                    + (points < 0 ? "−" : "+") + NumberFormat.fixed(abs(points), decimals: 1, keepZeros: true)
                    + " points)\n"
            }
        }
        let active = model.activeAlerts
        out +=
            active.isEmpty
            ? "\n  no alerts" : "\n" + active.map { "  ⚠ " + alertDescription($0) }.joined(separator: "\n")
        return out
    }

    /// The model as a script that loads back to identical values (`:save`).
    public func savedScript() -> String {
        var out = "# supportplan model saved from scenario \(scenario)\n"
        // The timeline, then definitions in dependency order: a node after everything it uses.
        for step in model.rebuildSteps() {
            switch step {
            case .timeline(let statement): out += statement + "\n"
            case .placeholder(let name, let literal):
                out += "\(name) = \(literal)  # stands in until its recurrence below defines it\n"
            case .node(let id):
                guard let node = model.nodes[id] else { continue }
                for doc in node.doc { out += "## " + doc + "\n" }
                out += node.definition + "\n"
            }
        }
        if !model.watches.isEmpty { out += "watch " + model.watches.joined(separator: ", ") + "\n" }
        return out
    }
}

/// Shell-style glob matching (`*`, `?`) for `:show`.
enum Glob {
    static func matches(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text)
        let p = Array(pattern)
        var ti = 0
        var pi = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                ti += 1
                pi += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// Plain-text tables with aligned columns (numbers right-aligned).
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        // The first column (labels) is left-aligned; the others, headers included, right-aligned.
        return rows.map { row in
            let cells = row.enumerated().map { index, cell in
                index > 0 ? cell.leftPadding(widths[index]) : cell.padding(widths[index])
            }
            return ("  " + cells.joined(separator: "  ")).trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    /// The string without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
