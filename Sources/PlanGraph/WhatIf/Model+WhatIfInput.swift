public import PlanCore

/// The input a what-if varies: a cell, or one field of a cell written as a record literal (`mix.complex`).
public struct WhatIfInput: Sendable, Equatable {
    /// The cell.
    public var cell: String
    /// The field, for one tier of a record cell.
    public var field: String?

    /// Creates an input reference.
    public init(_ cell: String, field: String? = nil) {
        self.cell = cell
        self.field = field
    }

    /// `cell` or `cell.field`, as a statement writes it.
    public var name: String { field.map { cell + "." + $0 } ?? cell }
}

/// Copies of the model with one input set to a value: what every what-if evaluates.
extension Model {
    /// The current value of an input (a cell, or a field of a record cell).
    public func inputValue(_ input: WhatIfInput) throws(EvalError) -> Value {
        guard let value = value(of: input.cell) else {
            throw EvalError(
                "unknown cell `\(input.cell)`", hint: Suggestion.hint(for: input.cell, among: cellIds.keys))
        }
        guard let field = input.field else { return value }
        guard case .record(let record) = value else {
            throw EvalError("`\(input.cell)` holds \(value.kindDescription), not a record with field `\(field)`")
        }
        guard let fieldValue = record[field] else {
            throw EvalError(
                "`\(input.cell)` has no field `\(field)` (fields: \(record.keys.joined(separator: ", ")))",
                hint: Suggestion.hint(for: field, among: record.keys))
        }
        return fieldValue
    }

    /// The current value of an input that must hold one number, with its unit.
    public func numericInput(_ input: WhatIfInput) throws(EvalError) -> (value: Double, unit: Unit) {
        let value = try inputValue(input)
        switch value {
        case .number(let number, let unit):
            if input.field != nil, let node = cell(input.cell), !node.isRecordLiteral {
                throw EvalError(
                    "`\(input.cell)` is not written as a record literal, so one field cannot be varied",
                    hint: "vary what it is computed from, or redefine it: `\(input.cell) = {…}`")
            }
            return (number, unit)
        case .record(let record):
            let example = record.keys.first.map { "`\(input.cell).\($0)`" } ?? "one field"
            throw EvalError(
                "`\(input.name)` holds a record (one value per tier); vary one field at a time, e.g. \(example)")
        default:
            throw EvalError("`\(input.name)` holds \(value.kindDescription), not a number")
        }
    }

    /// A copy of the model with a cell set to a value by the statement `name = LITERAL`.
    public func withInput(_ name: String, value: Value) throws(EvalError) -> Model {
        try withInput(WhatIfInput(name), value: value)
    }

    /// A copy of the model with an input set to a value, as the statement that applies it would do.
    ///
    /// A cell becomes the literal (its formula or distribution is replaced); a field of a record literal
    /// is replaced in the literal and the other fields keep their formulas, as `name.field = value` does.
    /// Throws when the change would be refused (it breaks a cell downstream) or was interrupted.
    public func withInput(_ input: WhatIfInput, value: Value) throws(EvalError) -> Model {
        guard let node = cell(input.cell) else {
            throw EvalError(
                "unknown cell `\(input.cell)`", hint: Suggestion.hint(for: input.cell, among: cellIds.keys))
        }
        let file: SourceFile
        let expr: Expr
        if let field = input.field {
            guard case .record(let entries) = node.expr.kind else {
                throw EvalError("`\(input.cell)` is not written as a record literal, so one field cannot be varied")
            }
            guard entries.contains(where: { $0.key == field }), let literal = value.literal() else {
                throw EvalError("`\(input.cell)` has no field `\(field)`")
            }
            let fields = entries.map { entry in
                entry.key + ": " + (entry.key == field ? literal : node.file.text(of: entry.value.span))
            }
            (file, expr) = try Self.parsed("{" + fields.joined(separator: ", ") + "}")
        } else if case .number(let base, let unit) = value {
            // Exact: the literal text is only for display; the expression holds the number itself.
            let text = Value.literal(base, unit: unit)
            file = SourceFile(name: nil, text: text)
            expr = Expr(.number(base, unit), SourceSpan(start: 0, end: text.utf8.count))
        } else {
            guard let literal = value.literal() else {
                throw EvalError("\(value.kindDescription) cannot be written as a literal")
            }
            (file, expr) = try Self.parsed(literal)
        }
        var copy = self
        do throws(Diagnostic) {
            _ = try copy.define(input.cell, nameSpan: SourceSpan(start: 0, end: 0), expr: expr, file: file)
        } catch {
            throw EvalError(error.message, kind: error.kind, hint: error.hint)
        }
        return copy
    }

    /// Parses synthesized literal text.
    private static func parsed(_ text: String) throws(EvalError) -> (SourceFile, Expr) {
        let file = SourceFile(name: nil, text: text)
        return (file, try Parser.parseExpression(file))
    }

    /// Throws `interrupted` when Ctrl-C was pressed (polled between evaluations).
    func checkCancelled() throws(EvalError) {
        if let isCancelled, isCancelled() { throw .interrupted }
    }
}

/// What a what-if needs to know about a node.
extension Node {
    /// True when the cell's formula is a record literal `{key: …}`, so one field can be set on its own.
    var isRecordLiteral: Bool {
        if case .record = expr.kind { return true }
        return false
    }
}

/// Evaluates an objective with the input at a value, counting evaluations and keeping the first failure.
///
/// Values are in base units; a point where the model refuses the input or the objective fails is NaN. A
/// subclass measures something else of the objective's value (`MonthProbe`: which side of a month it is).
class WhatIfProbe {
    /// The model the input is set in (copied for each evaluation).
    let model: Model
    /// The input varied.
    let input: WhatIfInput
    /// The input's unit.
    let unit: Unit
    /// What is measured.
    let objective: WhatIfObjective
    /// How many points were evaluated.
    var evaluations = 0
    /// The first failure: where and why.
    var firstFailure: (x: Double, message: String)?
    /// The objective's unit at the first point that evaluated.
    var outputUnit: Unit?

    /// Creates a probe of `objective` as `input` (shown in `unit`) varies in `model`.
    init(model: Model, input: WhatIfInput, unit: Unit, objective: WhatIfObjective) {
        self.model = model
        self.input = input
        self.unit = unit
        self.objective = objective
    }

    /// The objective with the input at `x` (base units), or NaN where it cannot be evaluated.
    func callAsFunction(_ x: Double) throws(EvalError) -> Double {
        try model.checkCancelled()
        evaluations += 1
        return try orNaN(at: x) { () throws(EvalError) -> Double in
            let changed = try model.withInput(input, value: .number(x, unit))
            let (value, unit) = try objective.number(on: changed)
            if outputUnit == nil { outputUnit = unit }
            return value.isFinite ? value : .nan
        }
    }

    /// The objective's value with the input at `x` (base units), counted as an evaluation.
    func objectiveValue(_ x: Double) throws(EvalError) -> Value {
        try model.checkCancelled()
        evaluations += 1
        return try objective.value(on: try model.withInput(input, value: .number(x, unit)))
    }

    /// What `measure` gives at `x`, or NaN when it fails there: the first failure is kept, an interruption
    /// (Ctrl-C) goes on up.
    func orNaN(at x: Double, _ measure: () throws(EvalError) -> Double) throws(EvalError) -> Double {
        do throws(EvalError) {
            return try measure()
        } catch {
            if error.isInterrupted { throw error }
            if firstFailure == nil { firstFailure = (x, error.message) }
            return .nan
        }
    }
}
