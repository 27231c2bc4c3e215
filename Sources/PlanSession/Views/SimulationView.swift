import PlanCore
import PlanGraph

/// `:simulate` as text: one row per cell with mean, p5, p50, p95, P(< 0) and a histogram, and a note for
/// each cell whose samples partly failed.
///
/// Fitting the width: the histogram takes 16 bins, fewer (down to 8) when the row would be too wide;
/// after that the table splits its columns into groups as `TextTable` does.
struct SimulationView {
    /// The simulated cells.
    let outputs: [SimulatedOutput]
    /// The number of samples.
    let samples: Int
    /// The seed.
    let seed: UInt64

    /// The table laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        var rows: [[String]] = [["name", "mean", "p5", "p50", "p95", "P(< 0)"]]
        var summaries: [SampleSummary] = []
        var notes: [String] = []
        for output in outputs {
            var values = output.samples
            let summary = summarize(&values)
            summaries.append(summary)
            // A date's mean is shown as its nearest month (`2024-03`), not as a month number.
            let format = { (value: Double) in
                value.isNaN ? "–" : Value.format(output.unit.isDate ? value.rounded() : value, unit: output.unit)
            }
            rows.append([
                output.name, format(summary.mean), format(summary.p5), format(summary.p50), format(summary.p95),
                summary.probabilityBelowZero.isNaN
                    ? "–" : NumberFormat.significant(summary.probabilityBelowZero * 100, 3) + "%",
            ])
            if summary.failures > 0 {
                notes.append(
                    "  \(output.name): \(summary.failures) of \(samples) samples failed (division by zero or a result"
                        + " that is not finite) and are left out")
            }
        }
        let room = width - TextTable(rows).naturalWidth - TextTable.gap
        let bins = max(8, min(16, room))
        rows[0].append("distribution")
        for (index, summary) in summaries.enumerated() {
            rows[index + 1].append(Charts.histogram(summary.histogram(bins: bins)))
        }
        let header = "  \(samples) samples, seed \(seed)"
        return ([header, TextTable(rows).render(width: width)] + notes.map { TextLayout.fit($0, width: width) })
            .joined(separator: "\n")
    }
}
