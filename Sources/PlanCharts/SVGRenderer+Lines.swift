/// Line and fan plots: a value axis on the left, an x-axis of values or labels (months) below, direct
/// labels at the right end of each line.
extension SVGRenderer {
    /// The height of the plotting area of a line or fan plot.
    static let lineHeight = 260.0

    /// The values and end labels of a line or fan plot (nil for other plots), for `PlotArea`.
    static func lineContent(_ plot: Plot) -> (x: XAxis, y: ValueAxis, values: [Double], labels: [String])? {
        switch plot {
        case .line(let line):
            let values = line.series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
            return (line.x, line.y, values, line.series.map(\.label))
        case .fan(let fan):
            let values = (fan.p5 + fan.p50 + fan.p95).compactMap { $0 }.filter(\.isFinite)
            return (fan.x, fan.y, values, ["median", "p95", "p5"])
        default: return nil
        }
    }

    /// Draws lines; returns the height used.
    func drawLines(_ plot: LinePlot, in frame: Frame, on canvas: inout SVGCanvas) -> Double {
        let values = plot.series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        let labels = plot.series.map(\.label)
        var area = PlotArea(x: plot.x, y: plot.y, values: values, endLabels: labels, frame: frame)
        area.drawAxes(on: &canvas)
        var ends: [(label: String, y: Double, style: SeriesStyle)] = []
        for (index, series) in plot.series.enumerated() {
            let style = SeriesStyle.at(index)
            let points = area.points(series.values)
            for segment in PlotArea.segments(points) {
                canvas.polyline(segment, stroke: style.color, width: 2.2, dash: style.dash)
            }
            if series.values.count <= 40 {
                for case (let x, let y)? in points { canvas.marker(style.marker, x: x, y: y, color: style.color) }
            }
            if let last = points.last(where: { $0 != nil }) ?? nil { ends.append((series.label, last.1, style)) }
        }
        area.drawEndLabels(ends.map { ($0.label, $0.y, $0.style.color) }, on: &canvas)
        return area.height
    }

    /// Draws a fan (median line in its p5–p95 band); returns the height used.
    func drawFan(_ plot: FanPlot, in frame: Frame, on canvas: inout SVGCanvas) -> Double {
        let values = (plot.p5 + plot.p50 + plot.p95).compactMap { $0 }.filter(\.isFinite)
        var area = PlotArea(x: plot.x, y: plot.y, values: values, endLabels: ["median", "p95", "p5"], frame: frame)
        area.drawAxes(on: &canvas)
        let lows = area.points(plot.p5)
        let highs = area.points(plot.p95)
        // The band: p95 left to right, then p5 right to left, for each run where both are known.
        var run: [((Double, Double), (Double, Double))] = []
        let flush = { (run: [((Double, Double), (Double, Double))], canvas: inout SVGCanvas) in
            guard run.count >= 2 else { return }
            canvas.polygon(run.map(\.0) + run.map(\.1).reversed(), fill: SVGCanvas.primary, opacity: 0.16)
        }
        for index in lows.indices {
            if let low = lows[index], let high = highs[index] {
                run.append((high, low))
            } else {
                flush(run, &canvas)
                run = []
            }
        }
        flush(run, &canvas)
        let medians = area.points(plot.p50)
        var ends: [(String, Double, String)] = []
        for (points, label, dash, width) in [
            (highs, "p95", "6 3", 1.4), (lows, "p5", "6 3", 1.4), (medians, "median", nil, 2.6),
        ] {
            for segment in PlotArea.segments(points) {
                canvas.polyline(segment, stroke: SVGCanvas.primary, width: width, dash: dash)
            }
            if let last = points.last(where: { $0 != nil }) ?? nil { ends.append((label, last.1, SVGCanvas.primary)) }
        }
        area.drawEndLabels(ends, on: &canvas)
        return area.height
    }
}

/// The layout of a plot with a value axis on the left and an x-axis below.
struct PlotArea {
    /// The x-axis.
    let x: XAxis
    /// The y-axis.
    let y: ValueAxis
    /// The ticks of the y-axis, in shown numbers.
    let yTicks: [Double]
    /// Numbers on the y-axis.
    let yNumbers: ChartNumbers
    /// The y scale, from base units to pixels.
    let yScale: LinearScale
    /// The plotting rectangle.
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    /// The frame's top.
    let frameTop: Double
    /// The width kept right of the plot for end labels.
    let labelWidth: Double

    /// Lays out a plot of `values` (base units) with end labels `endLabels`; the frame's `axisWidth` and
    /// `labelWidth` are minimums, so that panels stacked in one chart share their x positions.
    init(x: XAxis, y: ValueAxis, values: [Double], endLabels: [String], frame: Frame) {
        self.x = x
        self.y = y
        let measured = Self.measure(y: y, values: values, endLabels: endLabels, width: frame.width)
        yNumbers = ChartNumbers(y.unit)
        yTicks = measured.ticks
        let axisWidth = max(measured.axisWidth, frame.axisWidth)
        labelWidth = max(measured.labelWidth, frame.labelWidth)
        frameTop = frame.top
        left = frame.left + axisWidth
        right = frame.left + frame.width - max(labelWidth, 12)
        top = frame.top + 24
        bottom = top + SVGRenderer.lineHeight
        yScale = LinearScale(
            domainLow: yNumbers.base(yTicks.first ?? 0), domainHigh: yNumbers.base(yTicks.last ?? 1),
            rangeLow: bottom, rangeHigh: top)
    }

    /// The y ticks (shown numbers), the width of their labels and the width of the end labels.
    static func measure(
        y: ValueAxis, values: [Double], endLabels: [String], width: Double
    ) -> (ticks: [Double], axisWidth: Double, labelWidth: Double) {
        let numbers = ChartNumbers(y.unit)
        let shown = values.map(numbers.shown)
        var low = shown.min() ?? 0
        var high = shown.max() ?? 1
        // Zero in sight when the data come within one span of it: the board reads heights from zero.
        if low > 0 && low < high - low { low = 0 }
        if high < 0 && -high < high - low { high = 0 }
        let ticks = Ticks.covering(low, high, count: 5)
        let axisWidth = (numbers.tickLabels(ticks).map { TextWidth.of($0, size: 12) }.max() ?? 20) + 10
        let labelWidth = min(width * 0.3, (endLabels.map { TextWidth.of($0, size: 12) }.max() ?? 0) + 14)
        return (ticks, axisWidth, labelWidth)
    }

    /// The height used, from the frame's top to below the x-axis title.
    var height: Double { bottom - frameTop + 44 }

    /// The pixel of point `index` along the x-axis.
    func xPosition(_ index: Int) -> Double {
        switch x {
        case .values(_, let positions):
            let (low, high) = Ticks.widened(positions.min() ?? 0, positions.max() ?? 1)
            return LinearScale(domainLow: low, domainHigh: high, rangeLow: left, rangeHigh: right)(positions[index])
        case .labels(_, let labels):
            guard labels.count > 1 else { return (left + right) / 2 }
            return left + Double(index) * (right - left) / Double(labels.count - 1)
        }
    }

    /// The pixels of a series' points, nil where a value is missing or not finite.
    func points(_ values: [Double?]) -> [(Double, Double)?] {
        values.indices.map { index in
            guard index < x.count, let value = values[index], value.isFinite else { return nil }
            return (xPosition(index), yScale(value))
        }
    }

    /// The runs of known points (a missing value breaks the line).
    static func segments(_ points: [(Double, Double)?]) -> [[(Double, Double)]] {
        var segments: [[(Double, Double)]] = [[]]
        for point in points {
            if let point {
                segments[segments.count - 1].append(point)
            } else if !(segments.last?.isEmpty ?? true) {
                segments.append([])
            }
        }
        return segments.filter { $0.count >= 1 }
    }

    /// Grid lines, both axes with their ticks, labels and titles.
    mutating func drawAxes(on canvas: inout SVGCanvas) {
        canvas.text(y.title, x: left - 4, y: frameTop + 12, size: 12, bold: true, fill: SVGCanvas.muted)
        let labels = yNumbers.tickLabels(yTicks)
        for (tick, label) in zip(yTicks, labels) {
            let py = yScale(yNumbers.base(tick))
            canvas.line(left, py, right, py, stroke: tick == 0 ? "#666666" : SVGCanvas.grid, width: tick == 0 ? 1.2 : 1)
            canvas.text(label, x: left - 6, y: py + 4, size: 12, anchor: .end, className: "tick")
        }
        canvas.line(left, bottom, right, bottom, stroke: "#444444", width: 1)
        canvas.line(left, top, left, bottom, stroke: "#444444", width: 1)
        switch x {
        case .values(let axis, let positions):
            let numbers = ChartNumbers(axis.unit)
            let (low, high) = Ticks.widened(positions.min() ?? 0, positions.max() ?? 1)
            let count = max(2, Int((right - left) / 90))
            let ticks = Ticks.inside(numbers.shown(low), numbers.shown(high), count: count)
            let scale = LinearScale(domainLow: low, domainHigh: high, rangeLow: left, rangeHigh: right)
            for (tick, label) in zip(ticks, numbers.tickLabels(ticks)) {
                let px = scale(numbers.base(tick))
                canvas.line(px, bottom, px, bottom + 5)
                canvas.text(label, x: px, y: bottom + 18, size: 12, anchor: .middle, className: "tick")
            }
            canvas.text(
                axis.title, x: (left + right) / 2, y: bottom + 38, size: 12, anchor: .middle, bold: true,
                fill: SVGCanvas.muted)
        case .labels(let title, let labels):
            let widest = (labels.map { TextWidth.of($0, size: 12) }.max() ?? 0) + 10
            let spacing = labels.count > 1 ? (right - left) / Double(labels.count - 1) : right - left
            // Months are labelled every 1, 2, 3, 6 or 12 months (quarters and years line up); others may skip 4.
            let isMonths = labels.allSatisfy { $0.count == 7 && $0.dropFirst(4).first == "-" }
            let choices = isMonths ? [1, 2, 3, 6, 12, 24, 60, 120] : [1, 2, 3, 4, 5, 10, 20, 50, 100]
            let every = choices.first { Double($0) * spacing >= widest } ?? max(1, labels.count)
            for (index, label) in labels.enumerated() {
                let px = xPosition(index)
                canvas.line(px, bottom, px, bottom + (index % every == 0 ? 5 : 2.5))
                if index % every == 0 {
                    canvas.text(label, x: px, y: bottom + 18, size: 12, anchor: .middle, className: "tick")
                }
            }
            canvas.text(
                title, x: (left + right) / 2, y: bottom + 38, size: 12, anchor: .middle, bold: true,
                fill: SVGCanvas.muted)
        }
    }

    /// Labels at the right ends of lines, moved apart vertically so that they do not overlap.
    func drawEndLabels(_ ends: [(String, Double, String)], on canvas: inout SVGCanvas) {
        let order = ends.indices.sorted { ends[$0].1 < ends[$1].1 }
        let placed = Self.spread(order.map { ends[$0].1 }, gap: 14, low: top + 4, high: bottom + 4)
        let x = right + 8
        for (slot, index) in order.enumerated() {
            let (label, _, color) = ends[index]
            canvas.text(
                TextWidth.fit(label, width: labelWidth - 8, size: 12), x: x, y: placed[slot] + 4, size: 12,
                fill: color, className: "series-label")
        }
    }

    /// Positions (sorted ascending) moved apart to at least `gap`, kept within `low…high` where there is room.
    static func spread(_ positions: [Double], gap: Double, low: Double, high: Double) -> [Double] {
        var placed = positions
        for index in placed.indices {
            if index > 0 { placed[index] = max(placed[index], placed[index - 1] + gap) }
        }
        if let last = placed.last, last > high {
            let shift = last - high
            for index in placed.indices { placed[index] -= shift }
            for index in placed.indices.reversed() where index < placed.count - 1 {
                placed[index] = min(placed[index], placed[index + 1] - gap)
            }
        }
        if let first = placed.first, first < low {
            let shift = low - first
            for index in placed.indices { placed[index] += shift }
        }
        return placed
    }
}
