import PlanCore
import PlanGraph

/// `:help [topic|name]`: the commands (from the command table), a command's usage and effect, a cell's
/// doc, formula and value, a function, or a topic (functions, units, staffing, distributions).
///
/// Fitting the width: a command's summary wraps under itself; prose wraps at blanks.
struct HelpView {
    /// The model (cells, functions and built-ins to look up).
    let model: Model
    /// What help is asked for; empty for the command list.
    let topic: String

    /// The topics `:help` knows besides names.
    static let topics = ["functions", "units", "staffing", "distributions", "math"]

    /// The help laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        return TextLayout.fit(text(width: width), width: width)
    }

    private func text(width: Int) -> String {
        if topic.isEmpty { return commandList(width: width) }
        let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
        if let command = Command.named(name) {
            let details = command.details.map { "\n  " + $0 }.joined()
            return "  " + command.usage + "\n  " + command.summary + details + "\n  " + Self.describe(command.effect)
        }
        if let node = model.cell(name) {
            let text = CellText(model)
            var out = "  " + name + " = " + text.value(of: name)
            if let note = text.distributionNote(of: name) { out += "  (" + note + ")" }
            out += "\n"
            for doc in node.doc { out += "  ## " + doc + "\n" }
            out += "  formula: " + node.formulaOneLine
            if case .number(_, let unit)? = model.value(of: name), !unit.isPlain { out += "\n  unit: " + unit.symbol }
            if let range = node.range { out += "\n  valid within: " + range.text }
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
            let candidates = model.cellNames + model.functionNames + model.builtins.names + Command.names
            return "  nothing named `\(TextLayout.truncate(name, 40))`"
                + (Suggestion.hint(for: name, among: candidates).map { "; \($0)" } ?? "")
        }
    }

    /// Every command with its summary, in the table's order, then the statements and topics.
    private func commandList(width: Int) -> String {
        // The summary column: 30 wide, narrower on a narrow screen; a longer usage puts the summary below.
        let column = min(30, width * 3 / 8)
        let indent = String(repeating: " ", count: column)
        var lines = ["Commands:"]
        for command in Command.all {
            let usage = "  " + command.usage
            if usage.count < column {
                lines += TextLayout.wrapped(
                    command.summary, prefix: usage.padding(column), indent: indent, width: width)
            } else {
                lines += TextLayout.wrapped(usage, prefix: "", indent: "      ", width: width)
                lines += TextLayout.wrapped(command.summary, prefix: indent, indent: indent, width: width)
            }
        }
        lines.append("")
        lines.append("Statements: name = expr · name.field = expr · f(x) = expr · expr · print a, \"text\"")
        lines.append(
            "  assert cond [\"message\"] · alert \"message\" when cond · watch a, b · report a, \"label\": b to c"
                + " · use \"preset\" · delete name")
        lines.append("")
        lines.append("Topics: :help functions · :help units · :help staffing · :help distributions · :help NAME")
        return lines.joined(separator: "\n")
    }

    /// What a command's effect means for the user.
    static func describe(_ effect: Command.Effect) -> String {
        switch effect {
        case .shows: return "(only shows; not kept in the session journal)"
        case .writesFiles: return "(writes a file; not allowed in files run by `use` or `:load`)"
        case .changesModel: return "(changes the model; `:undo` takes it back)"
        case .changesSession: return "(changes the session's settings or history; kept in the session journal)"
        case .appliesStatements:
            return "(changes the model by statements of its own: they are journalled, and `:undo` takes them back)"
        }
    }
}
