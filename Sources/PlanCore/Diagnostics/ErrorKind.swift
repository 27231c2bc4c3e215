/// What went wrong, as data: code decides by kind, never by reading a message.
///
/// Every `EvalError` and `Diagnostic` carries one. The message text is for people; the kind is for
/// code (is it an interruption? a refused change? a limit?) and for tests.
public enum ErrorKind: String, Sendable, Equatable, CaseIterable {
    /// The text does not parse (a bad token, a missing bracket, a stray character).
    case syntax
    /// A name that is not a cell, parameter, unit or function.
    case unknownName
    /// A call of a function that does not exist.
    case unknownFunction
    /// A record field that does not exist, or records whose keys differ.
    case unknownField
    /// Units of different dimensions where the same one is needed (`$5 + 3 min`).
    case unitMismatch
    /// A value of the wrong kind (a boolean in arithmetic, a string in a comparison, a record where a
    /// number is needed) or a wrong number of arguments.
    case typeMismatch
    /// A definition that would make a cell or function depend on itself.
    case cycle
    /// A result that is not finite (division by zero, overflow, 0/0).
    case notFinite
    /// An argument outside the domain a function accepts (a negative rate, an overloaded queue).
    case domain
    /// A value outside the valid range its cell declares (`shrinkage = 30% within 0% to 100%`), or a what-if
    /// asked to go beyond it.
    case outOfRange
    /// A change refused because it would break a cell downstream.
    case refused
    /// A function of the timeline (`ramp`, `prev`, `month` …) used in a model without one.
    case needsTimeline
    /// Ctrl-C stopped the computation; nothing was changed.
    case interrupted
    /// Input over a limit (nesting depth, call depth, sizes).
    case limit
    /// A file could not be read or written.
    case io
    /// A command used the wrong way (missing or bad arguments, an unknown command).
    case usage
    /// An `assert` that did not hold.
    case assertion
    /// Anything not classified more precisely.
    case other
}
