import PlanCore

/// Histograms: the share of samples per bin, with the percentiles and the mean marked and labelled, and
/// bins below zero hatched (a loss reads as a loss in print too).
extension SVGRenderer {
    /// The height of a histogram's plotting area.
    static let histogramHeight = 200.0

    /// Draws a histogram; returns the height used.
    func drawHistogram(_ plot: HistogramPlot, in frame: Frame, on canvas: inout SVGCanvas) -> Double {
        let numbers = ChartNumbers(plot.axis.unit)
        let shares = ChartNumbers(.percentage)
        let total = Double(max(1, plot.total))
        let largest = Double(plot.counts.max() ?? 0) / total
        let yTicks = Ticks.covering(0, max(largest * 100, 1), count: 4)
        let yLabels = shares.tickLabels(yTicks)
        let axisWidth = (yLabels.map { TextWidth.of($0, size: 12) }.max() ?? 20) + 10
        let left = frame.left + axisWidth
        let right = frame.left + frame.width - 12
        let labelRows = 3
        let top = frame.top + 26 + 14 * Double(labelRows)
        let bottom = top + Self.histogramHeight
        let (low, high) = Ticks.widened(plot.low, plot.high)
        let x = LinearScale(domainLow: low, domainHigh: high, rangeLow: left, rangeHigh: right)
        let y = LinearScale(
            domainLow: 0, domainHigh: (yTicks.last ?? 1) / 100, rangeLow: bottom, rangeHigh: top)
        canvas.text("share of samples", x: left - 4, y: frame.top + 12, size: 12, bold: true, fill: SVGCanvas.muted)
        for (tick, label) in zip(yTicks, yLabels) {
            let py = y(tick / 100)
            canvas.line(left, py, right, py, stroke: SVGCanvas.grid, width: 1)
            canvas.text(label, x: left - 6, y: py + 4, size: 12, anchor: .end, className: "tick")
        }
        // The bins.
        let width = plot.counts.isEmpty ? 0 : (high / 2 - low / 2) * 2 / Double(plot.counts.count)
        var anyBelowZero = false
        for (index, count) in plot.counts.enumerated() where count > 0 {
            let binLow = low + Double(index) * width
            let belowZero = binLow + width <= 0 && width > 0
            anyBelowZero = anyBelowZero || belowZero
            let px = x(binLow)
            let barWidth = max(1, x(binLow + width) - px - 1)
            let py = y(Double(count) / total)
            canvas.rect(
                px, py, barWidth, bottom - py, fill: belowZero ? "url(#\(hatchID))" : "#7f96ad",
                stroke: belowZero ? SVGCanvas.primary : nil, strokeWidth: 0.8)
        }
        canvas.line(left, bottom, right, bottom, stroke: "#444444", width: 1)
        canvas.line(left, top, left, bottom, stroke: "#444444", width: 1)
        let ticks = Ticks.inside(numbers.shown(low), numbers.shown(high), count: max(2, Int((right - left) / 95)))
        for (tick, label) in zip(ticks, numbers.tickLabels(ticks)) {
            let px = x(numbers.base(tick))
            canvas.line(px, bottom, px, bottom + 5)
            canvas.text(label, x: px, y: bottom + 18, size: 12, anchor: .middle, className: "tick")
        }
        canvas.text(
            plot.axis.title, x: (left + right) / 2, y: bottom + 38, size: 12, anchor: .middle, bold: true,
            fill: SVGCanvas.muted)
        if low < 0 && high > 0 {
            canvas.line(x(0), top, x(0), bottom, stroke: "#000000", width: 1.4)
        }
        drawMarkers(plot.markers, numbers: numbers, x: x, top: top, bottom: bottom, rows: labelRows, on: &canvas)
        var notes: [String] = []
        if let share = plot.belowZero {
            notes.append("below zero: " + shares.label(share) + " of samples" + (anyBelowZero ? " (hatched)" : ""))
        }
        for (index, note) in notes.enumerated() {
            canvas.text(
                note, x: right, y: frame.top + 12 + 14 * Double(index), size: 12, anchor: .end, bold: true,
                className: "annotation")
        }
        return bottom - frame.top + 44
    }

    /// Vertical lines at the markers, each labelled above the plot in the first row where it does not
    /// overlap a label already placed; markers within a few pixels of each other share one label
    /// (`p5, median, p95 $31.14M` when every sample is the same).
    private func drawMarkers(
        _ markers: [Marker], numbers: ChartNumbers, x: LinearScale, top: Double, bottom: Double, rows: Int,
        on canvas: inout SVGCanvas
    ) {
        var groups: [(px: Double, labels: [String], value: Double)] = []
        for marker in markers.sorted(by: { $0.value < $1.value }) where marker.value.isFinite {
            let px = min(max(x(marker.value), x.rangeLow), x.rangeHigh)
            let style = Self.markerStyle(marker.label)
            canvas.line(px, top, px, bottom, stroke: style.color, width: style.width, dash: style.dash)
            if let last = groups.last, abs(last.px - px) < 4 {
                groups[groups.count - 1].labels.append(marker.label)
            } else {
                groups.append((px, [marker.label], marker.value))
            }
        }
        var taken: [[(Double, Double)]] = Array(repeating: [], count: rows)
        let left = x.rangeLow
        let right = x.rangeHigh
        for group in groups {
            let text = group.labels.joined(separator: ", ") + " " + numbers.label(group.value)
            let half = TextWidth.of(text, size: 11) / 2 + 3
            // Kept inside the plot's width: a label at an edge is moved in, its leader still points at the line.
            let center = min(max(group.px, left + half), right - half)
            let span = (center - half, center + half)
            guard let row = taken.firstIndex(where: { placed in placed.allSatisfy { span.1 < $0.0 || span.0 > $0.1 } })
            else { continue }
            taken[row].append(span)
            let py = top - 6 - 14 * Double(row)
            canvas.line(group.px, py + 2, group.px, top, stroke: "#777777", width: 0.8, dash: "1 2")
            canvas.text(
                text, x: center, y: py - 2, size: 11, anchor: .middle, bold: group.labels.contains("median"),
                className: "marker")
        }
    }

    /// How a marker's line is drawn: the median solid, p5 and p95 dashed, the mean dotted.
    private static func markerStyle(_ label: String) -> (color: String, width: Double, dash: String?) {
        switch label {
        case "median", "p50": return (SVGCanvas.primary, 2.2, nil)
        case "mean": return ("#000000", 1.4, "2 3")
        default: return (SVGCanvas.secondary, 1.6, "6 3")
        }
    }
}
