/// An error or failed check about a place in the source: data, rendered in one place.
public struct Diagnostic: Error, Sendable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable {
        /// Stops a script; the statement was refused.
        case error
        /// A failed `assert`.
        case assertion = "assertion failed"
        /// Information attached to another diagnostic.
        case note
    }

    /// Its severity.
    public var severity: Severity
    /// What went wrong, for code to decide on.
    public var kind: ErrorKind
    /// The message, one line.
    public var message: String
    /// The file the span refers to.
    public var file: SourceFile?
    /// The place in the file.
    public var span: SourceSpan?
    /// An optional hint shown after the caret line.
    public var hint: String?
    /// Further diagnostics (for example the downstream cell a change would break).
    public var notes: [Diagnostic]

    /// Creates a diagnostic.
    public init(
        _ severity: Severity = .error, _ message: String, kind: ErrorKind = .other, file: SourceFile? = nil,
        span: SourceSpan? = nil, hint: String? = nil, notes: [Diagnostic] = []
    ) {
        self.severity = severity
        self.kind = severity == .assertion && kind == .other ? .assertion : kind
        self.message = message
        self.file = file
        self.span = span
        self.hint = hint
        self.notes = notes
    }
}

/// An evaluation error before it is attached to a source file.
public struct EvalError: Error, Sendable, Equatable {
    /// What went wrong, for code to decide on.
    public var kind: ErrorKind
    /// The message.
    public var message: String
    /// Where in the expression it happened.
    public var span: SourceSpan?
    /// A hint such as "did you mean `x`?".
    public var hint: String?

    /// Creates an evaluation error.
    public init(_ message: String, kind: ErrorKind = .other, span: SourceSpan? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.hint = hint
    }

    /// This error as a diagnostic in `file`.
    public func diagnostic(in file: SourceFile?) -> Diagnostic {
        Diagnostic(.error, message, kind: kind, file: file, span: span, hint: hint)
    }

    /// Ctrl-C stopped the computation.
    public static let interrupted = EvalError("interrupted", kind: .interrupted)

    /// True when Ctrl-C stopped the computation.
    public var isInterrupted: Bool { kind == .interrupted }
}
