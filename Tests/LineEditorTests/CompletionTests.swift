import Testing

@testable import LineEditor

/// Tab completion decisions and the listing of choices, without a terminal.
@Suite struct CompletionTests {
    /// The common prefix works in whole characters and stops at the first difference.
    @Test(arguments: [
        ([String](), ""),
        (["alpha"], "alpha"),
        (["alpha", "alphabet", "alpine"], "alp"),
        (["beta", "gamma"], ""),
        (["euro€rate", "euro€cost"], "euro€"),
        (["e\u{301}a", "e\u{301}b"], "e\u{301}"),
        (["e\u{301}a", "eb"], ""),
        (["same", "same"], "same"),
    ])
    func commonPrefix(strings: [String], expected: String) {
        #expect(Completion.commonPrefix(of: strings) == expected)
    }

    /// No candidate means no edit (Tab beeps).
    @Test func noCandidates() {
        #expect(Completion.none.edit(lineBeforeCursor: "x = al") == nil)
        #expect(Completion(replacing: 2, candidates: []).edit(lineBeforeCursor: "al") == nil)
    }

    /// A unique candidate replaces the word before the cursor.
    @Test func uniqueCandidateReplacesWord() {
        let edit = Completion(replacing: 4, candidates: ["alpine"]).edit(lineBeforeCursor: "x = alpi")
        #expect(edit == CompletionEdit(deleteScalars: 4, insert: "alpine", choices: []))
    }

    /// A unique name in a string gets its closing quote (`use "kla` → `use "klarna-2024"`); a folder (to go
    /// on into) and a choice among several do not.
    @Test func closingQuote() {
        let unique = Completion(replacing: 3, candidates: ["klarna-2024"], closing: "\"")
        #expect(
            unique.edit(lineBeforeCursor: "use \"kla")
                == CompletionEdit(deleteScalars: 3, insert: "klarna-2024\"", choices: []))
        let folder = Completion(replacing: 2, candidates: ["models/"], closing: "\"")
        #expect(
            folder.edit(lineBeforeCursor: "use \"mo")
                == CompletionEdit(deleteScalars: 2, insert: "models/", choices: []))
        let several = Completion(replacing: 3, candidates: ["klarna-2024", "klarna-2025"], closing: "\"")
        #expect(several.edit(lineBeforeCursor: "use \"kla")?.insert == "klarna-202")
        let typed = Completion(replacing: 7, candidates: ["handoff"], closing: "\"")
        #expect(
            typed.edit(lineBeforeCursor: "use \"handoff")
                == CompletionEdit(deleteScalars: 7, insert: "handoff\"", choices: []))
    }

    /// A unique candidate equal to the word changes nothing.
    @Test func uniqueCandidateAlreadyTyped() {
        let edit = Completion(replacing: 5, candidates: ["alpha"]).edit(lineBeforeCursor: "alpha")
        #expect(edit == CompletionEdit(deleteScalars: 0, insert: "", choices: []))
    }

    /// Several candidates: the common prefix is inserted and every choice listed.
    @Test func ambiguousInsertsCommonPrefixAndLists() {
        let candidates = ["alpha", "alphabet", "alpine"]
        let edit = Completion(replacing: 2, candidates: candidates).edit(lineBeforeCursor: "print al")
        #expect(edit == CompletionEdit(deleteScalars: 2, insert: "alp", choices: candidates))
    }

    /// Several candidates whose common prefix adds nothing: only the list.
    @Test func ambiguousWithoutProgressOnlyLists() {
        let candidates = ["alpha", "alphabet"]
        let edit = Completion(replacing: 5, candidates: candidates).edit(lineBeforeCursor: "alpha")
        #expect(edit == CompletionEdit(deleteScalars: 0, insert: "", choices: candidates))
    }

    /// A common prefix that does not extend what was typed never destroys it.
    @Test func unrelatedPrefixKeepsTypedText() {
        let candidates = ["ai_cost", "agent_cost"]
        let edit = Completion(replacing: 4, candidates: candidates).edit(lineBeforeCursor: "cost")
        #expect(edit == CompletionEdit(deleteScalars: 0, insert: "", choices: candidates))
    }

    /// A prefix that extends the word without regard to case replaces it.
    @Test func caseInsensitiveExtension() {
        let candidates = ["ai_cost", "ai_rate"]
        let edit = Completion(replacing: 2, candidates: candidates).edit(lineBeforeCursor: "AI")
        #expect(edit == CompletionEdit(deleteScalars: 2, insert: "ai_", choices: candidates))
    }

    /// Duplicate candidates count once, so two equal ones complete uniquely.
    @Test func duplicatesAreMerged() {
        let edit = Completion(replacing: 1, candidates: ["beta", "beta"]).edit(lineBeforeCursor: "b")
        #expect(edit == CompletionEdit(deleteScalars: 1, insert: "beta", choices: []))
    }

    /// Deletion is counted in Unicode scalars (what libedit deletes), not characters or bytes.
    @Test func deletionCountsScalars() {
        let word = "e\u{301}€→"
        #expect(word.count == 3)
        let edit = Completion(replacing: 3, candidates: ["e\u{301}€→x"]).edit(lineBeforeCursor: "a " + word)
        #expect(edit == CompletionEdit(deleteScalars: 4, insert: "e\u{301}€→x", choices: []))
    }

    /// A `replacing` count larger than the text, or negative, is clamped.
    @Test func replacingIsClamped() {
        let long = Completion(replacing: 99, candidates: ["alpha"]).edit(lineBeforeCursor: "al")
        #expect(long == CompletionEdit(deleteScalars: 2, insert: "alpha", choices: []))
        let negative = Completion(replacing: -3, candidates: ["alpha"]).edit(lineBeforeCursor: "al")
        #expect(negative == CompletionEdit(deleteScalars: 0, insert: "alpha", choices: []))
    }

    /// Choices are laid out down then across, padded to the widest, without trailing spaces.
    @Test func listingInColumns() {
        let choices = ["a", "bb", "ccc", "dddd", "e"]
        #expect(Completion.listing(of: choices, width: 20) == ["a     ccc   e", "bb    dddd"])
        #expect(Completion.listing(of: choices, width: 1) == choices)
        #expect(Completion.listing(of: [], width: 80).isEmpty)
    }

    /// Past the limit, the listing ends with a count of what was left out.
    @Test func listingIsCapped() {
        let choices = (0..<(Completion.listingLimit + 5)).map { "w\($0)" }
        let rows = Completion.listing(of: choices, width: 80)
        #expect(rows.last == "… and 5 more")
    }
}
