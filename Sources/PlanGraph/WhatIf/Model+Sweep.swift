public import PlanCore

/// One output of a sweep at one point: its value, or why it could not be evaluated there.
public typealias SweepCell = Result<Value, EvalError>

/// A one-way sweep: outputs at evenly spaced values of one input.
public struct SweepResult: Sendable {
    /// The input varied.
    public var input: WhatIfInput
    /// The input values, in the input's unit.
    public var values: [Value]
    /// The outputs, as written.
    public var outputs: [String]
    /// `cells[point][output]`.
    public var cells: [[SweepCell]]
}

/// A two-way sweep: one output over a grid of two inputs.
public struct SweepGrid: Sendable {
    /// The input down the rows.
    public var rowInput: WhatIfInput
    /// The input across the columns.
    public var columnInput: WhatIfInput
    /// The row input's values.
    public var rows: [Value]
    /// The column input's values.
    public var columns: [Value]
    /// The output, as written.
    public var output: String
    /// `cells[row][column]`.
    public var cells: [[SweepCell]]
}

/// Sweeps: the model re-evaluated over a range of an input (or a grid of two), leaving it unchanged.
extension Model {
    /// `steps` evenly spaced values of an input from `from` to `to`, both ends included, in the input's unit.
    public func sweepValues(
        of input: WhatIfInput, from: Value, to: Value, steps: Int
    ) throws(EvalError) -> [Value] {
        let unit = try numericInput(input).unit
        guard steps >= 2 else { throw EvalError("a sweep needs at least 2 steps") }
        guard case .number(let low, let lowUnit) = from, case .number(let high, let highUnit) = to,
            low.isFinite, high.isFinite
        else {
            throw EvalError("the ends of a sweep must be numbers")
        }
        for end in [lowUnit, highUnit] where !end.sameDimension(as: unit) {
            throw EvalError(
                "`\(input.name)` is \(unit.dimensionDescription), but the sweep runs over \(end.dimensionDescription)")
        }
        // A sweep never sets an input outside its valid range: asked to, it says so rather than showing refusals.
        if let valid = validRange(of: input) {
            for (end, endUnit) in [(low, lowUnit), (high, highUnit)] where !valid.contains(end) {
                throw EvalError(
                    "the sweep goes to \(Value.format(end, unit: endUnit)), beyond the valid range of `\(input.name)`,"
                        + " \(valid.text)", kind: .outOfRange, hint: "sweep within \(valid.text)")
            }
        }
        return WhatIfSearch.grid(from: low, to: high, count: steps).map { .number($0, unit) }
    }

    /// The outputs at each value of the input.
    ///
    /// A point where the model refuses the value, or an output fails, holds the error; only an
    /// interruption (Ctrl-C) stops the sweep.
    public func sweep(
        _ input: WhatIfInput, values: [Value], outputs: [WhatIfObjective]
    ) throws(EvalError) -> SweepResult {
        _ = try numericInput(input)
        var cells: [[SweepCell]] = []
        for value in values {
            cells.append(try evaluateAll(outputs, with: [(input, value)]))
        }
        return SweepResult(input: input, values: values, outputs: outputs.map(\.label), cells: cells)
    }

    /// One output over every pair of values of two inputs.
    public func sweep(
        _ rowInput: WhatIfInput, values rows: [Value], by columnInput: WhatIfInput, values columns: [Value],
        output: WhatIfObjective
    ) throws(EvalError) -> SweepGrid {
        _ = try numericInput(rowInput)
        _ = try numericInput(columnInput)
        guard rowInput != columnInput else { throw EvalError("a two-way sweep needs two different inputs") }
        var cells: [[SweepCell]] = []
        for row in rows {
            var line: [SweepCell] = []
            for column in columns {
                line.append(contentsOf: try evaluateAll([output], with: [(rowInput, row), (columnInput, column)]))
            }
            cells.append(line)
        }
        return SweepGrid(
            rowInput: rowInput, columnInput: columnInput, rows: rows, columns: columns, output: output.label,
            cells: cells)
    }

    /// Every objective on a copy with the inputs set; failures are kept per cell.
    private func evaluateAll(
        _ outputs: [WhatIfObjective], with settings: [(WhatIfInput, Value)]
    ) throws(EvalError) -> [SweepCell] {
        try checkCancelled()
        var changed = self
        do throws(EvalError) {
            for (input, value) in settings { changed = try changed.withInput(input, value: value) }
        } catch {
            if error.isInterrupted { throw error }
            return outputs.map { _ in .failure(error) }
        }
        var cells: [SweepCell] = []
        for output in outputs {
            do throws(EvalError) {
                cells.append(.success(try output.value(on: changed)))
            } catch {
                if error.isInterrupted { throw error }
                cells.append(.failure(error))
            }
        }
        return cells
    }
}
