import Testing

@testable import SupportPlanCLI

/// `supportplan presets` fits the terminal (SPEC §11, issue #11 item 1): descriptions wrap under themselves.
@Suite struct PresetListingTests {
    private static let listing = PresetListing(entries: [
        (
            "standard",
            "The standard model: a neutral mid-size support team; human vs AI cost, FTE, per-tier CSAT, retention risk"
        ),
        ("hybrid-midmarket", "A ~100-agent B2B SaaS support team (chat, email, phone) with outcome-priced AI at $0.99"),
        ("x", "short"),
    ])

    @Test(arguments: [80, 60, 45, 30])
    func fitsTheWidth(width: Int) {
        let lines = Self.listing.text(width: width).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= width })
        // Every word of every description is still there, in order.
        let words = lines.flatMap { $0.split(separator: " ") }.map(String.init)
        #expect(words == ["standard"] + Self.words(0) + ["hybrid-midmarket"] + Self.words(1) + ["x", "short"])
    }

    @Test func wideTerminalKeepsOneLinePerPreset() {
        let text = Self.listing.text(width: 200)
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.hasPrefix("  standard          The standard model: "))
    }

    @Test func continuationLinesAlignUnderTheDescription() {
        let lines = Self.listing.text(width: 80).split(separator: "\n")
        #expect(lines[0] == "  standard          The standard model: a neutral mid-size support team; human")
        #expect(lines[1] == "                    vs AI cost, FTE, per-tier CSAT, retention risk")
    }

    @Test func narrowTerminalPutsDescriptionsUnderNames() {
        let lines = Self.listing.text(width: 40).split(separator: "\n")
        #expect(lines[0] == "  standard")
        #expect(lines[1].hasPrefix("      The standard model:"))
    }

    @Test func noPresetsNamesTheRootsSearched() {
        let text = PresetListing(entries: [], searched: ["/a", "/b"]).text(width: 80)
        #expect(text == "no presets found; searched /a, /b")
    }

    private static func words(_ index: Int) -> [String] {
        listing.entries[index].description.split(separator: " ").map(String.init)
    }
}
