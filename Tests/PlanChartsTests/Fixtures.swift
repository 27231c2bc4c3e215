import Foundation
import PlanCharts
import PlanCore

/// Units the chart tests use, built from the language's own parser and evaluator would pull in more than
/// PlanCharts needs: these are the exponents written out.
enum TestUnits {
    /// `$/year`.
    static var dollarsPerYear: PlanCore.Unit {
        var exponents = SIMD16<Int8>.zero
        exponents[PlanCore.Unit.Atom.dollar.rawValue] = 1
        exponents[PlanCore.Unit.Atom.year.rawValue] = -1
        return PlanCore.Unit(exponents: exponents)
    }

    /// `$`.
    static var dollars: PlanCore.Unit { .atom(.dollar) }

    /// One year in seconds (the base unit of time).
    static let year = 365.25 * 86_400.0
}

/// One chart of every kind, with the awkward cases a board report meets: money per year, shares, a
/// monthly axis of three years, a missing value, a negative bar, text that needs escaping.
enum SampleCharts {
    /// Money per year in base units ($/s).
    static func perYear(_ dollars: Double) -> Double { dollars / TestUnits.year }

    /// A line chart over 36 months.
    static var line: Chart {
        let months = XAxis.months(from: 2024, month: 1, count: 36)
        let net = (0..<36).map { month -> Double? in month == 17 ? nil : perYear(-2e6 + Double(month) * 4.5e5) }
        let cost = (0..<36).map { month -> Double? in perYear(3e6 + 2e5 * Double(month % 12)) }
        return Chart(
            title: "monthly_net and transition_cost by month, 2024-01 to 2026-12",
            subtitle: "a line per cell; the gap is a month that could not be evaluated",
            panels: [
                ChartPanel(
                    plot: .line(
                        LinePlot(
                            x: months,
                            y: ValueAxis(label: "monthly_net, transition_cost", unit: TestUnits.dollarsPerYear),
                            series: [
                                PlotSeries(label: "monthly_net", values: net),
                                PlotSeries(label: "transition_cost", values: cost),
                            ]))),
                ChartPanel(
                    title: "agents",
                    plot: .line(
                        LinePlot(
                            x: months, y: ValueAxis(label: "agents", unit: .plain),
                            series: [PlotSeries(label: "agents", values: (0..<36).map { 3000 - Double($0) * 60 })]))),
            ])
    }

    /// A fan of a simulated series.
    static var fan: Chart {
        let median = (0..<36).map { perYear(Double($0) * 1.2e6 - 8e6) }
        return Chart(
            title: "cumulative_net by month: 90% of 10000 samples between the dashed lines",
            panels: [
                ChartPanel(
                    plot: .fan(
                        FanPlot(
                            x: XAxis.months(from: 2024, month: 1, count: 36),
                            y: ValueAxis(label: "cumulative_net", unit: TestUnits.dollarsPerYear),
                            p5: median.enumerated().map { $1 - perYear(2e5 * Double($0)) },
                            p50: median,
                            p95: median.enumerated().map { $1 + perYear(3e5 * Double($0)) })))
            ])
    }

    /// Horizontal bars with a negative one.
    static var bars: Chart {
        Chart(
            title: "net_value by scenario",
            panels: [
                ChartPanel(
                    plot: .bars(
                        BarPlot(
                            axis: ValueAxis(label: "net_value", unit: TestUnits.dollarsPerYear),
                            bars: [
                                Bar(label: "klarna-2024", value: perYear(31.14e6)),
                                Bar(label: "klarna-2025", value: perYear(12.5e6)),
                                Bar(label: "all-AI <stress> & \"test\"", value: perYear(-4.2e6)),
                                Bar(label: "broken", value: nil),
                            ])))
            ])
    }

    /// A tornado.
    static var tornado: Chart {
        let base = perYear(31.14e6)
        return Chart(
            title: "What moves net_value most",
            subtitle: "each input swings on its own, the others held",
            panels: [
                ChartPanel(
                    plot: .tornado(
                        TornadoPlot(
                            axis: ValueAxis(label: "net_value", unit: TestUnits.dollarsPerYear), baseline: base,
                            rows: [
                                TornadoRow(
                                    label: "csat_human", detail: "±10%: 84.6%/81%/76.5% → 100%/99%/93.5%",
                                    low: perYear(49.51e6), high: perYear(17.51e6)),
                                TornadoRow(
                                    label: "fte_cost", detail: "±10%: $54k/year → $66k/year", low: perYear(26.94e6),
                                    high: perYear(35.35e6)),
                                TornadoRow(label: "clv", detail: "p5–p95: $250 → $900", low: base, high: nil),
                            ])))
            ], notes: ["no effect: handoff_time"])
    }

    /// A histogram with samples below zero.
    static var histogram: Chart {
        let counts = (0..<30).map { bin in Int(1000 * exp(-Double((bin - 12) * (bin - 12)) / 40)) }
        return Chart(
            title: "Monte Carlo: net_value over 10000 samples (seed 1)",
            panels: [
                ChartPanel(
                    title: "net_value: mean $8M/year",
                    plot: .histogram(
                        HistogramPlot(
                            axis: ValueAxis(label: "net_value", unit: TestUnits.dollarsPerYear), low: perYear(-10e6),
                            high: perYear(30e6), counts: counts, total: counts.reduce(0, +),
                            markers: [
                                Marker(label: "p5", value: perYear(-2e6)), Marker(label: "median", value: perYear(6e6)),
                                Marker(label: "p95", value: perYear(18e6)),
                                Marker(label: "mean", value: perYear(6.4e6)),
                            ], belowZero: 0.083)))
            ])
    }

    /// A heat map with a missing cell.
    static var heatMap: Chart {
        let rows = ["0%", "10%", "20%", "30%"]
        let columns = ["$50k/year", "$60k/year", "$70k/year"]
        let values = rows.indices.map { row in
            columns.indices.map { column -> Double? in
                row == 3 && column == 0 ? nil : perYear(20e6 + Double(row) * 3e6 + Double(column) * 7e6)
            }
        }
        return Chart(
            title: "net_value as ai_resolution.complex and fte_cost vary",
            panels: [
                ChartPanel(
                    plot: .heatMap(
                        HeatMapPlot(
                            rows: CategoryAxis(title: "ai_resolution.complex", labels: rows),
                            columns: CategoryAxis(title: "fte_cost", labels: columns),
                            value: ValueAxis(label: "net_value", unit: TestUnits.dollarsPerYear), values: values)))
            ])
    }

    /// Every sample, by file name.
    static var all: [(String, Chart)] {
        [
            ("sample_line", line), ("sample_fan", fan), ("sample_bars", bars), ("sample_tornado", tornado),
            ("sample_histogram", histogram), ("sample_heatmap", heatMap),
        ]
    }
}
