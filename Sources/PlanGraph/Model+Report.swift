public import PlanCore

/// The rows `:report` shows, as the model's `report` statement marks them.
public struct ReportLayout: Sendable {
    /// The rows in the order written.
    public var rows: [ReportRow]
    /// The file the rows' spans point into.
    public var file: SourceFile

    /// Creates a layout.
    public init(rows: [ReportRow], file: SourceFile) {
        self.rows = rows
        self.file = file
    }

    /// The statement that marks these rows again (`:save`), a row a line (a trailing comma continues it).
    public var statement: String { "report " + rows.map { file.text(of: $0.span) }.joined(separator: ",\n    ") }

    /// The source text of one of the rows' expressions.
    public func text(of expr: Expr) -> String { file.text(of: expr.span) }

    /// True when a row uses the cell `name`.
    public func uses(_ name: String) -> Bool {
        rows.contains { row in
            ([row.value] + (row.after.map { [$0] } ?? [])).contains { expr in
                expr.references().contains { !$0.isCall && $0.name == name }
            }
        }
    }
}

/// Marking the report's rows (`report a, "label": b to c, …`).
extension Model {
    /// Replaces the report's rows; every row must resolve and type-check now.
    ///
    /// A name that is not a cell is an error here, at the mark, never a row the report silently leaves out. A
    /// row that fails only for the current values (division by zero, a value outside a function's domain) is
    /// accepted: `:report` says why in its place, as it does when a later change makes a row fail, so that
    /// `:save` then loading the file always works.
    public mutating func markReport(_ rows: [ReportRow], file: SourceFile) throws(Diagnostic) {
        for row in rows {
            for expr in [row.value] + (row.after.map { [$0] } ?? []) {
                do throws(EvalError) {
                    _ = try evaluate(expr)
                } catch {
                    // A row that fails only for today's values (`risk / savings` with no savings) is marked: the
                    // report says why in its place, and a saved model whose values fail the row still loads.
                    if [.notFinite, .domain, .outOfRange].contains(error.kind) { continue }
                    var diagnostic = error.diagnostic(in: file)
                    if diagnostic.span == nil { diagnostic.span = expr.span }
                    throw diagnostic
                }
            }
        }
        report = ReportLayout(rows: rows, file: file)
    }
}
