import PlanCore
import PlanGraph
import PlanSession
import Testing

/// The first cell whose block value (Monte Carlo interpreter, point inputs) is not its scalar value.
private func blockDifference(_ model: Model) -> String? {
    for (name, block) in model.blockValues(pointInputs: true) {
        let scalar = model.value(of: name)
        let same =
            switch (scalar, block) {
            case (let a?, let b?): a.isIdentical(to: b)
            case (nil, nil): true
            default: false
            }
        if !same {
            return
                "`\(name)` is \(ModelSnapshot.show(scalar)) outside simulation, \(ModelSnapshot.show(block)) in a block"
        }
    }
    return nil
}

/// A value at one month: a series' month, a record's fields at that month, anything else as it is.
private func month(_ value: Value, _ position: Int) -> Value {
    switch value {
    case .series: return value.at(position: position)
    case .record(let record):
        return .record(Record(keys: record.keys, values: record.values.map { month($0, position) }))
    default: return value
    }
}

/// True when `a` is `b` as a month of a series: the same numbers bit for bit, in units of one dimension.
///
/// A series is shown in one unit (`Series.assemble`: `prev(2, 42%)` shows its months as 42%, 200%, …), while a
/// month evaluated alone keeps the unit its formula gives there (`2`); the value is the same.
private func sameMonth(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.number(let x, let unitA), .number(let y, let unitB)):
        return x.bitPattern == y.bitPattern && (unitA == unitB || unitA.commensurable(with: unitB))
    case (.record(let x), .record(let y)):
        return x.keys == y.keys && zip(x.values, y.values).allSatisfy { sameMonth($0, $1) }
    default: return a.isIdentical(to: b)
    }
}

/// True when the value varies by month (a series, or a record with a series field).
private func varies(_ value: Value) -> Bool {
    switch value {
    case .series: return true
    case .record(let record): return record.values.contains(where: varies)
    default: return false
    }
}

/// The first month of a cell whose formula, evaluated at that month alone (`at((formula), month)`), is not the
/// cell's value in that month.
private func monthDifference(_ model: Model) -> String? {
    guard let timeline = model.timeline else { return nil }
    for name in model.cellNames {
        guard let node = model.cell(name), let value = model.value(of: name), varies(value) else { continue }
        for position in 0..<timeline.count {
            let label = Timeline.label(timeline.month(at: position))
            let text = "at((\(node.formula)), \(label))"
            let expected = month(value, position)
            do {
                let expr = try Parser.parseExpression(SourceFile(name: nil, text: text))
                let alone = try model.evaluate(expr)
                if !sameMonth(alone, expected) {
                    return
                        "`\(text)` is \(ModelSnapshot.show(alone)), month \(position) of `\(name)` is \(ModelSnapshot.show(expected))"
                }
            } catch {
                return "`\(text)` fails: \(error.message)"
            }
        }
    }
    return nil
}

@Suite("Law: the scalar and the Monte Carlo evaluator agree where inputs are points; a series equals its months")
struct EvaluatorLaws {
    @Test(
        "every cell of a generated model: the block interpreter with point inputs gives the scalar value, bit for bit")
    func scalarEqualsBlock() {
        let plans = PlanBuilder.plans(sizes: 4...30, standard: Harness.standardCells)
        LawRunner.check("scalar = block", count: 100, plans: plans) { plan in
            let session = Harness.session(interactive: false)
            for (index, text) in plan.statements.enumerated() {
                Harness.run(text, in: session)
                // Halfway and at the end: a model that later statements change again is checked too.
                guard index == plan.statements.count / 2 || index == plan.statements.count - 1 else { continue }
                if let difference = blockDifference(session.model) {
                    return "after statement \(index + 1): \(difference)"
                }
            }
            return nil
        }
    }

    @Test("every month of every series cell: its formula evaluated at that month alone gives the same value")
    func seriesEqualsMonths() {
        let plans = PlanBuilder.plans(sizes: 4...30, standard: []).map { plan in
            // Always on a timeline, so that series are common.
            Plan(statements: ["timeline 2025-01 to 2025-12"] + plan.statements)
        }
        LawRunner.check("series = months", count: 100, plans: plans) { plan in
            let session = Harness.session(interactive: false)
            for text in plan.statements { Harness.run(text, in: session) }
            return monthDifference(session.model)
        }
    }
}
