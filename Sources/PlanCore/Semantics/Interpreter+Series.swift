/// The functions of the monthly timeline (SPEC §9), written once over every domain.
///
/// Evaluation runs at one month (`domain.position`). `ramp`, `s_curve` and `step` read that month; `prev`
/// evaluates its argument a month back; `total`, `cumulative`, `at`, `first` and `npv` evaluate their
/// argument at other months. Their results are remembered between the months of one definition
/// (`seriesMemo`): `total`, `first` and `npv` do not depend on the month they are read in, and `cumulative`
/// adds one month to the running total of the month before, so a cell over a timeline of n months costs
/// O(n), not O(n²).
///
/// A parameter of a user function read at another month than its call (`f(x) = cumulative(x)`) is its
/// argument evaluated again there, in the caller's frame (`CallFrame`): a function of series behaves as if
/// its body were written out at the call.
extension Interpreter {
    /// A user-function call: what a parameter read at another month evaluates again.
    struct CallFrame {
        /// The arguments as code, in the caller's frame.
        let args: [Code]
        /// The caller's parameters.
        let callerLocals: [Datum<D>]
        /// The caller's draw key.
        let callerKey: UInt64
        /// The month the call was made in.
        let position: Int
    }

    /// Identifies one timeline call in one chain of function calls.
    struct SeriesMemoKey: Hashable {
        let definition: Int
        let site: Int
        let key: UInt64
    }

    /// What a timeline call keeps between the months of one definition.
    enum SeriesMemo {
        /// A result that is the same in every month (`total`, `first`, `npv`).
        case whole(Datum<D>)
        /// The running total up to a month (`cumulative`).
        case running(position: Int, total: Datum<D>)
    }

    /// Evaluates code at the first month and, when that read anything that varies by month, at every month.
    public mutating func runAcrossMonths(_ code: Code) throws(EvalError) -> (months: [Datum<D>], varies: Bool) {
        if !seriesMemo.isEmpty { seriesMemo.removeAll(keepingCapacity: true) }
        domain.position = 0
        domain.variesByMonth = false
        let first = try run(code)
        guard domain.variesByMonth, let timeline = domain.timeline else { return ([first], false) }
        var months = [first]
        months.reserveCapacity(timeline.count)
        for position in 1..<max(1, timeline.count) {
            domain.position = position
            months.append(try run(code))
        }
        domain.position = 0
        return (months, true)
    }

    /// Evaluates code at one month (a recurrence is evaluated month by month, each month of each of its cells
    /// in turn); the memos of its timeline calls carry over from the month before.
    public mutating func run(_ code: Code, at position: Int, definition: Int) throws(EvalError) -> Datum<D> {
        self.definition = definition
        domain.position = position
        return try run(code)
    }

    /// Forgets what timeline calls kept between months (before evaluating other definitions).
    public mutating func forgetMonths() {
        if !seriesMemo.isEmpty { seriesMemo.removeAll(keepingCapacity: true) }
    }

    /// A parameter read at another month than its call: the argument evaluated there, in the caller's frame.
    mutating func parameter(_ index: Int, of frame: CallFrame) throws(EvalError) -> Datum<D> {
        let savedLocals = locals
        let savedKey = drawKey
        let savedFrames = frames
        locals = frame.callerLocals
        drawKey = frame.callerKey
        frames.removeLast()
        defer {
            locals = savedLocals
            drawKey = savedKey
            frames = savedFrames
        }
        return try run(frame.args[index])
    }

    mutating func series(_ function: SeriesFunction, _ args: [Code], _ site: CallSite, _ index: Int)
        throws(EvalError) -> Datum<D>
    {
        guard let timeline = domain.timeline else { throw SeriesFunction.needsTimeline(function.rawValue, site.span) }
        switch function {
        case .ramp: return try ramp(args, site, timeline)
        case .sCurve: return try sCurve(args, site, timeline)
        case .step: return try step(args, site, timeline)
        case .prev:
            domain.variesByMonth = true
            if domain.position == 0 { return try run(args[1]) }
            let saved = domain.position
            domain.position -= 1
            defer { domain.position = saved }
            return try run(args[0])
        case .lag: return try lag(args, site)
        case .at: return try at(args, site, timeline)
        case .total, .first, .npv:
            let key = SeriesMemoKey(definition: definition, site: index, key: drawKey)
            if case .whole(let known)? = seriesMemo[key] { return known }
            let saved = (domain.position, domain.variesByMonth)
            defer { (domain.position, domain.variesByMonth) = saved }
            let result: Datum<D>
            switch function {
            case .total: result = try total(args[0], site, timeline)
            case .first: result = try first(args, site, timeline)
            default: result = try npv(args, site, timeline)
            }
            seriesMemo[key] = .whole(result)
            return result
        case .cumulative:
            let key = SeriesMemoKey(definition: definition, site: index, key: drawKey)
            let position = domain.position
            var start = 0
            var running: Datum<D>?
            if case .running(let last, let total)? = seriesMemo[key], last == position - 1 {
                start = position
                running = total
            }
            defer {
                domain.position = position
                domain.variesByMonth = true
            }
            for month in start...position {
                domain.position = month
                let month = try run(args[0])
                let flow = try self.flow(month, site)
                running =
                    try running.map { (total: Datum<D>) throws(EvalError) -> Datum<D> in
                        try binary(.add, total, flow, site.arg(0))
                    } ?? flow
            }
            guard let running else { throw EvalError("`cumulative` has no month", kind: .domain, span: site.span) }
            seriesMemo[key] = .running(position: position, total: running)
            return running
        }
    }

    /// The month being evaluated, as a date.
    private func now(_ timeline: Timeline) -> Datum<D> {
        .number(D.number(Double(timeline.month(at: domain.position))), .date)
    }

    private mutating func ramp(_ args: [Code], _ site: CallSite, _ timeline: Timeline) throws(EvalError) -> Datum<D> {
        let a = try run(args[0])
        let b = try run(args[1])
        let start = try run(args[2])
        let length = try run(args[3])
        try expectDate(start, "ramp", "its start", site.arg(2))
        try expectTime(length, "ramp", "its length", site.arg(3))
        domain.variesByMonth = true
        let elapsed = try binary(.subtract, now(timeline), start, site.arg(2))
        let fraction = try clampedFraction(elapsed, length, site)
        let value = try binary(
            .add, a, try binary(.multiply, try binary(.subtract, b, a, site.arg(1)), fraction, site.span), site.span)
        // Exactly b once the ramp is done (a + (b − a) can be off by one in the last place).
        return try choose(try binary(.greaterEqual, fraction, constant(1), site.span), b, value, site.span)
    }

    private mutating func sCurve(_ args: [Code], _ site: CallSite, _ timeline: Timeline) throws(EvalError) -> Datum<D> {
        let a = try run(args[0])
        let b = try run(args[1])
        let midpoint = try run(args[2])
        let length = try run(args[3])
        try expectDate(midpoint, "s_curve", "its midpoint", site.arg(2))
        try expectTime(length, "s_curve", "its length", site.arg(3))
        if case .number(let number, _) = length, let known = D.constant(number), known <= 0 {
            throw EvalError("`s_curve` needs a length above zero", kind: .domain, span: site.arg(3))
        }
        domain.variesByMonth = true
        // Logistic with 10% and 90% a length apart: 1 / (1 + 9^(−2z)), z = (now − midpoint) / length.
        let z = try binary(.divide, try binary(.subtract, now(timeline), midpoint, site.arg(2)), length, site.arg(3))
        let power = try binary(.power, constant(9), try binary(.multiply, z, constant(-2), site.span), site.span)
        let share = try binary(.divide, constant(1), try binary(.add, constant(1), power, site.span), site.span)
        return try binary(
            .add, a, try binary(.multiply, try binary(.subtract, b, a, site.arg(1)), share, site.span), site.span)
    }

    private mutating func step(_ args: [Code], _ site: CallSite, _ timeline: Timeline) throws(EvalError) -> Datum<D> {
        var a = try run(args[0])
        var b = try run(args[1])
        let when = try run(args[2])
        try expectDate(when, "step", "the month it steps at", site.arg(2))
        domain.variesByMonth = true
        // A plain zero on one side takes the other side's unit (`step(0, $5k, 2025-06)`).
        if case .number(let x, let ux) = a, case .number(let y, let uy) = b {
            if ux == .plain, D.constant(x) == 0 { a = .number(x, uy) }
            if uy == .plain, D.constant(y) == 0 { b = .number(y, ux) }
            if case .number(_, let ua) = a, case .number(_, let ub) = b, !ua.commensurable(with: ub) {
                throw EvalError(
                    "`step` needs its two values in one unit, not \(Value.unitName(ua)) and \(Value.unitName(ub))",
                    kind: .unitMismatch, span: site.arg(1))
            }
        }
        return try choose(try binary(.greaterEqual, now(timeline), when, site.arg(2)), b, a, site.span)
    }

    private mutating func lag(_ args: [Code], _ site: CallSite) throws(EvalError) -> Datum<D> {
        let by = try run(args[1])
        try expectTime(by, "lag", "how far back", site.arg(1))
        guard case .number(let number, _) = by, let seconds = D.constant(number) else {
            throw EvalError("`lag` needs one delay, the same in every sample", kind: .domain, span: site.arg(1))
        }
        let months = seconds / Timeline.monthSeconds
        guard months >= 0, abs(months - months.rounded()) <= 1e-9 * max(1, months) else {
            throw EvalError(
                "`lag` looks back a whole number of months, not \(NumberFormat.significant(months, 4))",
                kind: .domain, span: site.arg(1))
        }
        domain.variesByMonth = true
        let back = Int(months.rounded())
        if domain.position < back { return try run(args[2]) }
        let saved = domain.position
        domain.position -= back
        defer { domain.position = saved }
        return try run(args[0])
    }

    private mutating func at(_ args: [Code], _ site: CallSite, _ timeline: Timeline) throws(EvalError) -> Datum<D> {
        let date = try run(args[1])
        try expectDate(date, "at", "a month", site.arg(1))
        guard case .number(let number, _) = date, let known = D.constant(number) else {
            throw EvalError(
                "`at` needs one month, the same in every sample", kind: .domain, span: site.arg(1))
        }
        guard let month = Timeline.monthNumber(known), let position = timeline.position(of: month) else {
            throw EvalError(
                "\(Value.format(known, unit: .date)) is not on the timeline (\(Timeline.label(timeline.start)) to "
                    + "\(Timeline.label(timeline.end)))", kind: .domain, span: site.arg(1))
        }
        let saved = (domain.position, domain.variesByMonth)
        domain.position = position
        defer { (domain.position, domain.variesByMonth) = saved }
        return try run(args[0])
    }

    private mutating func total(_ x: Code, _ site: CallSite, _ timeline: Timeline) throws(EvalError) -> Datum<D> {
        var sum: Datum<D>?
        for position in 0..<timeline.count {
            domain.position = position
            let month = try run(x)
            let flow = try self.flow(month, site)
            sum =
                try sum.map { (total: Datum<D>) throws(EvalError) -> Datum<D> in
                    try binary(.add, total, flow, site.arg(0))
                } ?? flow
        }
        guard let sum else { throw EvalError("`total` has no month", kind: .domain, span: site.span) }
        return sum
    }

    private mutating func first(_ args: [Code], _ site: CallSite, _ timeline: Timeline) throws(EvalError)
        -> Datum<D>
    {
        let condition = args[0]
        let never = EvalError(
            "`first(…)` never holds on the timeline (\(Timeline.label(timeline.start)) to "
                + "\(Timeline.label(timeline.end)))", kind: .domain, span: site.span)
        if !D.lanesFail {
            for position in 0..<timeline.count {
                domain.position = position
                let holds = try run(condition)
                let flags = try flag(holds, "first", site.arg(0))
                if D.constant(flags) == true { return now(timeline) }
            }
            if args.count > 1 {
                domain.position = 0
                return try run(args[1])
            }
            throw never
        }
        // Lane by lane: from the last month back, each month where the condition holds wins.
        var found: Datum<D> = .number(D.failedNumber, .date)
        var holdsSomewhere = false
        for position in (0..<timeline.count).reversed() {
            domain.position = position
            guard let value = try branch(condition) else { continue }
            let flags = try flag(value, "first", site.arg(0))
            if D.constant(flags) != false { holdsSomewhere = true }
            found = try choose(.bool(flags), now(timeline), found, site.span)
        }
        // Where it holds in no lane the fallback is the answer, as in the scalar domain; otherwise lanes where
        // it never holds fail (counted as failed samples).
        if !holdsSomewhere && args.count > 1 {
            domain.position = 0
            return try run(args[1])
        }
        return found
    }

    private mutating func npv(_ args: [Code], _ site: CallSite, _ timeline: Timeline) throws(EvalError) -> Datum<D> {
        let rate = try run(args[1])
        guard case .number(_, let unit) = rate, unit.isDimensionless, !unit.hasCounts else {
            throw EvalError(
                "`npv` needs a yearly discount rate as a plain number or a percentage (`8%`), not "
                    + rate.kindDescription, kind: .unitMismatch, span: site.arg(1))
        }
        let growth = try binary(.add, constant(1), rate, site.arg(1))
        var sum: Datum<D>?
        for position in 0..<timeline.count {
            domain.position = position
            let month = try run(args[0])
            let flow = try self.flow(month, site)
            // End-of-month discounting: the first month's flow is discounted by one month.
            let factor = try binary(.power, growth, constant(-Double(position + 1) / 12), site.arg(1))
            let discounted = try binary(.multiply, flow, factor, site.span)
            sum =
                try sum.map { (total: Datum<D>) throws(EvalError) -> Datum<D> in
                    try binary(.add, total, discounted, site.arg(0))
                } ?? discounted
        }
        guard let sum else { throw EvalError("`npv` has no month", kind: .domain, span: site.span) }
        return sum
    }

    /// A month's amount of a flow: a rate (per some time) times the month's length, anything else as it is.
    ///
    /// The amount is rounded to 15 significant digits, so that the noise of converting through seconds does not
    /// decide a threshold: 1200 per year is 100 a month, and five months reach 500.
    private func flow(_ value: Datum<D>, _ site: CallSite) throws(EvalError) -> Datum<D> {
        guard Self.isRate(value) else { return value }
        return snapped(
            try binary(.multiply, value, .number(D.number(Timeline.monthSeconds), .atom(.month)), site.arg(0)))
    }

    private func snapped(_ value: Datum<D>) -> Datum<D> {
        switch value {
        case .number(let number, let unit): return .number(domain.snapped(number), unit)
        case .record(let keys, let fields): return .record(keys, fields.map(snapped))
        default: return value
        }
    }

    private static func isRate(_ value: Datum<D>) -> Bool {
        switch value {
        case .number(_, let unit): return unit.isPerTime
        case .record(_, let fields): return fields.first.map(isRate) ?? false
        default: return false
        }
    }

    private func constant(_ value: Double) -> Datum<D> { .number(D.number(value), .plain) }

    /// `elapsed / length` within 0…1; a zero length is a step at the start.
    private func clampedFraction(_ elapsed: Datum<D>, _ length: Datum<D>, _ site: CallSite) throws(EvalError)
        -> Datum<D>
    {
        if case .number(let number, _) = length, D.constant(number) == 0 {
            return try choose(
                try binary(.greaterEqual, elapsed, length, site.span), constant(1), constant(0), site.span)
        }
        let ratio = try binary(.divide, elapsed, length, site.arg(3))
        let low = try choose(try binary(.less, ratio, constant(0), site.span), constant(0), ratio, site.span)
        return try choose(try binary(.greater, low, constant(1), site.span), constant(1), low, site.span)
    }

    /// Per lane, `a` where the flags hold, else `b` (the flags decide at once where they are the same everywhere).
    private func choose(_ condition: Datum<D>, _ a: Datum<D>, _ b: Datum<D>, _ span: SourceSpan) throws(EvalError)
        -> Datum<D>
    {
        guard case .bool(let flags) = condition else {
            throw EvalError("expected a condition, not \(condition.kindDescription)", kind: .typeMismatch, span: span)
        }
        if let known = D.constant(flags) { return known ? a : b }
        return try select(flags, a, b, span)
    }

    private func flag(_ value: Datum<D>, _ name: String, _ span: SourceSpan) throws(EvalError) -> D.Flag {
        guard case .bool(let flags) = value else {
            throw EvalError(
                "`\(name)` needs a condition that is true or false, not \(value.kindDescription)",
                kind: .typeMismatch, span: span)
        }
        return flags
    }

    private func expectDate(_ value: Datum<D>, _ name: String, _ what: String, _ span: SourceSpan)
        throws(EvalError)
    {
        guard case .number(_, let unit) = value, unit.isDate else {
            throw EvalError(
                "`\(name)` needs \(what) as a month (`2025-06`), not \(Self.describe(value))", kind: .unitMismatch,
                span: span)
        }
    }

    private func expectTime(_ value: Datum<D>, _ name: String, _ what: String, _ span: SourceSpan)
        throws(EvalError)
    {
        guard case .number(_, let unit) = value, unit.commensurable(with: .atom(.month)) else {
            let found = Self.describe(value)
            let why = found.hasPrefix("a date") ? ": a date is a point in time, not an amount of it" : ""
            throw EvalError(
                "`\(name)` needs \(what) as a time (`6 months`), not \(found)\(why)", kind: .unitMismatch, span: span)
        }
    }

    private static func describe(_ value: Datum<D>) -> String {
        if case .number(_, let unit) = value, unit.isDate { return "a date" }
        return value.kindDescription
    }
}
