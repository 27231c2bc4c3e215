/// What Tab completion offers: replace the `replacing` characters before the cursor with one of `candidates`.
///
/// `replacing` counts Swift `Character`s (grapheme clusters) of the text before the cursor. A unique
/// candidate replaces them outright; with several, their common prefix is inserted when it extends
/// what was typed, and the choices are listed below the line. Candidates are inserted as given: add a
/// trailing space to a candidate yourself when a finished word should be followed by one.
public struct Completion: Sendable, Equatable {
    /// How many characters before the cursor a chosen candidate replaces.
    public var replacing: Int
    /// The possible replacements, in the order in which to list them.
    public var candidates: [String]
    /// Inserted after a unique candidate that is a finished word (one not ending in `/` or a blank): the
    /// closing quote of a quoted name (`use "kla` → `use "klarna-2024"`).
    public var closing: String

    /// Creates a completion that replaces `replacing` characters before the cursor by one of `candidates`,
    /// with `closing` after a unique finished one.
    public init(replacing: Int, candidates: [String], closing: String = "") {
        self.replacing = replacing
        self.candidates = candidates
        self.closing = closing
    }

    /// Nothing to complete: Tab beeps.
    public static let none = Completion(replacing: 0, candidates: [])
}
