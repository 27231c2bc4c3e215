/// Heat maps: one output over two inputs, each cell shaded light (low) to dark (high) and printed with its
/// value, the highest cell outlined, a legend from lowest to highest.
extension SVGRenderer {
    /// Draws a heat map; returns the height used.
    func drawHeatMap(_ plot: HeatMapPlot, in frame: Frame, on canvas: inout SVGCanvas) -> Double {
        let numbers = ChartNumbers(plot.value.unit)
        let rowCount = plot.rows.labels.count
        let columnCount = max(1, plot.columns.labels.count)
        let labelWidth = min(
            frame.width * 0.3,
            max(
                TextWidth.of(plot.rows.title + " ↓", size: 12, bold: true),
                plot.rows.labels.map { TextWidth.of($0, size: 11) }.max() ?? 0) + 12)
        let left = frame.left + labelWidth
        let cellWidth = (frame.width - labelWidth) / Double(columnCount)
        let cellHeight = rowCount > 24 ? max(8, 600 / Double(rowCount)) : 26
        let gridTop = frame.top + 44
        // The column input over the grid, its values thinned so they do not overlap.
        canvas.text(
            TextWidth.fit(plot.columns.title + " →", width: frame.width - labelWidth, size: 12, bold: true),
            x: left + (frame.width - labelWidth) / 2, y: frame.top + 14, size: 12, anchor: .middle, bold: true,
            className: "axis-title")
        let widest = (plot.columns.labels.map { TextWidth.of($0, size: 11) }.max() ?? 0) + 6
        let every = max(1, Int((widest / cellWidth).rounded(.up)))
        for (index, label) in plot.columns.labels.enumerated() where index % every == 0 {
            canvas.text(
                label, x: left + cellWidth * (Double(index) + 0.5), y: gridTop - 8, size: 11, anchor: .middle,
                className: "tick")
        }
        canvas.text(
            TextWidth.fit(plot.rows.title + " ↓", width: labelWidth - 8, size: 12, bold: true), x: left - 8,
            y: gridTop - 8, size: 12, anchor: .end, bold: true, className: "axis-title")
        let rowEvery = cellHeight >= 13 ? 1 : Int((13 / cellHeight).rounded(.up))
        let finite = plot.values.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
        let lowest = finite.min() ?? 0
        let highest = finite.max() ?? 0
        var best: (Int, Int)?
        for (row, values) in plot.values.enumerated() {
            let top = gridTop + cellHeight * Double(row)
            if row < plot.rows.labels.count && row % rowEvery == 0 {
                canvas.text(
                    TextWidth.fit(plot.rows.labels[row], width: labelWidth - 12, size: 11), x: left - 8,
                    y: top + cellHeight / 2 + 4, size: 11, anchor: .end, className: "tick")
            }
            for (column, value) in values.enumerated() where column < columnCount {
                let x = left + cellWidth * Double(column)
                guard let value, value.isFinite else {
                    canvas.rect(x, top, cellWidth, cellHeight, fill: "url(#\(missingID))", stroke: "#ffffff")
                    if cellHeight >= 13 {
                        canvas.text("–", x: x + cellWidth / 2, y: top + cellHeight / 2 + 4, size: 11, anchor: .middle)
                    }
                    continue
                }
                if value == highest && best == nil { best = (row, column) }
                let fraction = highest > lowest ? (value / 2 - lowest / 2) / (highest / 2 - lowest / 2) : 0.5
                canvas.rect(x, top, cellWidth, cellHeight, fill: HeatRamp.color(fraction), stroke: "#ffffff")
                let label = numbers.label(value)
                if cellHeight >= 13 && TextWidth.of(label, size: 11) <= cellWidth - 4 {
                    canvas.text(
                        label, x: x + cellWidth / 2, y: top + cellHeight / 2 + 4, size: 11, anchor: .middle,
                        fill: fraction > 0.5 ? "#ffffff" : SVGCanvas.ink, className: "cell")
                }
            }
        }
        if let (row, column) = best {
            canvas.rect(
                left + cellWidth * Double(column) + 1.5, gridTop + cellHeight * Double(row) + 1.5, cellWidth - 3,
                cellHeight - 3, fill: "none", stroke: "#e07b00", strokeWidth: 3)
        }
        // The legend: what the cells show, the ramp from lowest to highest, the outline.
        let legendTop = gridTop + cellHeight * Double(rowCount) + 16
        canvas.text(
            "cells: " + plot.value.title, x: frame.left, y: legendTop + 10, size: 12, bold: true,
            fill: SVGCanvas.muted)
        var x = frame.left + TextWidth.of("cells: " + plot.value.title, size: 12, bold: true) + 16
        let lowText = "lowest " + numbers.label(lowest)
        canvas.text(lowText, x: x, y: legendTop + 10, size: 12)
        x += TextWidth.of(lowText, size: 12) + 6
        canvas.rect(x, legendTop, 120, 12, fill: "url(#\(rampID))", stroke: "#888888", strokeWidth: 0.6)
        x += 126
        let highText = "highest " + numbers.label(highest)
        canvas.text(highText, x: x, y: legendTop + 10, size: 12)
        x += TextWidth.of(highText, size: 12) + 16
        if best != nil {
            canvas.rect(x, legendTop - 1, 22, 14, fill: "none", stroke: "#e07b00", strokeWidth: 3)
            canvas.text("outlined: the highest", x: x + 28, y: legendTop + 10, size: 12)
        }
        return legendTop + 20 - frame.top
    }
}
