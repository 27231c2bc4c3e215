import Testing

@testable import SupportPlanCLI

/// Where a string opened on the line begins, for Tab inside quotes.
@Suite struct CompleterTests {
    @Test(
        arguments: [
            ("use \"kla", 4),
            ("use \"klarna-2024\" # \"x", nil),
            ("use \"a\\\"b", 4),
            ("x = 1", nil),
            (":load \"my pl", 6),
            ("print \"a\" + \"b", 12),
            ("# a \"comment", nil),
        ] as [(String, Int?)])
    func openQuote(line: String, offset: Int?) {
        let index = Completer.openQuote(in: line)
        #expect(index.map { line.distance(from: line.startIndex, to: $0) } == offset)
    }
}
