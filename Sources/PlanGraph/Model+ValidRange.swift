public import PlanCore

/// Valid ranges of cells (`within LO to HI`): reading the clause, and the check every evaluation of a cell makes.
extension Model {
    /// The range a `within LO to HI` clause declares, its ends evaluated (constants in the value's units).
    public func validRange(_ clause: RangeClause, file: SourceFile) throws(Diagnostic) -> ValidRange {
        var ends: [(value: Double, unit: Unit)] = []
        for end in [clause.low, clause.high] {
            let value: Value
            do throws(EvalError) {
                value = try evaluate(end)
            } catch {
                throw error.diagnostic(in: file)
            }
            guard case .number(let number, let unit) = value, !unit.isDate else {
                throw Diagnostic(
                    .error, "the ends of a range are numbers, not \(value.kindDescription)", kind: .typeMismatch,
                    file: file, span: end.span)
            }
            ends.append((number, unit))
        }
        let (low, high) = (ends[0], ends[1])
        guard low.unit.commensurable(with: high.unit) || low.value == 0 || high.value == 0 else {
            throw Diagnostic(
                .error,
                "the ends of a range differ in kind: \(Value.unitName(low.unit)) and \(Value.unitName(high.unit))",
                kind: .unitMismatch, file: file, span: clause.boundsSpan)
        }
        guard low.value <= high.value else {
            throw Diagnostic(
                .error, "the range is empty: its low end is above its high end", kind: .outOfRange, file: file,
                span: clause.boundsSpan, hint: "write the low end first: `within LO to HI`")
        }
        return ValidRange(
            low: .number(low.value, low.unit), high: .number(high.value, high.unit),
            text: file.text(of: clause.boundsSpan))
    }

    /// The range of an input (a cell, or a field of a record cell: the cell's range applies to every field).
    public func validRange(of input: WhatIfInput) -> ValidRange? { cell(input.cell)?.range }

    /// Checks a node's new value against its range: every number of it, and for a distribution its 5th and
    /// 95th percentiles.
    ///
    /// The error points at the value (the field's value in a record literal). `previous`, the value the cell had,
    /// gives the units a unit error asks for.
    func checkRange(_ range: ValidRange, of node: Node, _ value: Value, had previous: Value?) throws(EvalError) {
        let found: (field: String, month: String, value: Value)?
        do throws(EvalError) {
            found = try range.firstViolation(in: value)
        } catch {
            guard error.kind == .unitMismatch else { throw EvalError(error.message, kind: error.kind, span: node.span) }
            // The units the cell had (when the range takes them), else the range's own.
            var expected = range.unit
            if case .number(_, let unit)? = previous?.firstNumber, range.fits(unit) { expected = unit }
            throw wrongUnits(node, value, expected: expected, why: "its valid range is \(range.text)")
        }
        if let found {
            throw outside(range, node: node, field: found.field, month: found.month, value: found.value)
        }
        guard node.drawsFromDistribution else { return }
        for (p, label) in [(0.05, "5th"), (0.95, "95th")] {
            guard let end = try? quantile(node.expr, p), let found = try? range.firstViolation(in: end) else {
                continue
            }
            var error = outside(range, node: node, field: found.field, month: found.month, value: found.value)
            error.message =
                "`\(node.name)\(found.field)` = \(node.formulaOneLine) reaches \(found.value.display) at its \(label)"
                + " percentile, outside its valid range \(range.text)"
            throw error
        }
    }

    /// The error for a value outside a range, at the value (a record literal's field when the place is one).
    private func outside(_ range: ValidRange, node: Node, field: String, month: String, value: Value) -> EvalError {
        var span = node.span
        let key = field.dropFirst().prefix { $0 != "." }
        if !key.isEmpty, case .record(let entries) = node.expr.kind,
            let entry = entries.first(where: { $0.key == key })
        {
            span = entry.value.span
        }
        var hint: String?
        if node.deps.isEmpty, case .number(let x, let unit) = value, range.unit.percent, !unit.percent, unit.isPlain,
            range.contains(x / 100)
        {
            let written = NumberFormat.significant(x, 6)
            hint =
                "a share is written with `%`: \(written) means \(Value.format(x, unit: .percentage)); write `\(written)%`"
        }
        return EvalError(
            "`\(node.name)\(field)` is \(value.display)\(month.isEmpty ? "" : " in " + month), outside its valid range"
                + " \(range.text)", kind: .outOfRange,
            span: span, hint: hint)
    }

    /// The error for a cell given a value of the wrong kind of unit: "`aht` needs a time like `5 min`, not a
    /// plain number 5", with the statement written in the units it needs as the hint.
    func wrongUnits(_ node: Node, _ value: Value, expected: Unit, why: String? = nil, place: String = "") -> EvalError {
        var shownValue = value
        let span = node.span
        if case .record(let record) = value, case .record(let entries) = node.expr.kind {
            for (key, field) in zip(record.keys, record.values) {
                guard case .number(_, let unit) = field, !unit.commensurable(with: expected) else { continue }
                var error = wrongUnits(node, field, expected: expected, why: why, place: "." + key)
                error.span = entries.first { $0.key == key }?.value.span ?? span
                return error
            }
        }
        if case .series(let series) = value, let first = series.values.first { shownValue = first }
        guard case .number(let base, let unit) = shownValue else {
            return EvalError(
                "`\(node.name)\(place)` needs \(Self.needs(expected)), not \(value.kindDescription)",
                kind: .unitMismatch, span: span)
        }
        let written = unit.percent ? base : base / unit.scale
        let example = Value.literal(written * expected.scale, unit: expected, significantDigits: 6)
        var message = "`\(node.name)\(place)` needs \(Self.needs(expected)) like `\(example)`, not "
        message += unit.isPlain ? "a plain number \(shownValue.display)" : shownValue.display
        if let why { message += " (\(why))" }
        var hint: String?
        if node.deps.isEmpty {
            hint =
                place.isEmpty
                ? "write it with its unit: `\(node.name) = \(example)`"
                : "write the field with its unit: `\(place.dropFirst()): \(example)`"
        }
        return EvalError(message, kind: .unitMismatch, span: span, hint: hint)
    }

    /// What a unit's dimension needs, in words: "a time", "money per time", "a plain number".
    static func needs(_ unit: Unit) -> String {
        if unit.isPlain { return unit.percent ? "a share" : "a plain number" }
        let text = unit.dimensionDescription
        switch text {
        case "time": return "a time"
        case "1 per time": return "a rate (per time)"
        default: return text
        }
    }
}
