public import PlanCore

/// The staffing built-ins of SPEC §2 (Erlang C and Erlang A), with units checked and errors, never NaN.
///
/// Rates are arrivals per time (`480 per 30 min`), times are times (`240 s`); both are converted to
/// per-second and seconds for `Erlang`. Records broadcast field by field (staffing per tier).
public enum StaffingBuiltins {
    /// Every staffing built-in.
    public static var all: [Builtin] {
        [
            make(
                "erlang_c", ["traffic", "agents"], "erlang_c(traffic, agents)",
                "Erlang C: the probability that a contact waits (traffic in Erlangs)", "erlang_c(48, 55)",
                result: .percentage
            ) { (a: [Double]) throws(StaffingError) in try Erlang.waitProbability(traffic: a[0], agents: a[1]) },
            make(
                "service_level", ["rate", "aht", "agents", "time"], "service_level(rate, aht, agents, answer_time)",
                "the share of contacts answered within answer_time (Erlang C)",
                "service_level(360 per 30 min, 240 s, 55, 20 s)", idle: 1, result: .percentage
            ) { (a: [Double]) throws(StaffingError) in
                try Erlang.serviceLevel(rate: a[0], aht: a[1], agents: a[2], answerTime: a[3])
            },
            make(
                "asa", ["rate", "aht", "agents"], "asa(rate, aht, agents)",
                "average speed of answer over all contacts (Erlang C)", "asa(360 per 30 min, 240 s, 55)",
                idle: 0, result: .atom(.second)
            ) { (a: [Double]) throws(StaffingError) in
                try Erlang.averageSpeedOfAnswer(rate: a[0], aht: a[1], agents: a[2])
            },
            make(
                "occupancy", ["rate", "aht", "agents"], "occupancy(rate, aht, agents)",
                "the share of agents' time spent on contacts (traffic / agents)",
                "occupancy(360 per 30 min, 240 s, 55)",
                idle: 0, result: .percentage
            ) { (a: [Double]) throws(StaffingError) in try Erlang.occupancy(rate: a[0], aht: a[1], agents: a[2]) },
            make(
                "agents_needed", ["rate", "aht", "share", "time", "share"],
                "agents_needed(rate, aht, target_sl, answer_time[, max_occupancy])",
                "the fewest agents that meet the service level (and the occupancy cap)",
                "agents_needed(360 per 30 min, 240 s, 80%, 20 s, 85%)", optional: 1, idle: 0, result: .plain
            ) { (a: [Double]) throws(StaffingError) in
                try Erlang.agentsNeeded(
                    rate: a[0], aht: a[1], targetServiceLevel: a[2], answerTime: a[3],
                    maxOccupancy: a.count > 4 ? a[4] : nil)
            },
        ] + erlangA
    }

    /// The Erlang A built-ins (abandonment with exponential patience).
    private static var erlangA: [Builtin] {
        [
            make(
                "abandon_rate", ["rate", "aht", "agents", "time"], "abandon_rate(rate, aht, agents, patience)",
                "Erlang A: the share of arrivals who abandon (mean patience given)",
                "abandon_rate(400 per h, 180 s, 20, 120 s)", idle: 0, result: .percentage
            ) { (a: [Double]) throws(StaffingError) in
                try Erlang.abandonRate(rate: a[0], aht: a[1], agents: a[2], patience: a[3])
            },
            make(
                "service_level_a", ["rate", "aht", "agents", "time", "time"],
                "service_level_a(rate, aht, agents, answer_time, patience)",
                "Erlang A: the share served within answer_time, abandoners counted as failures",
                "service_level_a(400 per h, 180 s, 20, 20 s, 120 s)", idle: 1, result: .percentage
            ) { (a: [Double]) throws(StaffingError) in
                try Erlang.serviceLevelA(rate: a[0], aht: a[1], agents: a[2], answerTime: a[3], patience: a[4])
            },
            make(
                "agents_needed_a", ["rate", "aht", "share", "time", "time"],
                "agents_needed_a(rate, aht, target_sl, answer_time, patience)",
                "Erlang A: the fewest agents whose service_level_a meets the target",
                "agents_needed_a(45 per h, 504 s, 80%, 20 s, 120 s)", idle: 0, result: .plain
            ) { (a: [Double]) throws(StaffingError) in
                try Erlang.agentsNeededA(
                    rate: a[0], aht: a[1], targetServiceLevel: a[2], answerTime: a[3], patience: a[4])
            },
        ]
    }

    /// What each parameter must be: its dimension and how it is named in errors.
    ///
    /// Counts may be written where they mean what the parameter is: a rate may count contacts
    /// (`480 contacts per 30 min` is `480 per 30 min`), a handling time may be per contact (`6 min per ticket`),
    /// agents may be `agents` or `FTE`. Any other count is refused (`480 agents per 30 min` is not a rate).
    private static func check(_ kind: String, _ unit: Unit) -> String? {
        let dims = unit.dimensions
        func counts(contacts allowed: ClosedRange<Int>, agents agentsAllowed: ClosedRange<Int> = 0...0) -> Bool {
            allowed.contains(Int(dims[Unit.Dimension.contacts.rawValue]))
                && agentsAllowed.contains(Int(dims[Unit.Dimension.agents.rawValue]))
                && dims[Unit.Dimension.customers.rawValue] == 0
        }
        switch kind {
        case "rate":
            return unit.moneyDimension == 0 && unit.timeDimension == -1 && counts(contacts: 0...1)
                ? nil : "a rate (`480 per 30 min`, `480 contacts per 30 min`)"
        case "aht":
            return unit.moneyDimension == 0 && unit.timeDimension == 1 && counts(contacts: -1...0)
                ? nil : "a time (`240 s`, `4 min per contact`)"
        case "time":
            return unit.moneyDimension == 0 && unit.timeDimension == 1 && counts(contacts: 0...0)
                ? nil : "a time (`240 s`)"
        case "traffic":
            // Erlangs: a rate times a handling time (`480 contacts per 30 min * 4 min` counts contacts).
            return unit.isDimensionless && counts(contacts: 0...1, agents: 0...1)
                ? nil : "a plain number"
        case "agents":
            return unit.isDimensionless && counts(contacts: 0...0, agents: 0...1)
                ? nil : "a number of agents (`55`, `55 agents`)"
        default: return unit.isDimensionless && !unit.hasCounts ? nil : "a plain number"
        }
    }

    /// Where a parameter is among a built-in's argument kinds: a time is the answer time first, patience last.
    private static func argumentIndex(of parameter: StaffingError.Parameter, in kinds: [String]) -> Int? {
        switch parameter {
        case .rate: return kinds.firstIndex(of: "rate")
        case .handleTime: return kinds.firstIndex(of: "aht")
        case .agents: return kinds.firstIndex(of: "agents")
        case .traffic: return kinds.firstIndex(of: "traffic")
        case .answerTime: return kinds.firstIndex(of: "time")
        case .patience: return kinds.lastIndex(of: "time")
        case .target: return kinds.firstIndex(of: "share")
        case .maxOccupancy: return kinds.lastIndex(of: "share")
        }
    }

    private static func make(
        _ name: String, _ kinds: [String], _ signature: String, _ summary: String, _ example: String,
        optional: Int = 0, idle: Double? = nil, result: Unit,
        _ body: @escaping @Sendable ([Double]) throws(StaffingError) -> Double
    ) -> Builtin {
        Builtin(
            name, arity: (kinds.count - optional)...kinds.count, signature: signature, summary: summary,
            example: example, topic: "staffing"
        ) { (args: [Value], site: CallSite) throws(EvalError) -> Value in
            try BuiltinSupport.broadcast(args, site) { (values: [Value]) throws(EvalError) -> Value in
                var numbers: [Double] = []
                for index in values.indices {
                    let (value, unit) = try BuiltinSupport.number(values, index, site, name)
                    if let expected = check(kinds[index], unit) {
                        throw EvalError(
                            "`\(name)` needs \(expected) here, not \(Value.unitName(unit))", kind: .unitMismatch,
                            span: site.arg(index))
                    }
                    numbers.append(value)
                }
                if let idle, kinds.first == "rate", numbers.first == 0 {
                    // An empty queue: no agents needed, everyone answered at once, nobody waits or abandons.
                    return .number(idle, result)
                }
                let raw: Double
                do throws(StaffingError) {
                    raw = try body(numbers)
                } catch {
                    // The caret under the argument at fault (`the average handle time must be above zero`).
                    let index = error.parameter.flatMap { argumentIndex(of: $0, in: kinds) }
                    throw EvalError(error.message, kind: .domain, span: index.map { site.arg($0) } ?? site.span)
                }
                return try Value.finite(raw, result, site.span)
            }
        }
    }
}
