/// Draws a `Chart` as a standalone SVG, readable in print: black text on white, series told apart by dash
/// style, marker and a direct label (colour only helps), bars by pattern, heat-map cells by their printed
/// values, every axis with ticks at nice numbers and a title with its unit.
///
/// The layout is computed without font metrics, from an average glyph width; labels that would not fit are
/// cut with `…`. Text uses the system sans-serif (Helvetica, Arial, Liberation Sans or DejaVu Sans).
public struct SVGRenderer: Sendable {
    /// The drawing's width in pixels (its height follows from the content).
    public var width: Double
    /// A prefix for the ids of patterns and gradients, so that several charts can share one HTML page.
    public var idPrefix: String

    /// A renderer for drawings `width` pixels wide.
    public init(width: Double = 760, idPrefix: String = "chart") {
        self.width = width
        self.idPrefix = idPrefix.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        if self.idPrefix.isEmpty || self.idPrefix.first?.isLetter != true { self.idPrefix = "c" + self.idPrefix }
    }

    /// The outer margin.
    static let margin = 20.0

    /// A standalone SVG file: the XML declaration, the drawing, a final newline.
    public func document(_ chart: Chart) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(chart) + "\n"
    }

    /// The `<svg>` element alone (for inlining in HTML).
    public func svg(_ chart: Chart) -> String {
        var canvas = SVGCanvas()
        let inner = width - 2 * Self.margin
        var y = Self.margin
        for line in TextWidth.wrap(chart.title, width: inner, size: 18, bold: true) {
            y += 20
            canvas.text(line, x: Self.margin, y: y, size: 18, bold: true, className: "title")
            y += 4
        }
        if let subtitle = chart.subtitle {
            for line in TextWidth.wrap(subtitle, width: inner, size: 13) {
                y += 16
                canvas.text(line, x: Self.margin, y: y, size: 13, fill: SVGCanvas.muted, className: "subtitle")
            }
        }
        y += 8
        // Line and fan panels share their left axis and right label widths, so their x positions line up.
        var axisWidth = 0.0
        var labelWidth = 0.0
        for panel in chart.panels {
            guard let content = Self.lineContent(panel.plot) else { continue }
            let measured = PlotArea.measure(
                y: content.y, values: content.values, endLabels: content.labels, width: inner)
            axisWidth = max(axisWidth, measured.axisWidth)
            labelWidth = max(labelWidth, measured.labelWidth)
        }
        for panel in chart.panels {
            if let title = panel.title {
                y += 22
                canvas.text(
                    TextWidth.fit(title, width: inner, size: 14, bold: true), x: Self.margin, y: y, size: 14,
                    bold: true, className: "panel-title")
            }
            y += 8
            let frame = Frame(left: Self.margin, top: y, width: inner, axisWidth: axisWidth, labelWidth: labelWidth)
            y += draw(panel.plot, in: frame, on: &canvas)
            y += 8
        }
        for note in chart.notes {
            for line in TextWidth.wrap(note, width: inner, size: 12) {
                y += 16
                canvas.text(line, x: Self.margin, y: y, size: 12, fill: SVGCanvas.muted, className: "note")
            }
        }
        y += Self.margin
        let height = y.rounded(.up)
        let w = SVG.number(width)
        let h = SVG.number(height)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out += " role=\"img\" aria-labelledby=\"\(idPrefix)-title\" class=\"chart\">\n"
        out += "<title id=\"\(idPrefix)-title\">\(SVG.escape(chart.title))</title>\n"
        if let subtitle = chart.subtitle { out += "<desc>\(SVG.escape(subtitle))</desc>\n" }
        out += "<style>text{font-family:Helvetica,Arial,'Liberation Sans','DejaVu Sans',sans-serif}</style>\n"
        out += definitions() + "\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        out += canvas.elements.joined(separator: "\n")
        out += "\n</svg>"
        return out
    }

    /// The hatch pattern (bars at an input's low end, negative bars, missing cells) and the heat-map ramp.
    private func definitions() -> String {
        let hatch =
            "<pattern id=\"\(hatchID)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
            + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(SVGCanvas.primary)\" stroke-width=\"2.6\"/>"
            + "</pattern>"
        let grey =
            "<pattern id=\"\(missingID)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
            + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#bbbbbb\" stroke-width=\"1\"/></pattern>"
        let ramp =
            "<linearGradient id=\"\(rampID)\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">"
            + "<stop offset=\"0\" stop-color=\"\(HeatRamp.color(0))\"/>"
            + "<stop offset=\"0.5\" stop-color=\"\(HeatRamp.color(0.5))\"/>"
            + "<stop offset=\"1\" stop-color=\"\(HeatRamp.color(1))\"/></linearGradient>"
        return "<defs>" + hatch + grey + ramp + "</defs>"
    }

    /// The id of the hatch pattern.
    var hatchID: String { idPrefix + "-hatch" }
    /// The id of the pattern for missing values.
    var missingID: String { idPrefix + "-missing" }
    /// The id of the heat-map gradient.
    var rampID: String { idPrefix + "-ramp" }

    /// Draws one plot in `frame` and returns the height it took.
    private func draw(_ plot: Plot, in frame: Frame, on canvas: inout SVGCanvas) -> Double {
        switch plot {
        case .line(let line): return drawLines(line, in: frame, on: &canvas)
        case .fan(let fan): return drawFan(fan, in: frame, on: &canvas)
        case .bars(let bars): return drawBars(bars, in: frame, on: &canvas)
        case .tornado(let tornado): return drawTornado(tornado, in: frame, on: &canvas)
        case .histogram(let histogram): return drawHistogram(histogram, in: frame, on: &canvas)
        case .heatMap(let map): return drawHeatMap(map, in: frame, on: &canvas)
        }
    }
}

/// Where a panel's plot goes: its left edge, top and width (its height is the plot's to choose).
struct Frame {
    /// The left edge.
    var left: Double
    /// The top.
    var top: Double
    /// The width.
    var width: Double
    /// The least width of a left value axis (its tick labels), shared by the panels of a chart.
    var axisWidth = 0.0
    /// The least width kept right of a plot for labels, shared by the panels of a chart.
    var labelWidth = 0.0
}

/// A linear map from values to pixels.
struct LinearScale {
    /// The value at the start of the range.
    var domainLow: Double
    /// The value at its end.
    var domainHigh: Double
    /// The pixel of `domainLow`.
    var rangeLow: Double
    /// The pixel of `domainHigh`.
    var rangeHigh: Double

    /// The pixel of `value` (computed on halves, so a domain from −1e308 to 1e308 does not overflow).
    func callAsFunction(_ value: Double) -> Double {
        let span = domainHigh / 2 - domainLow / 2
        guard span > 0 else { return (rangeLow + rangeHigh) / 2 }
        return rangeLow + (value / 2 - domainLow / 2) / span * (rangeHigh - rangeLow)
    }
}

/// The heat map's colours: a light to dark blue ramp whose lightness alone orders the values.
enum HeatRamp {
    /// The colour at `fraction` (0 lowest, 1 highest) as `#rrggbb`.
    static func color(_ fraction: Double) -> String {
        let t = min(1, max(0, fraction.isFinite ? fraction : 0))
        let low = (0xEE, 0xF3, 0xF8)
        let high = (0x1B, 0x3A, 0x5C)
        let mix = { (a: Int, b: Int) in Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return "#" + hex(mix(low.0, high.0)) + hex(mix(low.1, high.1)) + hex(mix(low.2, high.2))
    }

    /// Two hex digits.
    private static func hex(_ value: Int) -> String {
        let digits = Array("0123456789abcdef")
        let clamped = min(255, max(0, value))
        return String(digits[clamped / 16]) + String(digits[clamped % 16])
    }
}
