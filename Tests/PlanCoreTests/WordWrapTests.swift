import PlanCore
import Testing

/// The greedy wrapper the ticket import, the preset listing and the Markdown report share.
@Suite struct WordWrapTests {
    @Test func fillsEachLineWithTheWordsThatFit() {
        // "the quick" is 9 characters: "the quick brown" (15) would not fit in 10.
        #expect(WordWrap.lines("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(WordWrap.lines("a b c", width: 5) == ["a b c"])
        #expect(WordWrap.lines("a b c", width: 4) == ["a b", "c"])
    }

    @Test func runsOfSpacesSeparateWordsAndNoWordsMakeNoLines() {
        #expect(WordWrap.lines("  a   b  ", width: 80) == ["a b"])
        #expect(WordWrap.lines("", width: 80).isEmpty)
        #expect(WordWrap.lines("   ", width: 80, first: "- ").isEmpty)
    }

    @Test func aLongWordStaysWholeOnItsOwnLine() {
        #expect(
            WordWrap.lines("see /a/very/long/path/to/a/file here", width: 10) == [
                "see", "/a/very/long/path/to/a/file", "here",
            ])
    }

    @Test func prefixesCountInTheWidth() {
        #expect(WordWrap.lines("one two three", width: 9, first: "- ", rest: "  ") == ["- one two", "  three"])
    }

    /// Every line fits unless it is one word too long, and the words come back in order.
    @Test(arguments: [1, 5, 12, 40])
    func keepsEveryWordInOrder(width: Int) {
        let text =
            "Routine contacts automate well; complex, emotional, high-value ones do not, and a blended CSAT hides"
        let lines = WordWrap.lines(text, width: width)
        #expect(lines.joined(separator: " ").split(separator: " ") == text.split(separator: " "))
        #expect(lines.allSatisfy { $0.count <= width || !$0.contains(" ") })
    }
}
