import PropertyBased

/// A generated plan: the statements a planner types, one entry each.
///
/// A `##` doc line may precede a definition; the plan is applied in order to a session that starts empty. Some
/// are refused on purpose or by chance
/// (an unknown name, a unit clash, a cycle, a division by zero, a syntax error); the laws hold either way.
struct Plan: Sendable, CustomStringConvertible {
    /// The statements, in order.
    var statements: [String]

    /// The plan as one script, to paste into a REPL or a file when a law fails.
    var description: String { statements.joined(separator: "\n") }
}

/// What a generated value measures: the dimension of its unit, as the generator tracks it so that most
/// statements are well-typed (a law that only ever sees refused statements tests nothing).
enum Kind: CaseIterable, Sendable {
    case plain, share, money, time, moneyRate, countRate, moneyPerCount, timePerCount, count

    /// True for the dimensionless kinds, which mix with each other.
    var isDimensionless: Bool { self == .plain || self == .share }

    /// A name stem for cells of this kind (a readable plan when a law fails).
    var stem: String {
        switch self {
        case .plain: return "n"
        case .share: return "share"
        case .money: return "cost"
        case .time: return "dur"
        case .moneyRate: return "spend"
        case .countRate: return "flow"
        case .moneyPerCount: return "fee"
        case .timePerCount: return "handle"
        case .count: return "vol"
        }
    }

    /// Units an `in` clause may show this kind in.
    var conversions: [String] {
        switch self {
        case .plain: return ["%", "1"]
        case .share: return ["%", "pt"]
        case .money: return ["$"]
        case .time: return ["min", "h", "s", "day"]
        case .moneyRate: return ["$/month", "$/year", "$ per week"]
        case .countRate: return ["tickets/month", "contacts per day", "chats/h"]
        case .moneyPerCount: return ["$/ticket", "$ per contact"]
        case .timePerCount: return ["min/ticket", "s per contact"]
        case .count: return ["tickets", "contacts"]
        }
    }

    /// The kind of `total(x)`/`cumulative(x)` of this kind, nil when the generator does not use it.
    ///
    /// A rate's months add up to an amount; any other value is added as it is.
    var total: Kind? {
        switch self {
        case .moneyRate: return .money
        case .countRate: return .count
        case .plain, .money, .count: return self
        default: return nil
        }
    }

    /// Products and quotients that give this kind, as (left, operator, right).
    var factors: [(Kind, String, Kind)] {
        switch self {
        case .plain:
            return [
                (.timePerCount, "*", .countRate), (.money, "/", .money), (.time, "/", .time), (.count, "/", .count),
            ]
        case .share: return [(.share, "*", .share)]
        case .money: return [(.moneyRate, "*", .time), (.moneyPerCount, "*", .count)]
        case .time: return [(.timePerCount, "*", .count)]
        case .moneyRate: return [(.moneyPerCount, "*", .countRate), (.money, "/", .time)]
        case .countRate: return [(.count, "/", .time)]
        case .moneyPerCount: return [(.money, "/", .count)]
        case .timePerCount: return [(.time, "/", .count)]
        case .count: return [(.countRate, "*", .time)]
        }
    }

    /// The kind a cell of the standard model has, from its unit's dimensions (nil: not one the generator uses).
    static func of(money: Int, time: Int, contacts: Int, others: Int, percent: Bool) -> Kind? {
        guard others == 0 else { return nil }
        switch (money, time, contacts) {
        case (0, 0, 0): return percent ? .share : .plain
        case (1, 0, 0): return .money
        case (0, 1, 0): return .time
        case (1, -1, 0): return .moneyRate
        case (0, -1, 1): return .countRate
        case (1, 0, -1): return .moneyPerCount
        case (0, 1, -1): return .timePerCount
        case (0, 0, 1): return .count
        default: return nil
        }
    }
}

/// A cell the generator knows of: its kind and shape.
struct CellInfo: Sendable {
    /// The name.
    var name: String
    /// What it measures.
    var kind: Kind
    /// True for a record over the tiers.
    var isRecord: Bool
    /// True when it varies by month.
    var isSeries: Bool
    /// True when it is defined by a record literal (`name.tier = …` may change one field).
    var isRecordLiteral: Bool
}

/// The tiers of every generated record.
let tiers = ["routine", "standard", "complex"]
