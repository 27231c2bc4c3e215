import PlanCharts
import PlanCore
import PlanGraph

/// `:sweep INPUT from A to B [steps N] [and INPUT from A to B [steps N]] [show EXPR, …]`.
extension Session {
    /// The default number of steps of a sweep.
    static let defaultSweepSteps = 11

    /// One axis of a sweep as written: the input, its range and its steps (nil: not written).
    private struct SweepAxis {
        /// The input.
        var input: WhatIfInput
        /// Where the sweep starts.
        var low: Value
        /// Where it ends.
        var high: Value
        /// The number of values, when written.
        var steps: Int?
        /// Where the range is written (for errors).
        var span: SourceSpan
    }

    /// Parses and runs `:sweep`, returning the table and chart.
    func sweep(_ text: CommandText) throws(Diagnostic) -> String {
        let usage = "usage: :sweep input from a to b [steps n] [show expr, …]"
        let count = text.tokens.count
        let showIndex = text.findWord("show") ?? count
        var axes: [SweepAxis] = []
        var index = 0
        while true {
            let (input, next) = try text.input(at: index, what: "the input to sweep")
            guard next < showIndex, text.tokens[next].identifier == "from" else {
                throw text.error(
                    "expected `from` after `\(input.name)`", at: text.span(from: next, to: next + 1), hint: usage)
            }
            let canJoin = axes.isEmpty
            let andIndex = canJoin ? text.find(from: next + 1, to: showIndex) { $0.isKeyword(.and) } : nil
            let stepsIndex = text.findWord("steps", from: next + 1, to: andIndex ?? showIndex)
            let rangeEnd = stepsIndex ?? andIndex ?? showIndex
            let (low, high) = try range(text, from: next + 1, to: rangeEnd, what: "a range `A to B` after `from`")
            var axis = SweepAxis(
                input: input, low: low, high: high, steps: nil, span: text.span(from: index, to: rangeEnd))
            index = rangeEnd
            if let stepsIndex {
                let end = andIndex ?? showIndex
                axis.steps = try steps(text, from: stepsIndex + 1, to: end, twoWay: !canJoin || andIndex != nil)
                index = end
            }
            axes.append(axis)
            if let andIndex, index == andIndex {
                index += 1
                continue
            }
            break
        }
        if index < showIndex {
            throw text.error(
                "unexpected \(text.tokens[index].description) in `:sweep`", at: text.span(from: index, to: index + 1),
                hint: usage)
        }
        var outputs: [WhatIfObjective] = []
        if showIndex < count {
            let exprs = try text.expressions(from: showIndex + 1, to: count, what: "an expression after `show`")
            for expr in exprs {
                let start = text.tokens.firstIndex { $0.span.start == expr.span.start } ?? showIndex + 1
                let end = text.tokens.lastIndex { $0.span.end == expr.span.end }.map { $0 + 1 } ?? count
                outputs.append(try objective(text, from: start, to: end))
            }
        } else {
            guard !model.watches.isEmpty else {
                throw text.error("nothing to show: add `show expr, …` or `:watch` a cell", hint: usage)
            }
            let names = axes.count == 2 ? Array(model.watches.prefix(1)) : model.watches
            outputs = names.map { name in
                WhatIfObjective(expression: Expr(.name(name), SourceSpan(start: 0, end: 0)), label: name)
            }
        }
        if axes.count == 2 && outputs.count != 1 {
            throw text.error("a two-way sweep shows one output: `show expr`", at: text.span(from: showIndex, to: count))
        }
        let fallback = axes.last?.steps ?? Self.defaultSweepSteps
        var values: [[Value]] = []
        for axis in axes {
            do throws(EvalError) {
                values.append(
                    try model.sweepValues(
                        of: axis.input, from: axis.low, to: axis.high, steps: axis.steps ?? fallback))
            } catch {
                throw text.diagnostic(error, at: axis.span)
            }
        }
        do throws(EvalError) {
            if axes.count == 2 {
                let grid = try model.sweep(
                    axes[0].input, values: values[0], by: axes[1].input, values: values[1], output: outputs[0])
                lastChart = Chart.sweep(grid)
                return Self.render(grid)
            }
            let result = try model.sweep(axes[0].input, values: values[0], outputs: outputs)
            lastChart = Chart.sweep(result)
            return Self.render(result)
        } catch {
            throw text.diagnostic(error)
        }
    }

    /// The number after `steps`: a whole number from 2 to 1,000 (100 per axis for a two-way sweep).
    private func steps(_ text: CommandText, from: Int, to: Int, twoWay: Bool) throws(Diagnostic) -> Int {
        let expr = try text.expression(from: from, to: to, what: "a number of steps after `steps`")
        let limit = twoWay ? 100 : 1_000
        guard case .number(let value, let unit) = try evaluate(expr, text), unit.isPlain, !unit.percent,
            value == value.rounded(), value >= 2, value <= Double(limit)
        else {
            throw text.error("`steps` takes a whole number from 2 to \(limit)", at: expr.span)
        }
        return Int(value)
    }

    /// A one-way sweep as a table, with a bar chart of the first numeric output and notes on failures.
    static func render(_ result: SweepResult) -> String {
        // Chart the first output that varies (else the first that is a number at all).
        let numeric = result.outputs.indices.filter { output in
            result.cells.contains { WhatIfCharts.number($0[output]) != nil }
        }
        let charted =
            numeric.first { output in Set(result.cells.compactMap { WhatIfCharts.number($0[output]) }).count > 1 }
            ?? numeric.first
        var header = [result.input.name] + result.outputs
        var low = 0.0
        var high = 0.0
        if let charted {
            let numbers = result.cells.compactMap { WhatIfCharts.number($0[charted]) }
            low = numbers.min() ?? 0
            high = numbers.max() ?? 0
            header.append(result.outputs[charted])
        }
        var rows = [header]
        for (value, cells) in zip(result.values, result.cells) {
            var row = [value.display] + cells.map(WhatIfCharts.text)
            if let charted {
                row.append(
                    WhatIfCharts.bar(WhatIfCharts.number(cells[charted]) ?? .nan, low: low, high: high))
            }
            rows.append(row)
        }
        var lines = [TextTable.render(rows)]
        if result.outputs.count > 1 {
            let width = result.outputs.map(\.count).max() ?? 0
            for (index, output) in result.outputs.enumerated() {
                let numbers = result.cells.map { WhatIfCharts.number($0[index]) }
                if numbers.allSatisfy({ $0 == nil }) { continue }
                lines.append("  " + output.padding(width) + "  " + WhatIfCharts.sparkline(numbers))
            }
        }
        lines += failureNotes(zip(result.values, result.cells).map { ($0.display, $1) })
        return lines.joined(separator: "\n")
    }

    /// A two-way sweep as a table (rows: the first input, columns: the second) and a heat map.
    static func render(_ grid: SweepGrid) -> String {
        var rows = [[grid.rowInput.name] + grid.columns.map(\.display)]
        for (value, cells) in zip(grid.rows, grid.cells) {
            rows.append([value.display] + cells.map(WhatIfCharts.text))
        }
        let numbers = grid.cells.flatMap { $0.compactMap(WhatIfCharts.number) }
        var lines = [
            "  \(grid.output) by \(grid.rowInput.name) (rows) and \(grid.columnInput.name) (columns)",
            TextTable.render(rows),
        ]
        if let low = numbers.min(), let high = numbers.max() {
            let unit: Unit
            if case .success(.number(_, let own)) = grid.cells.joined().first(where: { WhatIfCharts.number($0) != nil })
            {
                unit = own
            } else {
                unit = .plain
            }
            let labels = grid.rows.map(\.display)
            let width = labels.map(\.count).max() ?? 0
            let scale = "· \(Value.format(low, unit: unit)) … █ \(Value.format(high, unit: unit))"
            lines.append("  heat map of \(grid.output): " + scale)
            for (label, cells) in zip(labels, grid.cells) {
                let shades = cells.map { WhatIfCharts.shade(WhatIfCharts.number($0), low: low, high: high) }
                lines.append("  " + label.padding(width) + "  " + shades.joined())
            }
        }
        let points = zip(grid.rows, grid.cells).flatMap { row, cells in
            zip(grid.columns, cells).map { ("\(row.display), \($0.display)", [$1]) }
        }
        lines += failureNotes(points)
        return lines.joined(separator: "\n")
    }

    /// Notes on the points that failed (`– at 0%: division by zero`), at most three distinct messages.
    private static func failureNotes(_ points: [(String, [SweepCell])]) -> [String] {
        var notes: [String] = []
        var seen: Set<String> = []
        for (label, cells) in points {
            for cell in cells {
                guard case .failure(let error) = cell, seen.insert(error.message).inserted else { continue }
                if notes.count < 3 { notes.append("  – at \(label): \(error.message)") }
            }
        }
        return notes
    }

}
