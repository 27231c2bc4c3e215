import Foundation
import FoundationXML
import PlanCharts
import PlanCore
import Testing

/// The text of every `<text>` element of an SVG, and whether it parsed as XML.
private final class SVGReader: NSObject, XMLParserDelegate {
    var texts: [String] = []
    var elements: [String: Int] = [:]
    var attributes: [[String: String]] = []
    private var current: String?

    static func read(_ svg: String) -> (ok: Bool, reader: SVGReader, error: String) {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        let ok = parser.parse()
        return (ok, reader, parser.parserError.map { "\($0)" } ?? "")
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        elements[name, default: 0] += 1
        self.attributes.append(attributes)
        if name == "text" || name == "title" { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" || name == "title", let text = current { texts.append(text) }
        current = nil
    }
}

@Suite("SVG")
struct SVGTests {
    @Test(
        "every kind is a well-formed, standalone SVG with its title, axes and labels",
        arguments: SampleCharts.all.map(\.0))
    func wellFormed(name: String) throws {
        let chart = try #require(SampleCharts.all.first { $0.0 == name }?.1)
        let document = SVGRenderer().document(chart)
        #expect(
            document.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let (ok, reader, error) = SVGReader.read(document)
        #expect(ok, "\(name): \(error)")
        #expect(reader.texts.contains(chart.title) || reader.texts.contains { chart.title.hasPrefix($0) })
        #expect(!document.contains("nan") && !document.contains("inf"), "a coordinate is not a number")
        // Sizes: the drawing is as wide as asked, its height positive and whole.
        let root = try #require(reader.attributes.first)
        #expect(root["width"] == "760")
        #expect(Double(root["height"] ?? "") ?? 0 > 100)
        #expect(root["viewBox"] == "0 0 760 " + (root["height"] ?? ""))
    }

    @Test("axes carry their units and ticks; lines carry direct labels")
    func lineLabels() {
        let (_, reader, _) = SVGReader.read(SVGRenderer().svg(SampleCharts.line))
        #expect(reader.texts.contains("monthly_net, transition_cost ($/year)"))
        #expect(reader.texts.contains("monthly_net") && reader.texts.contains("transition_cost"))
        #expect(reader.texts.contains("2024-01"))
        #expect(reader.texts.contains("$0"))
        #expect(reader.texts.contains { $0.hasPrefix("$") && $0.hasSuffix("M") })
        #expect(reader.texts.contains("agents"))
        // The two lines differ by dash and marker, not by colour alone.
        let svg = SVGRenderer().svg(SampleCharts.line)
        #expect(svg.contains("stroke-dasharray=\"8 4\""))
        #expect(svg.contains("<circle") && svg.contains("<rect x="))
    }

    @Test("a monthly axis of three years labels months without crowding them")
    func monthLabels() {
        let (_, reader, _) = SVGReader.read(SVGRenderer().svg(SampleCharts.line))
        let months = reader.texts.filter { $0.count == 7 && $0.hasPrefix("202") }
        #expect(months.count >= 6 && months.count <= 24, "\(months)")
        #expect(months.first == "2024-01")
    }

    @Test("tornado: legend in words, the baseline, a value at each bar's end, hatched low bars")
    func tornado() {
        let svg = SVGRenderer().svg(SampleCharts.tornado)
        let (_, reader, _) = SVGReader.read(svg)
        #expect(reader.texts.contains("input low") && reader.texts.contains("input high"))
        #expect(reader.texts.contains("now $31.14M"))
        #expect(reader.texts.contains("$49.51M") && reader.texts.contains("$17.51M"))
        #expect(reader.texts.contains("– failed"))
        #expect(svg.contains("fill=\"url(#chart-hatch)\""))
        #expect(reader.texts.contains("net_value ($/year)"))
    }

    @Test("histogram: percentiles labelled, the share below zero in words, bins below zero hatched")
    func histogram() {
        let svg = SVGRenderer().svg(SampleCharts.histogram)
        let (_, reader, _) = SVGReader.read(svg)
        #expect(reader.texts.contains { $0.hasPrefix("median ") })
        #expect(reader.texts.contains { $0.hasPrefix("p5 -$") })
        #expect(reader.texts.contains("below zero: 8.3% of samples (hatched)"))
        #expect(reader.texts.contains("share of samples"))
        #expect(svg.contains("url(#chart-hatch)"))
    }

    @Test("heat map: every cell printed with its value, a missing cell marked, the highest outlined")
    func heatMap() {
        let (_, reader, _) = SVGReader.read(SVGRenderer().svg(SampleCharts.heatMap))
        #expect(reader.texts.contains("$20M") && reader.texts.contains("$43M"))
        #expect(reader.texts.contains("–"))
        #expect(reader.texts.contains("outlined: the highest"))
        #expect(reader.texts.contains("lowest $20M") && reader.texts.contains("highest $43M"))
    }

    @Test("text is escaped: markup in a label stays text")
    func escaping() {
        var chart = SampleCharts.bars
        chart.title = "net <value> & \"friends\" 'quoted'"
        chart.notes = ["a note with </svg> in it", "control \u{1} characters dropped"]
        let svg = SVGRenderer().svg(chart)
        let (ok, reader, error) = SVGReader.read(svg)
        #expect(ok, "\(error)")
        #expect(reader.texts.contains("net <value> & \"friends\" 'quoted'"))
        #expect(reader.texts.contains("all-AI <stress> & \"test\""))
        #expect(reader.texts.contains("a note with </svg> in it"))
        #expect(reader.texts.contains("control  characters dropped"))
        #expect(SVG.escape("<a href='x'>&amp;</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;amp;&lt;/a&gt;")
    }

    @Test("ids are prefixed, so that several charts can share one page")
    func ids() {
        let one = SVGRenderer(idPrefix: "tornado").svg(SampleCharts.tornado)
        #expect(one.contains("id=\"tornado-hatch\"") && one.contains("url(#tornado-hatch)"))
        #expect(!one.contains("chart-hatch"))
        #expect(SVGRenderer(idPrefix: "9 bad id").idPrefix == "c9badid")
    }

    @Test("a chart with nothing to draw still renders: empty series, one point, all missing")
    func degenerate() {
        let empty = Chart(
            title: "nothing",
            panels: [
                ChartPanel(
                    plot: .line(LinePlot(x: .labels("x", []), y: ValueAxis(label: "y", unit: .plain), series: []))),
                ChartPanel(
                    plot: .line(
                        LinePlot(
                            x: .values(ValueAxis(label: "x", unit: .plain), [1]),
                            y: ValueAxis(label: "y", unit: .plain),
                            series: [PlotSeries(label: "one", values: [5])]))),
                ChartPanel(
                    plot: .bars(BarPlot(axis: ValueAxis(label: "v", unit: .plain), bars: [Bar(label: "a", value: nil)]))
                ),
                ChartPanel(
                    plot: .histogram(
                        HistogramPlot(
                            axis: ValueAxis(label: "v", unit: .plain), low: 3, high: 3, counts: [0, 10, 0], total: 10,
                            markers: [Marker(label: "p5", value: 3), Marker(label: "median", value: 3)]))),
                ChartPanel(
                    plot: .heatMap(
                        HeatMapPlot(
                            rows: CategoryAxis(title: "r", labels: ["1"]),
                            columns: CategoryAxis(title: "c", labels: ["1"]),
                            value: ValueAxis(label: "v", unit: .plain), values: [[nil]]))),
            ])
        let svg = SVGRenderer().svg(empty)
        let (ok, reader, error) = SVGReader.read(svg)
        #expect(ok, "\(error)")
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(reader.texts.contains("p5, median 3"))
        #expect(empty.kinds == [.line, .bars, .histogram, .heatMap])
    }
}

@Suite("ChartSamples")
struct ChartSamples {
    @Test("every kind of chart, written to $CHART_SAMPLES for the render check (Tests/render/check_render.sh)")
    func write() throws {
        let directory = ProcessInfo.processInfo.environment["CHART_SAMPLES"]
        for (name, chart) in SampleCharts.all {
            let document = SVGRenderer().document(chart)
            #expect(SVGReader.read(document).ok, "\(name)")
            if let directory {
                try document.write(toFile: directory + "/" + name + ".svg", atomically: true, encoding: .utf8)
            }
        }
    }
}
