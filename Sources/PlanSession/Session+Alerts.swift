import PlanCore
public import PlanGraph

/// How an alert that switched on or off is reported after a change.
public enum AlertEvent: Sendable, Equatable {
    /// It switched on: the message with its details (`blended CSAT hides a drop on complex (complex −8.7 pt; …)`).
    case on(String)
    /// It switched off while an alert about the same thing (a `show` label in common) switched on: not an
    /// all-clear, the situation changed (a hidden drop that the blend now shows too). The message only.
    case replaced(String, by: String)
    /// It switched off and nothing took its place: the condition no longer holds. The message only.
    case cleared(String)

    /// The line as the REPL and the script runner print it (without colour).
    public var line: String {
        switch self {
        case .on(let text): return "  ⚠ " + text
        case .replaced(let message, let successor): return "  ↳ was: " + message + " (now: " + successor + ")"
        case .cleared(let message): return "  ✓ cleared: " + message
        }
    }
}

/// Alert details (`alert "…" when cond show label: expr, …`): sizes beside the message, how sure an
/// evidence-based value is, and what an alert switching off means.
extension Session {
    /// Samples behind "90% sure …" (Monte Carlo over the evidence's Beta distributions).
    static let alertSurenessSamples = 4_000

    /// The alert's message with its details, as `:alerts`, `:report` and the change report show it:
    /// `blended CSAT hides a drop on complex (complex −8.7 pt, 90% sure complex fell at least 6 points; blend −1.8 pt)`.
    ///
    /// On a timeline the details are those of the first month the alert holds, after the months it holds
    /// (`2024-02 to 2025-04; in 2024-02: complex -8.7 pt; …`). A detail that cannot be evaluated any more shows
    /// as `?`. "90% sure" (not on a timeline) is given for a fall in points
    /// (a negative `pt` value: a share that dropped) that depends on evidence (`observed(k, n)`, which `:import tickets`
    /// writes): the one-sided 90% bound of the value, by Monte Carlo over every distribution upstream.
    public func alertDescription(_ message: String) -> String {
        guard let id = model.alertIds[message], let node = model.nodes[id], !node.details.isEmpty else {
            return message
        }
        // On a timeline, an alert holds in some months: say which, and show the sizes in its first month.
        var when: String?
        var position: Int?
        if case .series(let flags)? = model.nodes.value(at: id), let timeline = model.timeline {
            let on = flags.values.indices.filter { flags.values[$0] == .bool(true) }
            if let first = on.first, let last = on.last {
                position = first
                let label = { (index: Int) in Timeline.label(timeline.month(at: index)) }
                if on.count == flags.values.count {
                    when = "every month, in \(label(first)):"
                } else if first == last {
                    when = "in \(label(first)):"
                } else {
                    let gaps = on.count != last - first + 1 ? ", not every month" : ""
                    when = "\(label(first)) to \(label(last))\(gaps); in \(label(first)):"
                }
            }
        }
        let parts = node.details.map { detail in describe(detail, file: node.file, at: position) }
        return message + " (" + (when.map { $0 + " " } ?? "") + parts.joined(separator: "; ") + ")"
    }

    /// The alert events of one change, in the order to print them: new alerts (with details), alerts another
    /// alert took over from, alerts cleared.
    public func alertEvents(_ changes: ChangeSet) -> [AlertEvent] {
        var events = changes.alertsOn.map { AlertEvent.on(alertDescription($0)) }
        for message in changes.alertsOff {
            let labels = Set(detailLabels(of: message))
            let successor = changes.alertsOn.first { !labels.isDisjoint(with: detailLabels(of: $0)) }
            events.append(successor.map { .replaced(message, by: $0) } ?? .cleared(message))
        }
        return events
    }

    private func detailLabels(of message: String) -> [String] {
        guard let id = model.alertIds[message], let node = model.nodes[id] else { return [] }
        return node.details.map(\.label)
    }

    /// One detail's text; a series at `position` (the alert's first month on), when given.
    private func describe(_ detail: AlertDetail, file: SourceFile, at position: Int? = nil) -> String {
        guard var value = try? model.evaluate(detail.expr) else { return detail.label + " ?" }
        var isSeries = false
        if case .series(let series) = value {
            isSeries = true
            if let position, series.values.indices.contains(position) { value = series.values[position] }
        }
        var text = detail.label + " " + Self.prose(value)
        if !isSeries, case .number(let number, let unit) = value, number < 0, unit.symbol == "pt",
            dependsOnEvidence(detail.expr),
            let sure = sureness(detail, file: file)
        {
            text += ", " + sure
        }
        return text
    }

    /// A value in prose: one decimal for shares and points, `-` for a negative number (the one minus sign
    /// of every terminal view, as values and deltas write it).
    static func prose(_ value: Value) -> String {
        guard case .number(let number, let unit) = value else { return value.display }
        let isPoints = unit.symbol == "pt"
        let decimals: Int? = unit.percent || isPoints ? 1 : nil
        let magnitude = Value.format(abs(number), unit: unit, decimals: decimals)
        return (number < 0 && magnitude.contains(where: { $0.isNumber && $0 != "0" }) ? "-" : "") + magnitude
    }

    /// True when the expression's value depends on evidence: an `observed(…)` call in it or upstream of it.
    func dependsOnEvidence(_ expr: Expr) -> Bool {
        let calls = { (expr: Expr) in expr.references().contains { $0.isCall && $0.name == "observed" } }
        if calls(expr) { return true }
        var stack = expr.references().filter { !$0.isCall }.compactMap { model.cellIds[$0.name] }
        var seen = Set(stack)
        while let id = stack.popLast() {
            guard let node = model.nodes[id] else { continue }
            if node.drawsFromDistribution && calls(node.expr) { return true }
            for dep in node.deps where seen.insert(dep).inserted { stack.append(dep) }
        }
        return false
    }

    /// "90% sure complex fell at least 6 points": the one-sided 90% bound of a fall, by Monte Carlo.
    private func sureness(_ detail: AlertDetail, file: SourceFile) -> String? {
        var scratch = model
        let name = "alert_detail_sample"
        let samples: [Double]
        do {
            _ = try scratch.define(name, nameSpan: detail.labelSpan, expr: detail.expr, file: file)
            guard let output = try scratch.simulate([name], samples: Self.alertSurenessSamples, seed: seed).first
            else { return nil }
            samples = output.samples.filter { !$0.isNaN }.sorted()
        } catch {
            return nil
        }
        guard samples.count >= 2 else { return nil }
        // The 90th percentile of the change: 90% of the samples fall at least that far.
        let bound = samples[min(samples.count - 1, Int((Double(samples.count) * 0.9).rounded()))]
        guard bound < 0 else { return "not 90% sure \(detail.label) fell at all" }
        return "90% sure \(detail.label) fell at least "
            + NumberFormat.fixed(-bound * 100, decimals: 1, keepZeros: false) + " points"
    }
}
