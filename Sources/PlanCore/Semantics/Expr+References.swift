/// The names an expression refers to: the edges of the dependency graph come from here.
extension Expr {
    /// A name used by an expression, with where it is used.
    public struct Reference: Sendable {
        /// The name.
        public var name: String
        /// Where it is used.
        public var span: SourceSpan
        /// True for a call `name(…)`, false for a value.
        public var isCall: Bool

        /// Creates a reference.
        public init(name: String, span: SourceSpan, isCall: Bool) {
            self.name = name
            self.span = span
            self.isCall = isCall
        }
    }

    /// Every name used, in source order, except `bound` names (function parameters) and money and
    /// time words (count words such as `contacts` may be cells).
    public func references(bound: [String] = []) -> [Reference] {
        var found: [Reference] = []
        var stack: [Expr] = [self]
        while let expr = stack.popLast() {
            switch expr.kind {
            case .number, .bool, .string: break
            case .name(let name):
                if !bound.contains(name) && Unit.Atom(reservedWord: name) == nil {
                    found.append(Reference(name: name, span: expr.span, isCall: false))
                }
            case .negate(let inner), .not(let inner), .field(let inner, _, _), .convert(let inner, _, _):
                stack.append(inner)
            case .chain(let first, let links):
                for link in links.reversed() { stack.append(link.rhs) }
                stack.append(first)
            case .binary(let first, let link):
                stack.append(link.rhs)
                stack.append(first)
            case .power(let a, let b), .interval(let a, let b):
                stack.append(b)
                stack.append(a)
            case .call(let name, let span, let args):
                found.append(Reference(name: name, span: span, isCall: true))
                stack.append(contentsOf: args.reversed())
            case .record(let entries):
                stack.append(contentsOf: entries.reversed().map(\.value))
            case .conditional(let c, let a, let b):
                stack.append(b)
                stack.append(a)
                stack.append(c)
            }
        }
        return found
    }

    /// True when the expression itself draws from a distribution (`a to b` or a distribution function).
    public func drawsFromDistribution(_ builtins: Builtins) -> Bool {
        var stack: [Expr] = [self]
        while let expr = stack.popLast() {
            switch expr.kind {
            case .number, .bool, .string, .name: break
            case .interval: return true
            case .negate(let inner), .not(let inner), .field(let inner, _, _), .convert(let inner, _, _):
                stack.append(inner)
            case .chain(let first, let links):
                stack.append(first)
                stack.append(contentsOf: links.map(\.rhs))
            case .binary(let first, let link):
                stack.append(first)
                stack.append(link.rhs)
            case .power(let a, let b):
                stack.append(a)
                stack.append(b)
            case .call(let name, _, let args):
                if builtins[name]?.distribution != nil { return true }
                stack.append(contentsOf: args)
            case .record(let entries): stack.append(contentsOf: entries.map(\.value))
            case .conditional(let c, let a, let b): stack.append(contentsOf: [c, a, b])
            }
        }
        return false
    }
}
