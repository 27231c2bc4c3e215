import PlanCore
import PlanGraph

/// The limits that keep hostile or mistaken input from exhausting memory: each over-limit input is a
/// clear error (kind `.limit`) that names the limit, never an out-of-memory kill. README "Limits" lists
/// them all, with the ones enforced elsewhere (nesting and call depth in PlanCore, file size in
/// `FileSystem`, `use` depth in `Session`).
extension Session {
    /// The most memory a Monte Carlo run may hold: its samples (kept for percentiles) and the blocks
    /// its worker threads evaluate.
    public static let maximumSimulationBytes = 8 << 30

    /// The longest source line accepted (a REPL entry, a script, a preset, a `use`d file).
    public static let maximumLineLength = 1 << 20

    /// The most cells, functions and alerts a model may hold (about 1.5 KB each, 1.5 GB in all).
    public static let maximumDefinitions = 1_000_000

    /// Checks that simulating `outputs` values per sample over `samples` samples, evaluating
    /// `blockCells` cells per block, fits in `maximumSimulationBytes`.
    func checkSimulationSize(
        outputs: Int, samples: Int, blockCells: Int, what: String, fail: (String) -> Diagnostic
    ) throws(Diagnostic) {
        // Per output: the samples as written by the workers, and the array handed back; one more copy
        // while the percentiles sort. Per worker: every cell evaluated in a block of 4,096 lanes.
        let workers = 2
        let (kept, overflowKept) = samples.multipliedReportingOverflow(by: 2 * max(1, outputs) + 1)
        let (blocks, overflowBlocks) = min(samples, 4_096).multipliedReportingOverflow(by: workers * max(1, blockCells))
        let (values, overflowSum) = kept.addingReportingOverflow(blocks)
        let bytes = values.multipliedReportingOverflow(by: 8)
        guard
            overflowKept || overflowBlocks || overflowSum || bytes.overflow
                || bytes.partialValue > Self.maximumSimulationBytes
        else { return }
        let needed =
            overflowKept || overflowBlocks || overflowSum || bytes.overflow
            ? "more than any machine has" : "about " + Self.bytesDescription(bytes.partialValue)
        var diagnostic = fail(
            "\(what) would need \(needed) of memory (\(Self.grouped(samples)) samples × \(Self.grouped(outputs)) "
                + "value\(outputs == 1 ? "" : "s"), \(Self.grouped(blockCells)) cell\(blockCells == 1 ? "" : "s") per block); the limit is "
                + Self.bytesDescription(Self.maximumSimulationBytes) + ": use fewer samples or fewer cells")
        diagnostic.kind = .limit
        throw diagnostic
    }

    /// Checks the Monte Carlo run of `:simulate` over `names` (cells, or fields `cell.field`).
    ///
    /// A series counts once per month, both as outputs (each month's samples are kept) and in a block (each
    /// month's lanes are evaluated): samples × cells × months.
    func checkSimulationSize(_ names: [String], samples: Int, fail: (String) -> Diagnostic) throws(Diagnostic) {
        var outputs = 0
        var ids: [Int] = []
        for name in names {
            var (cell, field) = (name, String?.none)
            if model.cellSlot(name) == nil, let dot = name.firstIndex(of: ".") {
                (cell, field) = (String(name[..<dot]), String(name[name.index(after: dot)...]))
            }
            guard let id = model.cellSlot(cell), let value = model.value(of: cell) else { continue }
            ids.append(id)
            var months = 1
            var shape = value
            if case .series(let series) = value, let first = series.values.first {
                months = series.values.count
                shape = first
            }
            let fields = field == nil ? Self.numberCount(shape) : 1
            outputs =
                outputs.addingReportingOverflow(fields.multipliedReportingOverflow(by: months).partialValue)
                .partialValue
        }
        let uncertain = model.uncertainNodes()
        let order = model.dependencyOrder(from: ids, including: uncertain.contains)
        // Every month of a series cell has its own lanes in a block.
        let months = model.timeline?.count ?? 1
        var cells = 0
        for id in order {
            cells += model.nodes.value(at: id)?.isSeries == true ? months : 1
        }
        try checkSimulationSize(
            outputs: outputs, samples: samples, blockCells: cells, what: "`:simulate`", fail: fail)
    }

    /// The numbers a value holds for `:simulate` (a record one per field).
    private static func numberCount(_ value: Value) -> Int {
        if case .record(let record) = value { return record.values.count }
        return 1
    }

    /// Checks that no line of a source file is longer than `maximumLineLength`.
    func checkLineLengths(_ file: SourceFile) throws(Diagnostic) {
        let starts = file.lineStarts
        for index in starts.indices {
            let end = index + 1 < starts.count ? starts[index + 1] : file.bytes.count
            guard end - starts[index] > Self.maximumLineLength else { continue }
            throw Diagnostic(
                .error,
                "line \(index + file.firstLine) is \(Self.grouped(end - starts[index])) bytes long; the limit is "
                    + "\(Self.grouped(Self.maximumLineLength)) bytes (1 MiB) a line",
                kind: .limit, file: file, span: SourceSpan(start: starts[index], end: starts[index]))
        }
    }

    /// Checks that a definition of a new name keeps the model within `maximumDefinitions`.
    func checkDefinitionCount(_ statement: Statement) throws(Diagnostic) {
        let name: String
        switch statement.kind {
        case .define(let cell, _, _): name = cell
        case .defineFunction(let function, _, _, _): name = function
        case .alert: name = ""
        default: return
        }
        let count = model.cellIds.count + model.functionIds.count + model.alertIds.count
        guard count >= Self.maximumDefinitions,
            name.isEmpty || model.cellSlot(name) == nil && model.functionSlot(name) == nil
        else { return }
        throw Diagnostic(
            .error,
            "the model holds \(Self.grouped(count)) cells, functions and alerts; the limit is "
                + Self.grouped(Self.maximumDefinitions),
            kind: .limit, file: statement.file, span: statement.span)
    }

    /// A whole number with thousands separators (`100,000,000`).
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }

    /// A size in bytes for people (`2 GiB`, `6.4 GB`).
    static func bytesDescription(_ bytes: Int) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1_000_000_000 { return NumberFormat.significant(Double(bytes) / 1e9, 3) + " GB" }
        return NumberFormat.significant(Double(bytes) / 1e6, 3) + " MB"
    }
}
