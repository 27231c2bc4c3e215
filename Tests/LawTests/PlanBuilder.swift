import PropertyBased

/// Generates plans: statements that build a model over the tiers, with money, time and count units,
/// records, distributions, functions, `if`, a monthly timeline with `ramp`/`step`/`prev` recurrences,
/// alerts, watches, deletions, field edits, commands, and statements that may be refused.
///
/// The builder keeps track of the cells it defined and what they measure, so most statements are
/// well-typed; it does not run them, so a statement it believes accepted may be refused (a cycle, a zero
/// divisor), and later statements then refer to a cell that does not exist: refusals happen by chance as
/// well as on purpose.
struct PlanBuilder {
    var rng: Xoshiro
    var cells: [CellInfo] = []
    var functions: [(name: String, parameter: Kind, result: Kind)] = []
    var flags: [String] = []
    var hasTimeline = false
    var counter = 0
    var statements: [String] = []
    /// The standard model's cells the generator may use (when the plan starts with `use "standard"`).
    let standardCells: [CellInfo]

    init(seed: UInt64, standardCells: [CellInfo]) {
        rng = Xoshiro(seed: (seed, seed &* 0x9E37_79B9_7F4A_7C15, 0xD1B5_4A32_D192_ED03, 0x8CB9_2BA7_2F3D_8DD7))
        for _ in 0..<4 { _ = rng.next() }
        self.standardCells = standardCells
    }

    /// Plans of `sizes` statements, on the standard model in a `standardShare` of them (it has about 200 cells
    /// with its timeline part, so it costs more).
    static func plans(sizes: ClosedRange<Int>, standard: [CellInfo], standardShare: Double = 0.15) -> Generator<
        Plan, Shrink.None<Plan>
    > {
        Generator { rng in
            let seed = rng.next()
            var builder = PlanBuilder(seed: seed, standardCells: standard)
            let size = Int.random(in: sizes, using: &builder.rng)
            return builder.plan(size: size, onStandard: !standard.isEmpty && builder.chance(standardShare))
        }
    }

    /// A plan of `size` statements.
    mutating func plan(size: Int, onStandard: Bool) -> Plan {
        if onStandard {
            statements.append("use \"standard\"")
            cells = standardCells
        }
        if chance(0.4) { statements.append(timelineStatement()) }
        while statements.count < size { statement() }
        return Plan(statements: statements)
    }

    // MARK: Randomness

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func pick<T>(_ items: [T], or fallback: T) -> T { items.randomElement(using: &rng) ?? fallback }

    mutating func fresh(_ stem: String) -> String {
        counter += 1
        return "\(stem)_\(counter)"
    }

    // MARK: Statements

    /// Appends one statement (or a few, for a recurrence).
    mutating func statement() {
        let roll = int(0...99)
        switch roll {
        case 0..<28: defineNew()
        case 28..<46: redefine()
        case 46..<52: editField()
        case 52..<58: defineFunction()
        case 58..<62: alert()
        case 62..<65: watch()
        case 65..<68: deleteCell()
        case 68..<71: statements.append(timelineStatement())
        case 71..<75: recurrence()
        case 75..<78: defineFlag()
        case 78..<83: look()
        case 83..<91: refusable()
        case 91..<93: report()
        default: command()
        }
    }

    mutating func defineNew() {
        let kind = pick(Kind.allCases, or: .plain)
        let name = fresh(kind.stem)
        let value = expression(kind, depth: int(0...3), scope: Scope(allowRecord: true, allowSeries: true))
        let doc = chance(0.2) ? "## \(name): a generated input, \(int(1...99)) per cent sure\n" : ""
        statements.append(doc + name + " = " + value.text)
        cells.append(
            CellInfo(
                name: name, kind: kind, isRecord: value.isRecord, isSeries: value.isSeries,
                isRecordLiteral: value.text.hasPrefix("{")))
    }

    /// A new formula for a cell, of its kind: an input changed (a literal), or a formula that may read any
    /// cell, a later one included (a cycle, refused).
    mutating func redefine() {
        guard let index = cells.indices.randomElement(using: &rng) else { return defineNew() }
        let cell = cells[index]
        let value =
            chance(0.5)
            ? (cell.isRecord && chance(0.5) ? recordLiteral(cell.kind, depth: 0, scope: .anything) : literal(cell.kind))
            : expression(cell.kind, depth: int(1...3), scope: .anything)
        statements.append(cell.name + " = " + value.text)
        cells[index].isRecord = value.isRecord
        cells[index].isSeries = value.isSeries
        cells[index].isRecordLiteral = value.text.hasPrefix("{")
    }

    mutating func editField() {
        let records = cells.filter(\.isRecordLiteral)
        guard let cell = records.randomElement(using: &rng) else { return defineNew() }
        let value = expression(cell.kind, depth: int(0...2), scope: Scope(allowRecord: false, allowSeries: true))
        statements.append(cell.name + "." + pick(tiers, or: "routine") + " = " + value.text)
    }

    mutating func defineFunction() {
        let existing = functions.randomElement(using: &rng)
        let reuse = existing != nil && chance(0.4)
        let name = reuse ? existing?.name ?? "f" : fresh("f")
        let parameter = reuse ? existing?.parameter ?? .plain : pick(Kind.allCases, or: .plain)
        let result = reuse ? existing?.result ?? .plain : pick(Kind.allCases, or: .plain)
        let scope = Scope(allowRecord: true, allowSeries: true, parameter: ("x", parameter))
        let body = expression(result, depth: int(1...3), scope: scope)
        statements.append("\(name)(x) = \(body.text)")
        if !reuse { functions.append((name, parameter, result)) }
    }

    mutating func alert() {
        let condition = self.condition(depth: int(0...2))
        var text = "alert \"rule \(fresh("a")) holds\" when \(condition)"
        if chance(0.4) {
            let kind = pick(Kind.allCases, or: .plain)
            text += " show size: " + expression(kind, depth: 1, scope: .scalar).text
        }
        statements.append(text)
    }

    mutating func watch() {
        guard !cells.isEmpty else { return defineNew() }
        let names = (0..<int(1...3)).map { _ in cells.randomElement(using: &rng)?.name ?? "x" }
        switch int(0...2) {
        case 0: statements.append("watch " + names.joined(separator: ", "))
        case 1: statements.append(":watch " + names.joined(separator: " "))
        default: statements.append(":unwatch " + names.joined(separator: " "))
        }
    }

    /// Deletes a cell; refused while others use it (and then the builder still believes it exists).
    mutating func deleteCell() {
        guard let index = cells.indices.randomElement(using: &rng) else { return defineNew() }
        statements.append("delete " + cells[index].name)
        if chance(0.5) { cells.remove(at: index) }
    }

    mutating func timelineStatement() -> String {
        if hasTimeline && chance(0.2) {
            hasTimeline = false
            return "timeline off"
        }
        hasTimeline = true
        return pick(
            ["timeline 2025-01 to 2025-12", "timeline 2025-01 to 2026-06", "timeline 2024-07 to 2025-06"],
            or: "timeline 2025-01 to 2025-12")
    }

    /// A recurrence through `prev`: one cell on its own last month, or a stock and its outflow.
    mutating func recurrence() {
        if !hasTimeline { statements.append(timelineStatement()) }
        let kind = pick([Kind.plain, .money, .count, .time], or: .plain)
        let stock = fresh(kind.stem)
        let start = literal(kind).text
        if chance(0.5) {
            let growth = pick(["1.01", "0.9", "101%", "0.5"], or: "1.01")
            let inflow = expression(kind, depth: int(0...2), scope: .scalar).text
            statements.append("\(stock) = prev(\(stock), \(start)) * \(growth) + \(wrap(inflow))")
        } else {
            let outflow = fresh(kind.stem)
            let share = pick(["10%", "0.25", "3%"], or: "10%")
            statements.append("\(stock) = \(start)")
            statements.append("\(outflow) = prev(\(stock), \(start)) * \(share)")
            statements.append("\(stock) = prev(\(stock), \(start)) - \(outflow) + \(wrap(literal(kind).text))")
            cells.append(CellInfo(name: outflow, kind: kind, isRecord: false, isSeries: true, isRecordLiteral: false))
        }
        cells.append(CellInfo(name: stock, kind: kind, isRecord: false, isSeries: true, isRecordLiteral: false))
    }

    mutating func defineFlag() {
        let name = fresh("ok")
        statements.append(name + " = " + condition(depth: int(0...2)))
        flags.append(name)
    }

    /// A statement that only shows or checks: a bare expression, `print`, `assert`.
    mutating func look() {
        let kind = pick(Kind.allCases, or: .plain)
        let value = expression(kind, depth: int(0...2), scope: .anything).text
        switch int(0...2) {
        case 0: statements.append(value)
        case 1: statements.append("print \"value:\", " + value)
        default: statements.append("assert \(wrap(value)) == \(wrap(value)) \"a value equals itself\"")
        }
    }

    /// A statement likely to be refused: an unknown name, a unit clash, a division by zero, a field of what
    /// is no record, a syntax error, a reference to a later cell.
    mutating func refusable() {
        let name = cells.randomElement(using: &rng)?.name ?? fresh("n")
        switch int(0...5) {
        case 0: statements.append("\(name) = nosuch_\(int(1...9)) + 1")
        case 1: statements.append("\(fresh("n")) = \(literal(.money).text) + \(literal(.time).text)")
        case 2:
            let kind = pick(Kind.allCases, or: .plain)
            let divisor = pick(["(2 - 2)", "0", "(\(name) - \(name))"], or: "0")
            statements.append("\(fresh(kind.stem)) = \(wrap(literal(kind).text)) / \(divisor)")
        case 3: statements.append("\(name).routine = 1")
        case 4: statements.append("\(fresh("n")) = (1 + * 2")
        default:
            // The first cell redefined to read the last one: a cycle when the last one uses it.
            guard let first = cells.first, let last = cells.last else { return defineNew() }
            statements.append("\(first.name) = \(last.name) * 0 + \(wrap(literal(first.kind).text))")
        }
    }

    mutating func report() {
        guard cells.count >= 2 else { return defineNew() }
        let a = cells.randomElement(using: &rng)?.name ?? "x"
        let b = cells.randomElement(using: &rng)?.name ?? "x"
        statements.append("report \(a), \"\(b) again\": \(b)")
    }

    mutating func command() {
        switch int(0...9) {
        case 0, 1: statements.append(":undo")
        case 2: statements.append(":redo")
        case 3: statements.append(":set seed \(int(1...99))")
        case 4: statements.append(":scenario save s\(int(1...2))")
        case 5: statements.append(":scenario load s\(int(1...2))")
        case 6:
            statements.append(":reset")
            cells = []
            functions = []
            flags = []
            hasTimeline = false
        default:
            let kind = pick(Kind.allCases, or: .plain)
            statements.append(expression(kind, depth: 1, scope: .anything).text)
        }
    }

    /// Brackets around text with a blank in it, so that it stays one operand.
    func wrap(_ text: String) -> String { text.contains(" ") ? "(" + text + ")" : text }
}
