import PlanCharts
import PlanCore
import PlanGraph

/// `:export csv|json|md|html|svg FILE [--all]` and `supportplan report`: what leaves the tool.
///
/// `md` and `html` write the board report (`BoardReport`); `md --all` the full cell dump; `svg` the last
/// chart a command drew; `csv` and `json` every cell. Files loaded by `use`/`:load` may not write files
/// (the caller checks).
extension Session {
    /// The usage of `:export`.
    static let exportUsage = "usage: :export csv|json|md|html|svg file  (md file --all: every cell as a table)"

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

    /// Runs `:export FORMAT FILE [--all]` and returns the line to show.
    func exportCommand(_ argument: String, directory: String, fail: (String) -> Diagnostic) throws(Diagnostic) -> String
    {
        var rest = argument.trimmingSpaces()
        let format = String(rest.prefix { $0 != " " && $0 != "\t" })
        rest = String(rest.dropFirst(format.count)).trimmingSpaces()
        var all = false
        if rest == "--all" || rest.hasSuffix(" --all") || rest.hasSuffix("\t--all") {
            all = true
            rest = String(rest.dropLast(5)).trimmingSpaces()
        } else if rest.hasPrefix("--all ") {
            all = true
            rest = String(rest.dropFirst(6)).trimmingSpaces()
        }
        guard !format.isEmpty, let path = Self.pathArgument(rest) else { throw fail(Self.exportUsage) }
        if all && format != "md" && format != "markdown" {
            throw fail("`--all` goes with `md` (the Markdown table of every cell); " + Self.exportUsage)
        }
        let text: String
        let done: String
        switch format {
        case "csv", "json":
            guard let dump = export(format: format) else { throw fail(Self.exportUsage) }
            text = dump
            done = "exported \(model.cellNames.count) cells to \(path)"
        case "md", "markdown":
            if all {
                guard let dump = export(format: "md") else { throw fail(Self.exportUsage) }
                text = dump
                done = "exported \(model.cellNames.count) cells to \(path)"
            } else {
                text = boardReport().markdown()
                done = "wrote the report of \(scenario) (Markdown) to \(path)"
            }
        case "html":
            text = boardReport().html()
            done = "wrote the report of \(scenario) (HTML) to \(path)"
        case "svg":
            guard let chart = lastChart else {
                throw fail("no chart to export yet: `:sweep`, `:sensitivity` or `:simulate` draws one")
            }
            text = SVGRenderer().document(chart)
            done = "wrote the chart \"\(chart.title)\" to \(path)"
        default:
            let hint = Suggestion.closest(to: format, among: ["csv", "json", "md", "html", "svg"]).map {
                " (did you mean `\($0)`?)"
            }
            throw fail("unknown export format `\(format)`" + (hint ?? "") + "; " + Self.exportUsage)
        }
        do {
            try FileSystem.writeAtomically(FileSystem.resolve(path, against: directory), text)
        } catch {
            throw fail(error.message)
        }
        return "  " + done
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
