import PropertyBased

/// What an expression may be where it is generated.
struct Scope {
    /// A record over the tiers may appear.
    var allowRecord: Bool
    /// A value that varies by month may appear.
    var allowSeries: Bool
    /// A function's parameter, in its body.
    var parameter: (name: String, kind: Kind)?

    /// Anywhere a cell's formula may go.
    static let anything = Scope(allowRecord: true, allowSeries: true)
    /// One number a month: no record.
    static let scalar = Scope(allowRecord: false, allowSeries: true)
    /// One number: no record, no series (the arguments of `ramp`, `step`, the start of `prev`).
    static let constant = Scope(allowRecord: false, allowSeries: false)
}

/// A generated expression and its shape.
struct Typed {
    /// The source text.
    var text: String
    /// True when it is a record over the tiers.
    var isRecord = false
    /// True when it varies by month.
    var isSeries = false

    /// The shape of an expression made of these operands.
    static func combining(_ text: String, _ parts: [Typed]) -> Typed {
        Typed(text: text, isRecord: parts.contains(where: \.isRecord), isSeries: parts.contains(where: \.isSeries))
    }
}

extension PlanBuilder {
    /// An expression of `kind`, nested up to `depth` operators deep.
    mutating func expression(_ kind: Kind, depth: Int, scope: Scope) -> Typed {
        if depth <= 0 { return leaf(kind, scope: scope) }
        let inner = depth - 1
        switch int(0...99) {
        case 0..<18:
            let parts = (0..<int(2...3)).map { _ in expression(kind, depth: inner, scope: scope) }
            var text = wrap(parts[0].text)
            for part in parts.dropFirst() { text += (chance(0.6) ? " + " : " - ") + wrap(part.text) }
            return .combining(text, parts)
        case 18..<30:
            let operand = expression(kind, depth: inner, scope: scope)
            let factor = expression(chance(0.5) ? .plain : .share, depth: inner, scope: scope)
            switch int(0...2) {
            case 0: return .combining(wrap(operand.text) + " * " + wrap(factor.text), [operand, factor])
            case 1: return .combining(wrap(factor.text) + " * " + wrap(operand.text), [operand, factor])
            default: return .combining(wrap(operand.text) + " / " + number(), [operand])
            }
        case 30..<40:
            guard let (left, op, right) = kind.factors.randomElement(using: &rng) else { break }
            let lhs = expression(left, depth: inner, scope: scope)
            let rhs = op == "/" && chance(0.7) ? literal(right) : expression(right, depth: inner, scope: scope)
            return .combining(wrap(lhs.text) + " " + op + " " + wrap(rhs.text), [lhs, rhs])
        case 40..<44:
            let operand = expression(kind, depth: inner, scope: scope)
            return .combining("-" + "(" + operand.text + ")", [operand])
        case 44..<52: return builtin(kind, depth: inner, scope: scope)
        case 52..<58:
            let condition = self.condition(depth: inner, allowSeries: scope.allowSeries)
            let yes = expression(kind, depth: inner, scope: scope)
            let no = expression(kind, depth: inner, scope: scope)
            let text = "(if \(condition) then \(yes.text) else \(no.text))"
            return .combining(text, [yes, no, Typed(text: condition, isSeries: scope.allowSeries && hasTimeline)])
        case 58..<62:
            let operand = expression(kind, depth: inner, scope: scope)
            let unit = pick(kind.conversions, or: "1")
            return .combining("(" + operand.text + " in " + unit + ")", [operand])
        case 62..<66: return distribution(kind)
        case 66..<72:
            guard let record = cell(kind, record: true, scope: scope) else { break }
            return Typed(text: record.name + "." + pick(tiers, or: "routine"), isSeries: record.isSeries)
        case 72..<76:
            guard let record = cell(kind, record: true, scope: scope) else { break }
            let reducer = pick(["sum", "mean", "max", "min"], or: "sum")
            // The sum of a share over the tiers is a share (a mix adds up to 100%).
            return Typed(text: "\(reducer)(\(record.name))", isSeries: record.isSeries)
        case 76..<82:
            guard scope.allowRecord else { break }
            return recordLiteral(kind, depth: inner, scope: scope)
        case 82..<88:
            let callable = functions.filter { $0.result == kind }
            guard let function = callable.randomElement(using: &rng) else { break }
            let argument = expression(function.parameter, depth: inner, scope: scope)
            return .combining("\(function.name)(\(argument.text))", [argument])
        case 88..<96:
            guard hasTimeline && scope.allowSeries else { break }
            return series(kind, depth: inner, scope: scope)
        default:
            let operand = expression(kind, depth: inner, scope: scope)
            return .combining("(" + operand.text + ")", [operand])
        }
        return leaf(kind, scope: scope)
    }

    /// A literal, a cell or the function's parameter.
    mutating func leaf(_ kind: Kind, scope: Scope) -> Typed {
        if let parameter = scope.parameter, parameter.kind == kind, chance(0.5) { return Typed(text: parameter.name) }
        if chance(0.55), let cell = cell(kind, record: nil, scope: scope) {
            return Typed(text: cell.name, isRecord: cell.isRecord, isSeries: cell.isSeries)
        }
        return chance(0.1) ? distribution(kind) : literal(kind)
    }

    /// A cell of `kind` that fits the scope (a record, no record, or either when `record` is nil).
    mutating func cell(_ kind: Kind, record: Bool?, scope: Scope) -> CellInfo? {
        let fitting = cells.filter { cell in
            cell.kind == kind && (record.map { cell.isRecord == $0 } ?? (scope.allowRecord || !cell.isRecord))
                && (scope.allowSeries || !cell.isSeries)
        }
        return fitting.randomElement(using: &rng)
    }

    /// A positive number as a planner writes it: `12`, `2.5`, `1_200`, `3k`, `1.5M`, `0.35`, `4e-2`.
    mutating func number() -> String {
        switch int(0...6) {
        case 0: return String(int(1...999))
        case 1: return "\(int(1...99)).\(int(1...9))"
        case 2: return "\(int(1...9))_\(int(100...999))"
        case 3: return "\(int(1...99))k"
        case 4: return "\(int(1...9)).\(int(1...9))M"
        case 5: return "0.\(int(1...99))"
        default: return "\(int(1...9))e-\(int(1...2))"
        }
    }

    /// The text around a number that gives it `kind` (`$` … `per month`).
    mutating func unitWords(_ kind: Kind) -> (prefix: String, suffix: String) {
        let counted = pick(["tickets", "contacts", "chats"], or: "tickets")
        let single = pick(["ticket", "contact", "chat"], or: "ticket")
        switch kind {
        case .plain: return ("", "")
        case .share: return ("", "%")
        case .money: return ("$", "")
        case .time: return ("", " " + pick(["min", "h", "s", "days", "weeks", "minutes"], or: "min"))
        case .moneyRate: return ("$", pick([" per month", " per year", "/week", " per day"], or: " per month"))
        case .countRate: return ("", " \(counted) per " + pick(["month", "day", "h"], or: "month"))
        case .moneyPerCount: return ("$", " per " + single)
        case .timePerCount: return ("", " " + pick(["min", "s"], or: "min") + " per " + single)
        case .count: return ("", " " + counted)
        }
    }

    mutating func literal(_ kind: Kind) -> Typed {
        let (prefix, suffix) = unitWords(kind)
        let magnitude = kind == .share ? String(int(0...100)) : number()
        return Typed(text: prefix + magnitude + suffix)
    }

    /// A distribution of `kind` with literal parameters (bracketed: `to` binds loosely).
    mutating func distribution(_ kind: Kind) -> Typed {
        let (prefix, suffix) = unitWords(kind)
        let low = int(1...50)
        let high = low + int(1...50)
        let mode = int(low...high)
        let write = { (number: Int) in prefix + String(number) + suffix }
        switch int(0...5) {
        case 0: return Typed(text: "(\(write(low)) to \(write(high)))")
        case 1: return Typed(text: "normal(\(write(high)), \(write(low)))")
        case 2: return Typed(text: "uniform(\(write(low)), \(write(high)))")
        case 3: return Typed(text: "triangular(\(write(low)), \(write(mode)), \(write(high)))")
        case 4: return Typed(text: "pert(\(write(low)), \(write(mode)), \(write(high)))")
        default:
            guard kind.isDimensionless else { return Typed(text: "(\(write(low)) to \(write(high)))") }
            return Typed(text: chance(0.5) ? "beta(\(low), \(high))" : "observed(\(low), \(high))")
        }
    }

    mutating func recordLiteral(_ kind: Kind, depth: Int, scope: Scope) -> Typed {
        var fieldScope = scope
        fieldScope.allowRecord = false
        let fields = tiers.map { tier in (tier, expression(kind, depth: depth, scope: fieldScope)) }
        let text = "{" + fields.map { "\($0.0): \($0.1.text)" }.joined(separator: ", ") + "}"
        return Typed(text: text, isRecord: true, isSeries: fields.contains { $0.1.isSeries })
    }

    /// `abs`, `max`, `min`, `clamp`, and for plain numbers `round`, `floor`, `ceil`.
    mutating func builtin(_ kind: Kind, depth: Int, scope: Scope) -> Typed {
        let a = expression(kind, depth: depth, scope: scope)
        switch int(0...4) {
        case 0: return .combining("abs(\(a.text))", [a])
        case 1, 2:
            let b = expression(kind, depth: depth, scope: scope)
            return .combining("\(chance(0.5) ? "max" : "min")(\(a.text), \(b.text))", [a, b])
        case 3:
            let (prefix, suffix) = unitWords(kind)
            let low = int(1...50)
            let bounds = "\(prefix)\(low)\(suffix), \(prefix)\(low + int(1...50))\(suffix)"
            return .combining("clamp(\(a.text), \(bounds))", [a])
        default:
            guard kind.isDimensionless else { return .combining("abs(\(a.text))", [a]) }
            return .combining(pick(["round", "floor", "ceil"], or: "round") + "(\(a.text))", [a])
        }
    }

    /// A timeline function of `kind`: `ramp`, `step`, `s_curve`, `prev`, `cumulative`, `total`, `at`.
    mutating func series(_ kind: Kind, depth: Int, scope: Scope) -> Typed {
        let month = pick(["2025-01", "2025-03", "2025-06", "2025-12", "2024-09", "2026-02"], or: "2025-06")
        switch int(0...6) {
        case 0, 1:
            let a = expression(kind, depth: depth, scope: .constant)
            let b = expression(kind, depth: depth, scope: .constant)
            return Typed(text: "ramp(\(a.text), \(b.text), \(month), \(int(0...9)) months)", isSeries: true)
        case 2:
            let a = expression(kind, depth: depth, scope: .constant)
            let b = expression(kind, depth: depth, scope: .constant)
            return Typed(text: "step(\(a.text), \(b.text), \(month))", isSeries: true)
        case 3:
            let a = expression(kind, depth: depth, scope: .constant)
            let b = expression(kind, depth: depth, scope: .constant)
            return Typed(text: "s_curve(\(a.text), \(b.text), \(month), \(int(1...9)) months)", isSeries: true)
        case 4:
            let x = expression(kind, depth: depth, scope: scope)
            let start = literal(kind)
            return Typed(text: "prev(\(x.text), \(start.text))", isRecord: x.isRecord, isSeries: true)
        case 5:
            // cumulative/total of a rate is an amount; of an amount, the amounts added.
            let sources = Kind.allCases.filter { $0.total == kind }
            guard let source = sources.randomElement(using: &rng) else { break }
            let x = expression(source, depth: depth, scope: scope)
            return chance(0.5)
                ? Typed(text: "cumulative(\(x.text))", isRecord: x.isRecord, isSeries: true)
                : Typed(text: "total(\(x.text))", isRecord: x.isRecord)
        default:
            let x = expression(kind, depth: depth, scope: scope)
            return Typed(text: "at(\(x.text), \(month))", isRecord: x.isRecord)
        }
        return literal(kind)
    }

    /// A condition: a comparison of two values of one kind, `and`, `or`, `not`, a flag cell.
    mutating func condition(depth: Int, allowSeries: Bool = true) -> String {
        if depth <= 0 || chance(0.3) {
            if allowSeries && chance(0.2), let flag = flags.randomElement(using: &rng) { return flag }
            let kind = pick(Kind.allCases, or: .plain)
            let scope = allowSeries ? Scope.scalar : Scope.constant
            let a = expression(kind, depth: max(0, depth - 1), scope: scope)
            let b = expression(kind, depth: max(0, depth - 1), scope: scope)
            return wrap(a.text) + " " + pick(["<", "<=", ">", ">=", "==", "!="], or: "<") + " " + wrap(b.text)
        }
        switch int(0...2) {
        case 0:
            return "(\(condition(depth: depth - 1, allowSeries: allowSeries)) and "
                + "\(condition(depth: depth - 1, allowSeries: allowSeries)))"
        case 1:
            return "(\(condition(depth: depth - 1, allowSeries: allowSeries)) or "
                + "\(condition(depth: depth - 1, allowSeries: allowSeries)))"
        default: return "not (\(condition(depth: depth - 1, allowSeries: allowSeries)))"
        }
    }
}
