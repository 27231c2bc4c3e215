import PlanCharts
import PlanCore
import PlanGraph

/// `:export csv|json|md|html|svg FILE [--all]` and `supportplan report`: what leaves the tool.
///
/// `md` and `html` write the board report (`BoardReport`); `md --all` the full cell dump; `svg` the last
/// chart a command drew; `csv` and `json` every cell. Files loaded by `use`/`:load` may not write files
/// (the caller checks).
extension Session {
    /// Why `:export` wrote nothing.
    struct ExportRefusal: Error {
        /// What to tell the user.
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The formats of a written report, chosen by the file's extension.
    public enum ReportFormat: String, Sendable {
        /// A self-contained HTML page.
        case html
        /// Markdown.
        case markdown

        /// The format a path's extension names (`.html`, `.htm`, `.md`, `.markdown`), or nil.
        public init?(path: String) {
            let name = FileSystem.baseName(path).lowercased()
            if name.hasSuffix(".html") || name.hasSuffix(".htm") {
                self = .html
            } else if name.hasSuffix(".md") || name.hasSuffix(".markdown") {
                self = .markdown
            } else {
                return nil
            }
        }
    }

    /// The formats `:export` writes.
    static let exportFormats = ["csv", "json", "md", "markdown", "html", "svg"]

    /// The text `:export FORMAT FILE [--all]` writes and the line that says what was written, or a message
    /// saying why not (an unknown format, `--all` without `md`, no chart yet).
    func exportText(format: String, all: Bool, path: String) -> Result<(text: String, done: String), ExportRefusal> {
        if all && format != "md" && format != "markdown" {
            return .failure(ExportRefusal("`--all` goes with `md` (the Markdown table of every cell)"))
        }
        let cells = "exported \(model.cellNames.count) cells to \(path)"
        switch format {
        case "csv", "json":
            guard let dump = ModelExport(model: model).text(format: format) else { break }
            return .success((dump, cells))
        case "md", "markdown":
            if all {
                guard let dump = ModelExport(model: model).text(format: "md") else { break }
                return .success((dump, cells))
            }
            return .success((boardReport().markdown(), "wrote the report of \(scenario) (Markdown) to \(path)"))
        case "html":
            return .success((boardReport().html(), "wrote the report of \(scenario) (HTML) to \(path)"))
        case "svg":
            guard let chart = lastChart else {
                return .failure(
                    ExportRefusal("no chart to export yet: `:sweep`, `:sensitivity` or `:simulate` draws one"))
            }
            return .success((SVGRenderer().document(chart), "wrote the chart \"\(chart.title)\" to \(path)"))
        default: break
        }
        return .failure(ExportRefusal("unknown export format `\(format)`"))
    }

    /// Runs `supportplan report [PRESET|FILE …] -o FILE`.
    ///
    /// Loads each target as `:load` does (a preset afresh, a file on top of the model), keeps each preset's
    /// model as a scenario when several are given (so the report compares them), then writes the report of
    /// the last one to `path` (HTML or Markdown by its extension). Errors are reported to the session's
    /// output; returns the exit status.
    public func writeReport(loading targets: [String], to path: String) -> ExitStatus {
        guard let format = ReportFormat(path: path) else {
            output.report(Diagnostic(.error, "the report is written as .html or .md, not \(path)", kind: .usage))
            return .usage
        }
        var presets = 0
        for name in targets {
            let target = commandLineTarget(name)
            if case .preset = target {
                if presets > 0 {
                    savedScenarios[scenario] = model
                    model = Model(builtins: model.builtins)
                    model.isCancelled = cancellation
                }
                presets += 1
            }
            let status = load(commandLine: target)
            if status == .error || status == .interrupted { return status }
        }
        let report = boardReport()
        do {
            try FileSystem.writeAtomically(path, format == .html ? report.html() : report.markdown())
        } catch {
            output.report(Diagnostic(.error, error.message, kind: .io))
            return .error
        }
        output.emit("wrote the report of \(scenario) to \(path)")
        return .success
    }
}
