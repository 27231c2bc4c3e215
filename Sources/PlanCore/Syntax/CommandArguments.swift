/// The shape of a command's arguments: one element of what the language's parser reads after `:name`.
///
/// A command declares its arguments as a list of elements (see `Parser.parseCommandArguments` for the
/// grammar each element reads); the same list drives parsing, the caret of an argument error, `:help`
/// and Tab completion (`Parser.expectedCommandArguments`). Each element that yields a value has a `key`
/// (how the command finds it in `CommandArguments`) and a `what` (how an error names it).
public indirect enum ArgumentGrammar: Sendable {
    /// An expression of the language.
    case expression(key: String, what: String)
    /// Expressions separated by commas (at least one).
    case expressions(key: String, what: String)
    /// `LO to HI`, read at the `interval` level, so `and`, `in` and words end it.
    case range(key: String, what: String)
    /// A cell name, with an optional field (`csat_tier.complex`).
    case cell(key: String, what: String, offers: Candidates)
    /// One or more cell names, separated by blanks or commas.
    case cells(key: String, what: String, offers: Candidates)
    /// A number literal (`10000`, `10_000`, `10k`, `1M`); its text is kept for exact integers.
    case number(key: String, what: String)
    /// A bare word up to a blank or a comma, or a quoted one (a glob, a topic, a scenario, `column=NAME`).
    case word(key: String, what: String, offers: Candidates)
    /// A file path: quoted (`"my plan.plan"`, `'x y'`) or bare up to an unescaped blank (`my\ plan.plan`).
    case path(key: String, what: String, offers: Candidates)
    /// One of a fixed set of words (`csv`, `json`, `md`).
    case choice(key: String, words: [String])
    /// A fixed word or symbol that structures the arguments (`by`, `from`, `in`, `=`).
    case keyword(String)
    /// Elements that are all there or all absent; they are there when the first one can start.
    case optional([ArgumentGrammar])
    /// Elements repeated zero or more times, with an optional comma between repetitions.
    case repeating([ArgumentGrammar])
    /// A word that picks the elements that follow it (`:set seed N`, `:scenario load NAME`).
    case branches(key: String, [ArgumentBranch])

    /// What Tab offers where an element is expected (the session turns these into names).
    public enum Candidates: Sendable, Equatable {
        /// Nothing in particular.
        case nothing
        /// Cells, functions and built-ins: an expression starts here.
        case names
        /// Cell names (and `name.field` once a dot is typed).
        case cells
        /// The watched cells.
        case watchedCells
        /// Files and folders.
        case files
        /// Presets, `.plan` files and folders (`:load`).
        case presetsAndPlanFiles
        /// Saved scenarios, presets and `current`.
        case scenarios
        /// Help topics, commands and names.
        case helpTopics
    }
}

/// One choice of `ArgumentGrammar.branches`: the word and the elements that follow it.
public struct ArgumentBranch: Sendable {
    /// The word that picks this branch.
    public var word: String
    /// What follows the word.
    public var elements: [ArgumentGrammar]

    /// Creates a branch.
    public init(_ word: String, _ elements: [ArgumentGrammar] = []) {
        self.word = word
        self.elements = elements
    }
}

/// A cell named in a command, with an optional field: `input`, `csat_tier.complex`.
public struct CellReference: Sendable, Equatable {
    /// The cell.
    public var name: String
    /// The field, when written.
    public var field: String?
    /// Where the cell's name is.
    public var nameSpan: SourceSpan
    /// Where the field is, when written.
    public var fieldSpan: SourceSpan?

    /// Creates a reference.
    public init(name: String, field: String? = nil, nameSpan: SourceSpan, fieldSpan: SourceSpan? = nil) {
        self.name = name
        self.field = field
        self.nameSpan = nameSpan
        self.fieldSpan = fieldSpan
    }

    /// `name` or `name.field`.
    public var text: String { field.map { name + "." + $0 } ?? name }
}

/// One parsed argument of a command: a typed node with its key and its place in the source.
public struct CommandArgument: Sendable {
    /// What was read.
    public enum Value: Sendable {
        /// An expression.
        case expression(Expr)
        /// `LO to HI`.
        case range(low: Expr, high: Expr)
        /// A cell name, with an optional field.
        case cell(CellReference)
        /// A number and its source text.
        case number(Double, text: String)
        /// A word (bare or unquoted), a choice, or the word that picked a branch.
        case word(String)
        /// A file path as written, unquoted and unescaped (`~` is left for the session to expand).
        case path(String)
        /// A structuring word or symbol.
        case keyword(String)
    }

    /// The grammar element's key (keywords: the word itself).
    public var key: String
    /// The value.
    public var value: Value
    /// Where it is written.
    public var span: SourceSpan

    /// Creates an argument.
    public init(key: String, value: Value, span: SourceSpan) {
        self.key = key
        self.value = value
        self.span = span
    }
}

/// A command's parsed arguments, in source order, with the file their spans point into.
public struct CommandArguments: Sendable {
    /// The arguments in source order.
    public var items: [CommandArgument]
    /// The text the spans point into (the command's line).
    public var file: SourceFile
    /// From the first byte after the command's name to the end of the command.
    public var span: SourceSpan

    /// Creates parsed arguments.
    public init(items: [CommandArgument], file: SourceFile, span: SourceSpan) {
        self.items = items
        self.file = file
        self.span = span
    }

    /// The first argument with `key`.
    public subscript(key: String) -> CommandArgument? { items.first { $0.key == key } }

    /// Every argument with `key`, in order.
    public func all(_ key: String) -> [CommandArgument] { items.filter { $0.key == key } }

    /// True when the keyword (or an argument with that key) is present.
    public func has(_ key: String) -> Bool { self[key] != nil }

    /// The expression with `key`.
    public func expression(_ key: String) -> Expr? {
        if case .expression(let expr)? = self[key]?.value { return expr }
        return nil
    }

    /// The cell with `key`.
    public func cell(_ key: String) -> CellReference? {
        if case .cell(let cell)? = self[key]?.value { return cell }
        return nil
    }

    /// The word (or choice, or branch word) with `key`.
    public func word(_ key: String) -> String? {
        if case .word(let word)? = self[key]?.value { return word }
        return nil
    }

    /// The path with `key`, as written.
    public func path(_ key: String) -> String? {
        if case .path(let path)? = self[key]?.value { return path }
        return nil
    }

    /// The number with `key` and its source text.
    public func number(_ key: String) -> (value: Double, text: String)? {
        if case .number(let value, let text)? = self[key]?.value { return (value, text) }
        return nil
    }

    /// The source text of a span of these arguments.
    public func text(of span: SourceSpan) -> String { file.text(of: span) }
}

/// What may come next where Tab was pressed in a command's arguments.
public enum ArgumentExpectation: Sendable, Equatable {
    /// Fixed words: keywords, choices, branch words.
    case words([String])
    /// Names of some kind, supplied by the session.
    case candidates(ArgumentGrammar.Candidates)
}
