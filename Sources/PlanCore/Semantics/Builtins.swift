/// Where a built-in function was called: for error spans.
public struct CallSite: Sendable {
    /// The whole call.
    public var span: SourceSpan
    /// Each argument.
    public var argSpans: [SourceSpan]

    /// Creates a call site.
    public init(span: SourceSpan, argSpans: [SourceSpan]) {
        self.span = span
        self.argSpans = argSpans
    }

    /// The span of argument `index` (the call's when out of range).
    public func arg(_ index: Int) -> SourceSpan { index < argSpans.count ? argSpans[index] : span }
}

/// A built-in function: its contract name, arity, help text and implementation.
public struct Builtin: Sendable {
    /// The implementation's type.
    public typealias Implementation = @Sendable ([Value], CallSite) throws(EvalError) -> Value

    /// The contract name (`erlang_c`).
    public var name: String
    /// How many arguments it takes.
    public var arity: ClosedRange<Int>
    /// The signature shown in help (`round(x[, step])`).
    public var signature: String
    /// One line saying what it does.
    public var summary: String
    /// An example a user can type.
    public var example: String
    /// The topic it is listed under in help (`math`, `staffing`, `distributions`).
    public var topic: String
    /// For distributions: how it is drawn (the interpreter draws per lane, or takes the mean).
    public var rule: DistributionRule?
    /// For a reduction the interpreter writes in the language's own operators (`sum`, `mean`), which
    /// then works the same in every domain without a lane-by-lane fallback.
    public var reduction: Reduction?
    /// For a function of the timeline (`ramp`, `prev`, `total` …), which the interpreter evaluates itself.
    public var series: SeriesFunction?
    /// The operators a reduction is made of.
    public enum Reduction: Sendable {
        /// The fields added up (a number is its own sum).
        case sum
        /// The sum divided by the number of fields.
        case mean
    }

    /// For distributions: builds the distribution from arguments in base units.
    public var distribution: (@Sendable ([Double]) throws(EvalError) -> Distribution)? { rule?.make }
    /// The implementation (outside simulation, a distribution returns its mean).
    public var apply: Implementation

    /// Creates a built-in.
    public init(
        _ name: String, arity: ClosedRange<Int>, signature: String, summary: String, example: String,
        topic: String, rule: DistributionRule? = nil, reduction: Reduction? = nil, apply: @escaping Implementation
    ) {
        self.name = name
        self.arity = arity
        self.signature = signature
        self.summary = summary
        self.example = example
        self.topic = topic
        self.rule = rule
        self.reduction = reduction
        self.apply = apply
    }
}

/// The table of built-in functions; modules add theirs by contract name.
public struct Builtins: Sendable {
    /// The functions by name.
    public private(set) var table: [String: Builtin] = [:]

    /// Creates an empty table.
    public init() {}

    /// Adds or replaces a function.
    public mutating func register(_ builtin: Builtin) { table[builtin.name] = builtin }

    /// Looks a function up.
    public subscript(name: String) -> Builtin? { table[name] }

    /// The names, sorted.
    public var names: [String] { table.keys.sorted() }

    /// The language's own functions: math, `near`, record reductions and distributions.
    public static let core: Builtins = {
        var builtins = Builtins()
        for builtin in MathBuiltins.all + DistributionBuiltins.all + EvidenceBuiltins.all + SeriesFunction.all {
            builtins.register(builtin)
        }
        return builtins
    }()
}

/// Helpers for writing built-ins.
public enum BuiltinSupport {
    /// The number in argument `index`, with its unit, or an error naming the function.
    public static func number(_ args: [Value], _ index: Int, _ site: CallSite, _ name: String) throws(EvalError) -> (
        Double, Unit
    ) {
        guard case .number(let value, let unit) = args[index] else {
            throw EvalError("`\(name)` needs a number here, not \(args[index].kindDescription)", span: site.arg(index))
        }
        return (value, unit)
    }

    /// A plain number in argument `index`.
    public static func plain(_ args: [Value], _ index: Int, _ site: CallSite, _ name: String) throws(EvalError)
        -> Double
    {
        let (value, unit) = try number(args, index, site, name)
        guard unit.isDimensionless else {
            throw EvalError("`\(name)` needs a plain number here, not \(unit.symbol)", span: site.arg(index))
        }
        return value
    }

    /// Applies `body` field by field when any argument is a record (scalars broadcast).
    public static func broadcast(
        _ args: [Value], _ site: CallSite, _ body: ([Value]) throws(EvalError) -> Value
    ) throws(EvalError) -> Value {
        var keys: [String]?
        for arg in args {
            if case .record(let record) = arg {
                if let known = keys, Set(known) != Set(record.keys) {
                    throw EvalError(Value.keyMismatch(known, record.keys), kind: .unknownField, span: site.span)
                }
                if keys == nil { keys = record.keys }
            }
        }
        guard let keys else { return try body(args) }
        var values: [Value] = []
        for key in keys {
            var fieldArgs: [Value] = []
            for arg in args {
                if case .record(let record) = arg, let value = record[key] {
                    fieldArgs.append(value)
                } else {
                    fieldArgs.append(arg)
                }
            }
            values.append(try broadcast(fieldArgs, site, body))
        }
        return .record(Record(keys: keys, values: values))
    }
}
