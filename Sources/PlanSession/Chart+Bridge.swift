import PlanCharts
import PlanCore
import PlanGraph

/// The chart of a bridge (`:bridge`, `:why`) as data, for `:export svg`: each input's share of the change as a
/// bar from zero, largest first; the two totals are in the title.
extension Chart {
    static func bridge(_ result: BridgeResult, from: String, to: String) -> Chart {
        let show = { (x: Double) in Value.format(x, unit: result.unit) }
        // A date's change is an amount of time, in months (base units: seconds).
        let scale = result.unit.isDate ? Timeline.monthSeconds : 1
        let axisUnit = result.unit.isDate ? Unit.atom(.month) : result.unit
        let bars = result.steps.map { Bar(label: $0.input, value: $0.effect * scale) }
        var method = ""
        switch result.method {
        case .exact(let inputs): method = "exact Shapley values over \(inputs) inputs"
        case .sampled(let inputs, let orders, let seed):
            method = "Shapley values over \(inputs) inputs sampled from \(orders) orders (seed \(seed))"
        }
        return Chart(
            title: "Why \(result.output) differs: \(from) \(show(result.start)) → \(to) \(show(result.end))",
            subtitle: "each input's share of the change (\(method)); the bars sum to the difference",
            panels: [
                ChartPanel(
                    plot: .bars(
                        BarPlot(axis: ValueAxis(label: "change in " + result.output, unit: axisUnit), bars: bars)))
            ],
            notes: result.unaffected.isEmpty
                ? [] : ["differ but do not reach \(result.output): " + result.unaffected.joined(separator: ", ")])
    }
}
