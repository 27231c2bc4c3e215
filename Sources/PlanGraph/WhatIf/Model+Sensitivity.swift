public import PlanCore

/// One bar of a tornado chart: how far an objective moves when one input swings from low to high.
public struct SensitivityBar: Sendable {
    /// How an input swings.
    public enum Kind: Sendable, Equatable {
        /// An input with a range (its formula draws from a distribution): its 5th to 95th percentile.
        case range
        /// A point input (a number with no dependencies): ±10% (the swing asked for).
        case point
        /// A delay of whole months on a timeline (`churn_lag = 6 months`): ±10% rounded to whole months, at least
        /// one (`lag` takes whole months, so 6.6 months would be refused).
        case months(Int)

        /// How the swing reads in a tornado: `p5–p95`, `±10%`, `±1 month`.
        public var label: String {
            switch self {
            case .range: return "p5–p95"
            case .point: return "±10%"
            case .months(let count): return "±\(count) month" + (count == 1 ? "" : "s")
            }
        }
    }

    /// The input as a statement names it: `fte_cost`, or `mix.complex` for one field of a record.
    public var input: String
    /// How it swings.
    public var kind: Kind
    /// True for a field of a mix (a record of shares that sums to 100%): it swings against the other fields,
    /// which are rescaled so that the mix still sums to 100% (`mix.complex` 8% → 8.8% takes the 0.8 points from
    /// routine and standard in proportion).
    public var renormalised = false
    /// The input's low value.
    public var low: Value
    /// The input's high value.
    public var high: Value
    /// The objective with the input low.
    public var outputLow: SweepCell
    /// The objective with the input high.
    public var outputHigh: SweepCell
    /// The width of the bar in the objective's base units: |high − low| (against the baseline when one
    /// end fails).
    public var swing: Double
    /// True when an end of the swing was cut to the input's valid range (`within`): `shrinkage` at 95%
    /// swings to 100%, not 104.5%.
    public var clipped = false
}

/// A tornado chart's data: the baseline and one bar per input that moves the objective, widest first.
public struct SensitivityResult: Sendable {
    /// The objective, as written.
    public var objective: String
    /// The objective with every input at its value (ranges at their means).
    public var baseline: Value
    /// The bars, widest swing first.
    public var bars: [SensitivityBar]
    /// Inputs the objective depends on whose swing does not move it.
    public var unaffected: [String]
}

/// Sensitivity analysis: each input upstream of the objective swings on its own, the others held.
extension Model {
    /// The tornado of `objective`: inputs with ranges swing over their 5th–95th percentiles, point inputs
    /// (numbers or records of numbers with no dependencies) by ±`pointSwing`; the objective is evaluated at
    /// both ends with everything else unchanged.
    ///
    /// A record written as a literal swings field by field, one bar per tier (`aht.complex` over its own range,
    /// `ai_coverage.routine` by ±10%): one bar for all tiers at once would move them together and hide which
    /// tier matters. A mix (a record of shares summing to 100%, see `isMix`) swings each field against the
    /// others, rescaled in proportion so the mix still sums to 100% (`renormalised`); swinging every field up
    /// by 10% would give a mix of 110%, which is only `contacts` swung by 10% in disguise.
    ///
    /// Percentiles come from the distribution itself when the formula is one (`a to b`, `normal(…)`,
    /// a record of them, possibly `in` a unit); otherwise from a simulation of the cell (`samples`, `seed`).
    public func sensitivity(
        _ objective: WhatIfObjective, pointSwing: Double = 0.1, samples: Int = 10_000, seed: UInt64 = 1
    ) throws(EvalError) -> SensitivityResult {
        let (base, unit) = try objective.number(on: self)
        var bars: [SensitivityBar] = []
        var unaffected: [String] = []
        for name in sensitivityInputs(of: objective.expression) {
            try checkCancelled()
            guard let node = cell(name), let value = value(of: name) else { continue }
            // A record literal swings field by field (a mix against its other fields): one bar per tier.
            if case .record(let entries) = node.expr.kind, case .record(let record) = value, record.keys.count > 1 {
                let mix = Self.isMix(record)
                for entry in entries {
                    try checkCancelled()
                    guard
                        let bar = try fieldBar(
                            objective, name, entry, record, mix: mix, pointSwing: pointSwing, samples: samples,
                            seed: seed,
                            base: base)
                    else { continue }
                    if bar.swing == 0 { unaffected.append(bar.input) } else { bars.append(bar) }
                }
                continue
            }
            var kind: SensitivityBar.Kind = node.drawsFromDistribution ? .range : .point
            var low: Value
            var high: Value
            if kind == .range {
                (low, high) = try percentiles(of: name, samples: samples, seed: seed)
            } else if timeline != nil, case .number(let number, let unit) = value,
                unit.sameDimension(as: .atom(.month)),
                let months = Timeline.monthNumber(number / Timeline.monthSeconds),
                months > 0
            {
                let step = max(1, Int((Double(months) * pointSwing).rounded()))
                kind = .months(step)
                low = .number(Double(max(0, months - step)) * Timeline.monthSeconds, unit)
                high = .number(Double(months + step) * Timeline.monthSeconds, unit)
            } else {
                // With a valid range, the range (below) bounds the swing, and says so.
                let shares = node.range == nil
                guard let scaledLow = value.scaled(by: 1 - pointSwing, boundingShares: shares),
                    let scaledHigh = value.scaled(by: 1 + pointSwing, boundingShares: shares)
                else { continue }
                (low, high) = (scaledLow, scaledHigh)
            }
            var clipped = false
            if let valid = node.range {
                (low, clipped) = Self.clamp(low, to: valid, clipped)
                (high, clipped) = Self.clamp(high, to: valid, clipped)
            }
            let outputLow = try evaluate(objective, with: name, at: low)
            let outputHigh = try evaluate(objective, with: name, at: high)
            let ends = [outputLow, outputHigh].compactMap { cell -> Double? in
                guard case .success(.number(let number, _)) = cell, number.isFinite else { return nil }
                return number
            }
            let swing = Self.swing(ends, base: base)
            if swing == 0 {
                unaffected.append(name)
                continue
            }
            bars.append(
                SensitivityBar(
                    input: name, kind: kind, low: low, high: high, outputLow: outputLow, outputHigh: outputHigh,
                    swing: swing, clipped: clipped))
        }
        // Widest first; a bar whose ends both failed (infinite swing) goes last.
        bars.sort { lhs, rhs in
            let left = lhs.swing.isFinite ? lhs.swing : -1
            let right = rhs.swing.isFinite ? rhs.swing : -1
            return left != right ? left > right : lhs.input < rhs.input
        }
        return SensitivityResult(
            objective: objective.label, baseline: .number(base, unit), bars: bars, unaffected: unaffected)
    }

    /// The bar of one field of a record literal, or nil when the field is not a number.
    ///
    /// The field swings over its own range (p5–p95) when it draws from a distribution, else by ±`pointSwing`;
    /// in a mix, the other fields are rescaled so the record still sums to 100%.
    private func fieldBar(
        _ objective: WhatIfObjective, _ name: String, _ entry: RecordEntry, _ record: Record, mix: Bool,
        pointSwing: Double, samples: Int, seed: UInt64, base: Double
    ) throws(EvalError) -> SensitivityBar? {
        guard let value = record[entry.key], case .number(let number, let unit) = value else { return nil }
        let input = WhatIfInput(name, field: entry.key)
        var kind = SensitivityBar.Kind.point
        var low: Value
        var high: Value
        if entry.value.drawsFromDistribution(builtins) || isUncertain(in: entry.value) {
            kind = .range
            if let p5 = try quantile(entry.value, 0.05), let p95 = try quantile(entry.value, 0.95) {
                (low, high) = (p5, p95)
            } else {
                var values = try simulate([input.name], samples: samples, seed: seed).first?.samples ?? []
                let summary = summarize(&values)
                guard summary.count > 0 else { return nil }
                (low, high) = (.number(summary.p5, unit), .number(summary.p95, unit))
            }
        } else {
            // With a valid range, the range (below) bounds the swing, and says so.
            let shares = cell(name)?.range == nil
            guard let scaledLow = value.scaled(by: 1 - pointSwing, boundingShares: shares),
                let scaledHigh = value.scaled(by: 1 + pointSwing, boundingShares: shares)
            else { return nil }
            (low, high) = (scaledLow, scaledHigh)
        }
        var clipped = false
        if let valid = cell(name)?.range {
            (low, clipped) = Self.clamp(low, to: valid, clipped)
            (high, clipped) = Self.clamp(high, to: valid, clipped)
        }
        // A mix's field cannot leave 0%…100%, and with all of the mix in one field there is nothing to rescale.
        if mix {
            guard number < 1 else { return nil }
            for end in [low, high] {
                guard case .number(let share, _) = end, share >= 0, share <= 1 else { return nil }
            }
        }
        let outputLow = try evaluate(objective, with: input, at: low, mix: mix ? record : nil)
        let outputHigh = try evaluate(objective, with: input, at: high, mix: mix ? record : nil)
        let ends = [outputLow, outputHigh].compactMap { cell -> Double? in
            guard case .success(.number(let number, _)) = cell, number.isFinite else { return nil }
            return number
        }
        var bar = SensitivityBar(
            input: input.name, kind: kind, low: low, high: high, outputLow: outputLow, outputHigh: outputHigh,
            swing: Self.swing(ends, base: base), clipped: clipped)
        bar.renormalised = mix
        return bar
    }

    /// True when an expression uses a cell that depends on a distribution.
    private func isUncertain(in expr: Expr) -> Bool {
        expr.references().contains { !$0.isCall && isUncertain($0.name) }
    }

    /// A bar's width: |high − low|.
    ///
    /// Against the baseline when one end failed, infinite when both did. A swing within rounding of the baseline
    /// (1e-12 relative: a mix's rescaled fields sum to 100% only to a few ulps) is no swing.
    private static func swing(_ ends: [Double], base: Double) -> Double {
        let swing = ends.count == 2 ? abs(ends[1] - ends[0]) : ends.first.map { abs($0 - base) } ?? .infinity
        let scale = ([abs(base)] + ends.map(abs)).max() ?? 0
        return swing <= 1e-12 * scale ? 0 : swing
    }

    /// True for a mix: a record of two or more shares (`%`) that sums to 100% (within 1e-9), as `mix` does.
    static func isMix(_ record: Record) -> Bool {
        var total = 0.0
        for value in record.values {
            guard case .number(let share, let unit) = value, unit.isPlain, unit.percent, share >= 0 else {
                return false
            }
            total += share
        }
        return record.values.count > 1 && abs(total - 1) <= 1e-9
    }

    /// The objective with one field set to a value; in a mix, the other fields are multiplied by
    /// (1 − new) / (1 − old), their formulas kept (`(60% to 70%) * 0.98`), so the mix still sums to 100%.
    private func evaluate(_ objective: WhatIfObjective, with input: WhatIfInput, at value: Value, mix: Record?)
        throws(EvalError) -> SweepCell
    {
        do throws(EvalError) {
            guard let mix, let field = input.field, case .number(let old, _)? = mix[field],
                case .number(let new, _) = value, let node = cell(input.cell),
                case .record(let entries) = node.expr.kind,
                let literal = value.literal()
            else {
                return .success(try objective.value(on: try withInput(input, value: value)))
            }
            let factor = Value.literal((1 - new) / (1 - old), unit: .plain, significantDigits: 17)
            let fields = entries.map { entry in
                entry.key + ": "
                    + (entry.key == field ? literal : "(" + node.file.text(of: entry.value.span) + ") * " + factor)
            }
            let text = "{" + fields.joined(separator: ", ") + "}"
            let file = SourceFile(name: nil, text: text)
            let expr = try Parser.parseExpression(file)
            var copy = self
            do throws(Diagnostic) {
                _ = try copy.define(input.cell, nameSpan: SourceSpan(start: 0, end: 0), expr: expr, file: file)
            } catch {
                throw EvalError(error.message, kind: error.kind, hint: error.hint)
            }
            return .success(try objective.value(on: copy))
        } catch {
            if error.isInterrupted { throw error }
            return .failure(error)
        }
    }

    /// The inputs an expression depends on, in definition order: cells upstream of it whose formula draws
    /// from a distribution, or that have no dependencies and hold a number or a record of numbers.
    public func sensitivityInputs(of expr: Expr) -> [String] {
        let seen = upstreamIds(of: expr)
        return nodes.indices.compactMap { id -> String? in
            guard seen.contains(id), let node = nodes[id], node.kind == .cell, let value = nodes.value(at: id) else {
                return nil
            }
            if node.drawsFromDistribution { return node.name }
            return node.deps.isEmpty && value.scaled(by: 1) != nil ? node.name : nil
        }
    }

    /// A swing's end cut to a valid range, number by number (a record field by field); `clipped` turns true when
    /// anything was cut.
    static func clamp(_ value: Value, to range: ValidRange, _ clipped: Bool) -> (Value, Bool) {
        switch value {
        case .number(let x, let unit):
            let inside = range.clamped(x)
            return (.number(inside, unit), clipped || inside != x)
        case .record(let record):
            var values: [Value] = []
            var cut = clipped
            for field in record.values {
                let (inside, fieldCut) = clamp(field, to: range, cut)
                values.append(inside)
                cut = fieldCut
            }
            return (.record(Record(keys: record.keys, values: values)), cut)
        default:
            return (value, clipped)
        }
    }

    /// The 5th and 95th percentiles of a cell that draws from a distribution (field by field for a record).
    public func percentiles(of name: String, samples: Int = 10_000, seed: UInt64 = 1) throws(EvalError) -> (
        low: Value, high: Value
    ) {
        guard let node = cell(name) else { throw EvalError("unknown cell `\(name)`") }
        if let low = try quantile(node.expr, 0.05), let high = try quantile(node.expr, 0.95) { return (low, high) }
        let outputs = try simulate([name], samples: samples, seed: seed)
        var lows: [Value] = []
        var highs: [Value] = []
        for output in outputs {
            var values = output.samples
            let summary = summarize(&values)
            guard summary.count > 0 else {
                throw EvalError("`\(output.name)` could not be evaluated in any sample")
            }
            lows.append(.number(summary.p5, output.unit))
            highs.append(.number(summary.p95, output.unit))
        }
        if case .record(let record) = value(of: name), outputs.count == record.keys.count {
            return (.record(Record(keys: record.keys, values: lows)), .record(Record(keys: record.keys, values: highs)))
        }
        guard let low = lows.first, let high = highs.first else { throw EvalError("`\(name)` is not a number") }
        return (low, high)
    }

    /// The objective with one cell set to a value (the failure kept when the model refuses it).
    private func evaluate(_ objective: WhatIfObjective, with name: String, at value: Value) throws(EvalError)
        -> SweepCell
    {
        do throws(EvalError) {
            let changed = try withInput(name, value: value)
            return .success(try objective.value(on: changed))
        } catch {
            if error.isInterrupted { throw error }
            return .failure(error)
        }
    }

    /// The `p` quantile of a formula that is a distribution (`a to b`, a distribution call, a record of
    /// them, optionally `in` a unit), or nil when the formula is something else.
    func quantile(_ expr: Expr, _ p: Double) throws(EvalError) -> Value? {
        switch expr.kind {
        case .interval(let low, let high):
            let ends = [try evaluate(low), try evaluate(high)]
            let site = CallSite(span: expr.span, argSpans: [low.span, high.span])
            return try BuiltinSupport.broadcast(ends, site) { (values: [Value]) throws(EvalError) -> Value in
                guard case .number(let a, let unit) = values[0], case .number(let b, _) = values[1] else {
                    throw EvalError("`to` needs numbers on both sides", span: expr.span)
                }
                return .number(try DistributionBuiltins.interval(a, b).quantile(p), unit)
            }
        case .call(let name, _, let args):
            guard let build = builtins[name]?.distribution else { return nil }
            var values: [Value] = []
            for arg in args { values.append(try evaluate(arg)) }
            let site = CallSite(span: expr.span, argSpans: args.map(\.span))
            return try BuiltinSupport.broadcast(values, site) { (values: [Value]) throws(EvalError) -> Value in
                var parameters: [Double] = []
                for index in values.indices {
                    parameters.append(try BuiltinSupport.number(values, index, site, name).0)
                }
                guard case .number(_, let unit) = values.first else { throw EvalError("`\(name)` needs arguments") }
                return .number(try build(parameters).quantile(p), unit)
            }
        case .convert(let inner, let unit, let span):
            guard let value = try quantile(inner, p) else { return nil }
            return try value.converted(to: unit, span: span)
        case .record(let entries):
            var values: [Value] = []
            for entry in entries {
                if entry.value.drawsFromDistribution(builtins) {
                    guard let value = try quantile(entry.value, p) else { return nil }
                    values.append(value)
                } else {
                    values.append(try evaluate(entry.value))
                }
            }
            return .record(Record(keys: entries.map(\.key), values: values))
        default:
            return nil
        }
    }
}

/// Scaling values for the ±10% swing of point inputs.
extension Value {
    /// The value with every number multiplied by `factor` (units kept), or nil when it holds anything else.
    func scaled(by factor: Double, boundingShares: Bool = true) -> Value? {
        switch self {
        case .number(let number, let unit):
            // A share swings within 0%…100% (94% + 10% is 100%, not 103.4%).
            let scaled = number * factor
            guard boundingShares else { return .number(scaled, unit) }
            return .number(unit.percent && number >= 0 && number <= 1 ? min(1, max(0, scaled)) : scaled, unit)
        case .record(let record):
            var values: [Value] = []
            for value in record.values {
                guard let scaled = value.scaled(by: factor, boundingShares: boundingShares) else { return nil }
                values.append(scaled)
            }
            return .record(Record(keys: record.keys, values: values))
        default: return nil
        }
    }
}
