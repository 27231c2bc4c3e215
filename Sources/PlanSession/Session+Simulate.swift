import PlanCore
import PlanGraph

/// `:simulate [n] [name …]`: Monte Carlo over every distribution, one row per cell, with a histogram.
extension Session {
    func simulate(_ args: [String], fail: (String) -> Diagnostic) throws(Diagnostic) -> String {
        var count = samples
        var names = args
        if let first = names.first, let number = Self.sampleCount(first) {
            count = number
            names.removeFirst()
        }
        guard count >= 2 && count <= 100_000_000 else { throw fail("the sample count must be from 2 to 100,000,000") }
        if names.isEmpty {
            let uncertain = model.uncertainCellNames
            let watched = model.watches.filter { uncertain.contains($0) }
            names = watched.isEmpty ? uncertain : watched
        }
        if names.isEmpty {
            throw fail("nothing to simulate: no cell depends on a distribution (`a to b`, normal(…), …)")
        }
        if !names.contains(where: { model.cell($0) == nil || model.isUncertain($0) }) {
            throw fail(
                "nothing to simulate: " + names.map { "`\($0)`" }.joined(separator: ", ")
                    + " depend\(names.count == 1 ? "s" : "") on no distribution (`a to b`, normal(…), …)")
        }
        try checkSimulationSize(names, samples: count, fail: fail)
        let outputs: [SimulatedOutput]
        do throws(EvalError) {
            outputs = try model.simulate(names, samples: count, seed: seed)
        } catch {
            throw fail(error.message)
        }
        var rows: [[String]] = [["name", "mean", "p5", "p50", "p95", "P(< 0)", "distribution"]]
        var notes: [String] = []
        for output in outputs {
            var values = output.samples
            let summary = summarize(&values)
            let format = { (value: Double) in value.isNaN ? "–" : Value.format(value, unit: output.unit) }
            rows.append([
                output.name, format(summary.mean), format(summary.p5), format(summary.p50), format(summary.p95),
                summary.probabilityBelowZero.isNaN
                    ? "–" : NumberFormat.significant(summary.probabilityBelowZero * 100, 3) + "%",
                Self.sparkline(summary.histogram(bins: 16)),
            ])
            if summary.failures > 0 {
                notes.append(
                    "  \(output.name): \(summary.failures) of \(count) samples failed (division by zero or a result that is not finite) and are left out"
                )
            }
        }
        let header = "  \(count) samples, seed \(seed)"
        return ([header, TextTable.render(rows)] + notes).joined(separator: "\n")
    }

    /// A sample count written as `10000`, `10_000`, `10k` or `1M`.
    static func sampleCount(_ text: String) -> Int? {
        var digits = text.filter { $0 != "_" && $0 != "," }
        var scale = 1
        if digits.hasSuffix("k") {
            scale = 1_000
            digits.removeLast()
        } else if digits.hasSuffix("M") {
            scale = 1_000_000
            digits.removeLast()
        }
        guard let value = Int(digits) else { return nil }
        // Too large for an Int: still a count (refused by the range check), not a cell name.
        let (count, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? Int.max : count
    }

    /// A histogram as a line of block characters.
    static func sparkline(_ counts: [Int]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        guard let top = counts.max(), top > 0 else { return "" }
        return String(counts.map { count in count == 0 ? " " : blocks[min(7, count * 8 / (top + 1))] })
    }
}
