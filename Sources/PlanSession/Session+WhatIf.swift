import PlanCore

/// The what-if commands (`:goalseek`, `:maximize`, `:minimize`, `:sweep`, `:sensitivity`, `:scenario`,
/// `:scenarios`, `:compare`).
extension Session {
    func whatIf(_ name: String, _ argument: String, statement: Statement) throws(Diagnostic) -> String {
        throw Diagnostic(
            .error, "`:\(name)` is not available in this build yet", file: statement.file, span: statement.span)
    }
}
