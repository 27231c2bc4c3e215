public import PlanCore

/// A chart as data: a title that says what was varied, one or more panels stacked top to bottom, and notes.
///
/// Values are kept in base units (dollars, seconds, plain shares), as the model keeps them; each axis names
/// the `Unit` its ticks and labels are shown in. A chart knows nothing of how it is drawn: `SVGRenderer`
/// draws it for the board, and the terminal views keep their own Unicode charts.
public struct Chart: Sendable, Equatable {
    /// What the chart shows and what was varied (`net_value as fte_cost varies from $50k/year to $80k/year`).
    public var title: String
    /// A second line: how to read it (`bars: each input swings on its own, the others held`).
    public var subtitle: String?
    /// The panels, top to bottom (several when outputs have different units, or one per simulated cell).
    public var panels: [ChartPanel]
    /// Lines printed under the chart (points that failed, outputs left out).
    public var notes: [String]

    /// Creates a chart.
    public init(title: String, subtitle: String? = nil, panels: [ChartPanel], notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.panels = panels
        self.notes = notes
    }

    /// The kinds of plot in the chart, in panel order, without repeats.
    public var kinds: [ChartKind] {
        var kinds: [ChartKind] = []
        for panel in panels where !kinds.contains(panel.plot.kind) { kinds.append(panel.plot.kind) }
        return kinds
    }
}

/// One panel of a chart: a heading and a plot with its own axes.
public struct ChartPanel: Sendable, Equatable {
    /// The panel's heading (`savings, risk`), or nil when the chart's title says it all.
    public var title: String?
    /// What is drawn.
    public var plot: Plot

    /// Creates a panel.
    public init(title: String? = nil, plot: Plot) {
        self.title = title
        self.plot = plot
    }
}

/// What a panel draws.
public enum Plot: Sendable, Equatable {
    /// Lines over an x-axis (a swept input, or months).
    case line(LinePlot)
    /// A median line inside its p5–p95 band (a simulated series).
    case fan(FanPlot)
    /// Horizontal bars from zero, one per category.
    case bars(BarPlot)
    /// A tornado: per input, the objective at the input's low and high ends around a baseline.
    case tornado(TornadoPlot)
    /// The distribution of Monte Carlo samples, with its percentiles marked.
    case histogram(HistogramPlot)
    /// A grid of values over two inputs, shaded light (low) to dark (high), each cell labelled.
    case heatMap(HeatMapPlot)

    /// The kind of plot.
    public var kind: ChartKind {
        switch self {
        case .line: return .line
        case .fan: return .fan
        case .bars: return .bars
        case .tornado: return .tornado
        case .histogram: return .histogram
        case .heatMap: return .heatMap
        }
    }
}

/// The kinds of plot, by name.
public enum ChartKind: String, Sendable, CaseIterable {
    /// Lines.
    case line
    /// A fan (p5/p50/p95 band).
    case fan
    /// Horizontal bars.
    case bars
    /// A tornado.
    case tornado
    /// A histogram.
    case histogram
    /// A two-way heat map.
    case heatMap = "heat map"
}

/// A numeric axis: what it measures and the unit its ticks are shown in.
public struct ValueAxis: Sendable, Equatable {
    /// What the axis measures (`net_value`, `share of samples`).
    public var label: String
    /// The unit ticks and values show in; values on the axis are in base units.
    public var unit: Unit

    /// Creates an axis.
    public init(label: String, unit: Unit) {
        self.label = label
        self.unit = unit
    }

    /// The axis title with its unit, `net_value ($/year)`; a plain number or a share shows no unit (a
    /// percentage's ticks carry `%` themselves).
    public var title: String {
        let symbol = unit.symbol
        return symbol.isEmpty || symbol == "%" ? label : "\(label) (\(symbol))"
    }
}

/// The horizontal axis of a line or fan plot.
public enum XAxis: Sendable, Equatable {
    /// A numeric axis with one position per point (base units), e.g. the values of a swept input.
    case values(ValueAxis, [Double])
    /// Evenly spaced labelled points (months `2025-06`, quarters, scenario names), with the axis title.
    case labels(String, [String])

    /// The number of points.
    public var count: Int {
        switch self {
        case .values(_, let positions): return positions.count
        case .labels(_, let labels): return labels.count
        }
    }

    /// A monthly axis of `count` months from `year`-`month` (1–12), labelled `2025-06`.
    public static func months(from year: Int, month: Int, count: Int, title: String = "month") -> XAxis {
        .labels(title, monthLabels(from: year, month: month, count: count))
    }

    /// The labels of `count` months from `year`-`month` on (`2024-11`, `2024-12`, `2025-01`, …).
    public static func monthLabels(from year: Int, month: Int, count: Int) -> [String] {
        let start = year * 12 + (month - 1)
        return (0..<max(0, count)).map { offset in
            let index = start + offset
            let shownMonth = index % 12 + 1
            return String(index / 12) + "-" + (shownMonth < 10 ? "0" : "") + String(shownMonth)
        }
    }
}

/// One line of a line plot.
public struct PlotSeries: Sendable, Equatable {
    /// The series' name, written beside its last point.
    public var label: String
    /// One value per x position (base units); nil where it could not be evaluated (the line breaks).
    public var values: [Double?]

    /// Creates a series.
    public init(label: String, values: [Double?]) {
        self.label = label
        self.values = values
    }
}

/// Lines over an x-axis; every series shares the y-axis (and so its dimension).
public struct LinePlot: Sendable, Equatable {
    /// The horizontal axis.
    public var x: XAxis
    /// The vertical axis.
    public var y: ValueAxis
    /// The lines; each has one value per x position.
    public var series: [PlotSeries]

    /// Creates a line plot.
    public init(x: XAxis, y: ValueAxis, series: [PlotSeries]) {
        self.x = x
        self.y = y
        self.series = series
    }
}

/// A fan: the median of a simulated series inside its band from the 5th to the 95th percentile.
public struct FanPlot: Sendable, Equatable {
    /// The horizontal axis.
    public var x: XAxis
    /// The vertical axis.
    public var y: ValueAxis
    /// The 5th percentile per point.
    public var p5: [Double?]
    /// The median per point.
    public var p50: [Double?]
    /// The 95th percentile per point.
    public var p95: [Double?]

    /// Creates a fan plot.
    public init(x: XAxis, y: ValueAxis, p5: [Double?], p50: [Double?], p95: [Double?]) {
        self.x = x
        self.y = y
        self.p5 = p5
        self.p50 = p50
        self.p95 = p95
    }
}

/// One labelled bar.
public struct Bar: Sendable, Equatable {
    /// The category.
    public var label: String
    /// Its value (base units), nil when it could not be evaluated.
    public var value: Double?

    /// Creates a bar.
    public init(label: String, value: Double?) {
        self.label = label
        self.value = value
    }
}

/// Horizontal bars from zero, each labelled with its value.
public struct BarPlot: Sendable, Equatable {
    /// The value axis.
    public var axis: ValueAxis
    /// The bars, top to bottom.
    public var bars: [Bar]

    /// Creates a bar plot.
    public init(axis: ValueAxis, bars: [Bar]) {
        self.axis = axis
        self.bars = bars
    }
}

/// One input of a tornado.
public struct TornadoRow: Sendable, Equatable {
    /// The input's name.
    public var label: String
    /// How it swings (`±10%: $54k/year → $66k/year`).
    public var detail: String
    /// The objective with the input at its low end (base units), nil when it failed there.
    public var low: Double?
    /// The objective with the input at its high end.
    public var high: Double?

    /// Creates a row.
    public init(label: String, detail: String, low: Double?, high: Double?) {
        self.label = label
        self.detail = detail
        self.low = low
        self.high = high
    }

    /// The width of the swing, |high − low| (against the baseline when one end is missing).
    public func swing(baseline: Double) -> Double {
        abs((high ?? baseline) - (low ?? baseline))
    }
}

/// A tornado: the objective at each input's low and high ends, around the baseline, widest swing first.
public struct TornadoPlot: Sendable, Equatable {
    /// The objective's axis.
    public var axis: ValueAxis
    /// The objective with every input at its value.
    public var baseline: Double
    /// The inputs, widest swing first.
    public var rows: [TornadoRow]
    /// What the low end means (`input at its low end (p5 or −10%)`).
    public var lowLabel: String
    /// What the high end means.
    public var highLabel: String

    /// Creates a tornado.
    public init(
        axis: ValueAxis, baseline: Double, rows: [TornadoRow], lowLabel: String = "input low",
        highLabel: String = "input high"
    ) {
        self.axis = axis
        self.baseline = baseline
        self.rows = rows
        self.lowLabel = lowLabel
        self.highLabel = highLabel
    }
}

/// A value marked on a histogram (a percentile, the mean).
public struct Marker: Sendable, Equatable {
    /// What it is (`p5`, `median`, `mean`).
    public var label: String
    /// Where (base units).
    public var value: Double

    /// Creates a marker.
    public init(label: String, value: Double) {
        self.label = label
        self.value = value
    }
}

/// The distribution of samples in equal-width bins from `low` to `high`.
public struct HistogramPlot: Sendable, Equatable {
    /// The value axis.
    public var axis: ValueAxis
    /// The left edge of the first bin (base units).
    public var low: Double
    /// The right edge of the last bin.
    public var high: Double
    /// Samples per bin.
    public var counts: [Int]
    /// Every sample counted, including those outside `low…high` (the shares are of this).
    public var total: Int
    /// Percentiles and the mean.
    public var markers: [Marker]
    /// The share of samples below zero, when zero is in sight and the share matters.
    public var belowZero: Double?

    /// Creates a histogram.
    public init(
        axis: ValueAxis, low: Double, high: Double, counts: [Int], total: Int, markers: [Marker],
        belowZero: Double? = nil
    ) {
        self.axis = axis
        self.low = low
        self.high = high
        self.counts = counts
        self.total = total
        self.markers = markers
        self.belowZero = belowZero
    }
}

/// Labelled categories along one side of a heat map.
public struct CategoryAxis: Sendable, Equatable {
    /// What varies along it (`fte_cost`).
    public var title: String
    /// One label per row or column (`$50k/year`).
    public var labels: [String]

    /// Creates a category axis.
    public init(title: String, labels: [String]) {
        self.title = title
        self.labels = labels
    }
}

/// One output over a grid of two inputs, shaded from light (lowest) to dark (highest).
public struct HeatMapPlot: Sendable, Equatable {
    /// The input down the rows.
    public var rows: CategoryAxis
    /// The input across the columns.
    public var columns: CategoryAxis
    /// What the cells show, and their unit.
    public var value: ValueAxis
    /// `values[row][column]` in base units; nil where the output could not be evaluated.
    public var values: [[Double?]]

    /// Creates a heat map.
    public init(rows: CategoryAxis, columns: CategoryAxis, value: ValueAxis, values: [[Double?]]) {
        self.rows = rows
        self.columns = columns
        self.value = value
        self.values = values
    }
}
