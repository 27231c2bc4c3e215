/// Horizontal bars and tornadoes: a category column on the left, bars from zero (or the baseline), the
/// value printed at each bar's end, the value axis below.
extension SVGRenderer {
    /// Draws horizontal bars from zero; returns the height used.
    func drawBars(_ plot: BarPlot, in frame: Frame, on canvas: inout SVGCanvas) -> Double {
        let numbers = ChartNumbers(plot.axis.unit)
        let labelWidth = min(frame.width * 0.35, (plot.bars.map { TextWidth.of($0.label, size: 12) }.max() ?? 0) + 12)
        let values = plot.bars.compactMap(\.value).filter(\.isFinite).map(numbers.shown)
        let ticks = Ticks.covering(min(0, values.min() ?? 0), max(0, values.max() ?? 1), count: 5)
        let valueLabels = plot.bars.map { $0.value.map(numbers.label) ?? "–" }
        let pad = (valueLabels.map { TextWidth.of($0, size: 11) }.max() ?? 0) + 8
        let left = frame.left + labelWidth
        let right = frame.left + frame.width
        let scale = LinearScale(
            domainLow: numbers.base(ticks.first ?? 0), domainHigh: numbers.base(ticks.last ?? 1),
            rangeLow: left + ((ticks.first ?? 0) < 0 ? pad : 0), rangeHigh: right - pad)
        let top = frame.top + 6
        let rowHeight = 28.0
        let bottom = top + rowHeight * Double(plot.bars.count)
        let zero = scale(0)
        drawValueAxis(
            plot.axis, ticks: ticks, numbers: numbers, scale: scale, top: top, bottom: bottom, on: &canvas)
        for (index, bar) in plot.bars.enumerated() {
            let rowTop = top + rowHeight * Double(index)
            canvas.text(
                TextWidth.fit(bar.label, width: labelWidth - 12, size: 12), x: left - 10, y: rowTop + 18, size: 12,
                anchor: .end, className: "category")
            guard let value = bar.value, value.isFinite else {
                canvas.text("– (could not be evaluated)", x: zero + 6, y: rowTop + 18, size: 11, fill: SVGCanvas.muted)
                continue
            }
            let end = scale(value)
            let fill = value < 0 ? "url(#\(hatchID))" : SVGCanvas.primary
            canvas.rect(
                min(zero, end), rowTop + 5, abs(end - zero), rowHeight - 10, fill: fill,
                stroke: SVGCanvas.primary, strokeWidth: 1)
            canvas.text(
                valueLabels[index], x: value < 0 ? end - 5 : end + 5, y: rowTop + 18, size: 11,
                anchor: value < 0 ? .end : .start, className: "value")
        }
        canvas.line(zero, top, zero, bottom, stroke: "#222222", width: 1.4)
        return bottom - frame.top + 44
    }

    /// Draws a tornado: per input, a hatched bar to the objective at the input's low end and a solid bar to
    /// it at the high end, both from the baseline; returns the height used.
    func drawTornado(_ plot: TornadoPlot, in frame: Frame, on canvas: inout SVGCanvas) -> Double {
        let numbers = ChartNumbers(plot.axis.unit)
        // The legend: what the two bars mean.
        let legendY = frame.top + 14
        canvas.rect(frame.left, legendY - 10, 22, 12, fill: "url(#\(hatchID))", stroke: SVGCanvas.primary)
        canvas.text(plot.lowLabel, x: frame.left + 28, y: legendY, size: 12, className: "legend")
        let second = frame.left + 28 + TextWidth.of(plot.lowLabel, size: 12) + 24
        canvas.rect(second, legendY - 10, 22, 12, fill: SVGCanvas.primary, stroke: SVGCanvas.primary)
        canvas.text(plot.highLabel, x: second + 28, y: legendY, size: 12, className: "legend")

        let labelWidth = min(
            frame.width * 0.36,
            (plot.rows.map { max(TextWidth.of($0.label, size: 12, bold: true), TextWidth.of($0.detail, size: 11)) }
                .max() ?? 0) + 14)
        var values = [numbers.shown(plot.baseline)]
        for row in plot.rows { values += [row.low, row.high].compactMap { $0 }.filter(\.isFinite).map(numbers.shown) }
        let ticks = Ticks.covering(values.min() ?? 0, values.max() ?? 1, count: 5)
        let endLabels = plot.rows.flatMap { [$0.low, $0.high].compactMap { $0 }.map(numbers.label) }
        let pad = (endLabels.map { TextWidth.of($0, size: 11) }.max() ?? 0) + 8
        let left = frame.left + labelWidth
        let right = frame.left + frame.width
        let scale = LinearScale(
            domainLow: numbers.base(ticks.first ?? 0), domainHigh: numbers.base(ticks.last ?? 1),
            rangeLow: left + pad, rangeHigh: right - pad)
        let top = frame.top + 48
        let rowHeight = 40.0
        let bottom = top + rowHeight * Double(plot.rows.count)
        // Every other row on a light band, under the grid, so a row's label and bars read as one.
        for index in plot.rows.indices where index % 2 == 1 {
            canvas.rect(frame.left, top + rowHeight * Double(index), frame.width, rowHeight, fill: "#f3f3f3")
        }
        drawValueAxis(plot.axis, ticks: ticks, numbers: numbers, scale: scale, top: top, bottom: bottom, on: &canvas)
        let base = scale(plot.baseline)
        for (index, row) in plot.rows.enumerated() {
            let rowTop = top + rowHeight * Double(index)
            canvas.text(
                TextWidth.fit(row.label, width: labelWidth - 14, size: 12, bold: true), x: frame.left, y: rowTop + 16,
                size: 12, bold: true, className: "category")
            canvas.text(
                TextWidth.fit(row.detail, width: labelWidth - 14, size: 11), x: frame.left, y: rowTop + 31, size: 11,
                fill: SVGCanvas.muted, className: "detail")
            for (value, offset, fill) in [
                (row.low, 7.0, "url(#\(hatchID))"), (row.high, 21.0, SVGCanvas.primary),
            ] {
                guard let value, value.isFinite else {
                    canvas.text("– failed", x: base + 4, y: rowTop + offset + 10, size: 11, fill: SVGCanvas.muted)
                    continue
                }
                let end = scale(value)
                let width = max(1, abs(end - base))
                canvas.rect(
                    end < base ? base - width : base, rowTop + offset, width, 12, fill: fill,
                    stroke: SVGCanvas.primary)
                canvas.text(
                    numbers.label(value), x: end < base ? base - width - 4 : base + width + 4,
                    y: rowTop + offset + 10, size: 11, anchor: end < base ? .end : .start, className: "value")
            }
        }
        canvas.line(base, top - 6, base, bottom, stroke: "#000000", width: 1.6)
        canvas.text(
            "now " + numbers.label(plot.baseline), x: base, y: top - 10, size: 12, anchor: .middle, bold: true,
            className: "baseline")
        return bottom - frame.top + 44
    }

    /// A horizontal value axis below `bottom`: grid lines up to `top`, ticks, labels and the axis title.
    func drawValueAxis(
        _ axis: ValueAxis, ticks: [Double], numbers: ChartNumbers, scale: LinearScale, top: Double, bottom: Double,
        on canvas: inout SVGCanvas
    ) {
        for (tick, label) in zip(ticks, numbers.tickLabels(ticks)) {
            let px = scale(numbers.base(tick))
            canvas.line(px, top, px, bottom, stroke: SVGCanvas.grid, width: 1)
            canvas.line(px, bottom, px, bottom + 5)
            canvas.text(label, x: px, y: bottom + 18, size: 12, anchor: .middle, className: "tick")
        }
        canvas.line(scale.rangeLow, bottom, scale.rangeHigh, bottom, stroke: "#444444", width: 1)
        canvas.text(
            axis.title, x: (scale.rangeLow + scale.rangeHigh) / 2, y: bottom + 38, size: 12, anchor: .middle,
            bold: true, fill: SVGCanvas.muted)
    }
}
