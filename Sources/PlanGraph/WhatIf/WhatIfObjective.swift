public import PlanCore

/// What a what-if measures: an expression, or `prob(cond)`, the Monte Carlo probability of a condition.
public struct WhatIfObjective: Sendable {
    /// The two kinds of objective.
    public enum Kind: Sendable {
        /// An expression of the model (`net_value`, `savings - risk`, `csat_tier.complex`).
        case expression(Expr)
        /// `prob(cond)`: the share of Monte Carlo samples where `cond` holds.
        case probability(Expr)
    }

    /// What it measures.
    public var kind: Kind
    /// How it was written (`prob(net_value < $0)`), for messages.
    public var label: String
    /// Samples per probability estimate.
    public var samples: Int
    /// The seed of every probability estimate: the same seed each time (common random numbers), so a
    /// search over an input sees a deterministic function of it.
    public var seed: UInt64

    /// An expression objective.
    public init(expression: Expr, label: String) {
        self.kind = .expression(expression)
        self.label = label
        self.samples = 10_000
        self.seed = 1
    }

    /// A probability objective `prob(condition)`.
    public init(probabilityOf condition: Expr, label: String, samples: Int, seed: UInt64) {
        self.kind = .probability(condition)
        self.label = label
        self.samples = samples
        self.seed = seed
    }

    /// The expression a probability objective's condition is, or the expression itself.
    public var expression: Expr {
        switch kind {
        case .expression(let expr), .probability(let expr): return expr
        }
    }

    /// True for `prob(cond)`.
    public var isProbability: Bool {
        if case .probability = kind { return true }
        return false
    }

    /// The name of the temporary cell that holds `if cond then 1 else 0` while a probability is estimated.
    static let indicatorCell = "prob·indicator"

    /// The objective's value on a model (a probability is a percentage).
    public func value(on model: Model) throws(EvalError) -> Value {
        switch kind {
        case .expression(let expr):
            return try model.evaluate(expr)
        case .probability(let condition):
            return .number(try probability(of: condition, on: model), .percentage)
        }
    }

    /// The objective's value on a model, which must be one number, with its unit.
    public func number(on model: Model) throws(EvalError) -> (value: Double, unit: Unit) {
        let value = try value(on: model)
        switch value {
        case .number(let number, let unit): return (number, unit)
        case .record(let record):
            let example = record.keys.first.map { " (e.g. `\(label).\($0)` or `sum(\(label))`)" } ?? ""
            throw EvalError(
                "`\(label)` is a record (one value per tier); pick one number\(example)", span: expression.span)
        case .series(let series):
            throw Self.seriesError(label, series, span: expression.span)
        default:
            throw EvalError("`\(label)` is \(value.kindDescription), not a number", span: expression.span)
        }
    }

    /// The error for a series where one number is needed: a what-if aims at one number, so it names the
    /// aggregates that make one (`total` for a flow, `at` a month, `npv`), with the series' own name and months.
    public static func seriesError(
        _ label: String, _ series: Series, span: SourceSpan?, needs: String = "a what-if aims at one number"
    ) -> EvalError {
        let last = Timeline.label(series.timeline.end)
        var ways: [String] = []
        if series.total != nil { ways.append("`total(\(label))`") }
        ways.append("`at(\(label), \(last))`")
        if series.total != nil { ways.append("`npv(\(label), 10%)`") }
        let list =
            ways.count == 1 ? ways[0] : ways.dropLast().joined(separator: ", ") + " or " + (ways.last ?? "")
        return EvalError(
            "`\(label)` is a series (one value per month); \(needs)", kind: .typeMismatch,
            span: span, hint: ways.count == 1 ? "pick one month: \(list)" : "aggregate it: \(list)")
    }

    /// The share of `samples` Monte Carlo samples (seeded with `seed`) in which `condition` holds.
    ///
    /// The condition is put in a copy of the model as the cell `if cond then 1 else 0` and simulated;
    /// samples where it cannot be evaluated are left out.
    func probability(of condition: Expr, on model: Model) throws(EvalError) -> Double {
        let check = try model.evaluate(condition)
        if case .series(let series) = check {
            let last = Timeline.label(series.timeline.end)
            throw EvalError(
                "`prob(…)` needs one condition, and this one is a series (true or false month by month)",
                kind: .typeMismatch, span: condition.span,
                hint: "compare one number: a month (`at(x, \(last)) < …`) or an aggregate (`total(x) < …`)")
        }
        guard case .bool = check else {
            throw EvalError(
                "`prob(…)` needs a condition that is true or false, not \(check.kindDescription)",
                span: condition.span,
                hint: check.kindDescription == "a record" ? "compare one field or a sum: `sum(x) < …`" : nil)
        }
        var copy = model
        let span = condition.span
        let indicator = Expr(
            .conditional(condition, Expr(.number(1, .plain), span), Expr(.number(0, .plain), span)), span)
        do throws(Diagnostic) {
            _ = try copy.define(
                Self.indicatorCell, nameSpan: span, expr: indicator, file: SourceFile(name: nil, text: label))
        } catch {
            throw EvalError(error.message, kind: error.kind, span: error.span, hint: error.hint)
        }
        let outputs = try copy.simulate([Self.indicatorCell], samples: samples, seed: seed)
        var total = 0.0
        var count = 0
        for sample in outputs.first?.samples ?? [] where sample.isFinite {
            total += sample
            count += 1
        }
        guard count > 0 else {
            throw EvalError("`\(label)`: the condition could not be evaluated in any sample", span: span)
        }
        return total / Double(count)
    }
}
