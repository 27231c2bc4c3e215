import PlanCore

/// SVG text: escaping and number formatting for attributes and text nodes.
public enum SVG {
    /// Text escaped for an XML text node or a double-quoted attribute (`&`, `<`, `>`, `"`, `'`); characters
    /// XML 1.0 does not allow (control characters other than tab and newline) are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal (`12.5`, `300`).
    static func number(_ value: Double) -> String {
        NumberFormat.fixed(value.isFinite ? value : 0, decimals: 1)
    }
}

/// Rough text widths for layout (no font metrics are available): an average glyph of a sans-serif face
/// (Helvetica and Arial average about 0.47 of the size per character in these labels, DejaVu Sans 0.55).
enum TextWidth {
    /// The width of `text` at `size` pixels; bold is a little wider.
    static func of(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? 0.58 : 0.52)
    }

    /// `text` cut to fit `width` at `size`, ending with `…` when cut.
    static func fit(_ text: String, width: Double, size: Double, bold: Bool = false) -> String {
        guard of(text, size: size, bold: bold) > width else { return text }
        let keep = max(1, Int(width / (size * (bold ? 0.58 : 0.52))) - 1)
        return String(text.prefix(keep)) + "…"
    }

    /// `text` broken into lines of at most `width` at `size`, at spaces (a word longer than a line is cut).
    static func wrap(_ text: String, width: Double, size: Double, bold: Bool = false) -> [String] {
        let limit = max(8, Int(width / (size * (bold ? 0.58 : 0.52))))
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= limit {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { $0.count > limit ? String($0.prefix(limit - 1)) + "…" : $0 }
    }
}

/// How text is anchored at its x position.
enum Anchor: String {
    case start
    case middle
    case end
}

/// The elements of an SVG drawing, appended in painting order.
struct SVGCanvas {
    /// The elements, one per line.
    var elements: [String] = []

    /// The ink of text.
    static let ink = "#1a1a1a"
    /// Secondary text.
    static let muted = "#555555"
    /// The main data colour (a dark blue that prints as a dark grey).
    static let primary = "#1b3a5c"
    /// A second data colour (a dark orange that prints as a mid grey).
    static let secondary = "#a04a00"
    /// Grid lines.
    static let grid = "#d9d9d9"

    /// A text element.
    mutating func text(
        _ content: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, bold: Bool = false,
        fill: String = ink, rotate: Bool = false, className: String? = nil
    ) {
        var attributes = "x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" font-size=\"\(SVG.number(size))\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if fill != Self.ink { attributes += " fill=\"\(fill)\"" }
        if rotate { attributes += " transform=\"rotate(-90 \(SVG.number(x)) \(SVG.number(y)))\"" }
        if let className { attributes += " class=\"\(className)\"" }
        elements.append("<text \(attributes)>\(SVG.escape(content))</text>")
    }

    /// A straight line.
    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#444444", width: Double = 1,
        dash: String? = nil
    ) {
        var attributes =
            "x1=\"\(SVG.number(x1))\" y1=\"\(SVG.number(y1))\" x2=\"\(SVG.number(x2))\" y2=\"\(SVG.number(y2))\""
        attributes += " stroke=\"\(stroke)\" stroke-width=\"\(SVG.number(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        elements.append("<line \(attributes)/>")
    }

    /// A rectangle.
    mutating func rect(
        _ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, stroke: String? = nil,
        strokeWidth: Double = 1
    ) {
        var attributes = "x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\""
        attributes += " width=\"\(SVG.number(max(0, width)))\" height=\"\(SVG.number(max(0, height)))\""
        attributes += " fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\" stroke-width=\"\(SVG.number(strokeWidth))\"" }
        elements.append("<rect \(attributes)/>")
    }

    /// An open line through points.
    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, dash: String? = nil) {
        guard points.count >= 2 else { return }
        let list = points.map { SVG.number($0.0) + "," + SVG.number($0.1) }.joined(separator: " ")
        var attributes = "points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.number(width))\""
        attributes += " stroke-linejoin=\"round\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        elements.append("<polyline \(attributes)/>")
    }

    /// A closed, filled shape.
    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        guard points.count >= 3 else { return }
        let list = points.map { SVG.number($0.0) + "," + SVG.number($0.1) }.joined(separator: " ")
        let fade = opacity < 1 ? " fill-opacity=\"\(opacityText(opacity))\"" : ""
        elements.append("<polygon points=\"\(list)\" fill=\"\(fill)\"\(fade)/>")
    }

    /// A point marker of a series: circle, square, triangle, diamond or cross, `size` across.
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, size: Double = 7, color: String) {
        let half = size / 2
        switch shape {
        case .circle:
            elements.append(
                "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"\(SVG.number(half))\" fill=\"\(color)\"/>")
        case .square:
            rect(x - half, y - half, size, size, fill: "#ffffff", stroke: color, strokeWidth: 1.8)
        case .triangle:
            polygon([(x, y - half - 1), (x + half + 1, y + half), (x - half - 1, y + half)], fill: color)
        case .diamond:
            let points = [(x, y - half - 1), (x + half + 1, y), (x, y + half + 1), (x - half - 1, y)]
            let list = points.map { SVG.number($0.0) + "," + SVG.number($0.1) }.joined(separator: " ")
            elements.append(
                "<polygon points=\"\(list)\" fill=\"#ffffff\" stroke=\"\(color)\" stroke-width=\"1.8\"/>")
        case .cross:
            line(x - half, y - half, x + half, y + half, stroke: color, width: 2)
            line(x - half, y + half, x + half, y - half, stroke: color, width: 2)
        }
    }

    /// An opacity as text (`0.18`).
    private func opacityText(_ opacity: Double) -> String {
        NumberFormat.fixed(opacity, decimals: 2)
    }
}

/// The shape of a series' point markers.
enum MarkerShape: CaseIterable {
    case circle
    case square
    case triangle
    case diamond
    case cross
}

/// How a series is told apart without colour: its dash pattern and marker, and (also) a colour.
struct SeriesStyle {
    /// The line colour.
    var color: String
    /// The dash pattern, nil for solid.
    var dash: String?
    /// The marker shape.
    var marker: MarkerShape

    /// The style of the series at `index` (cycling after five).
    static func at(_ index: Int) -> SeriesStyle {
        let styles = [
            SeriesStyle(color: SVGCanvas.primary, dash: nil, marker: .circle),
            SeriesStyle(color: SVGCanvas.secondary, dash: "8 4", marker: .square),
            SeriesStyle(color: "#2e6b3a", dash: "2 3", marker: .triangle),
            SeriesStyle(color: "#6b2d5c", dash: "10 3 2 3", marker: .diamond),
            SeriesStyle(color: "#4d4d4d", dash: "14 4", marker: .cross),
        ]
        return styles[index % styles.count]
    }
}
