import Glibc
public import PlanCore

/// The samples of one simulated output (a cell, or one field of a record cell; one month of a series).
public struct SimulatedOutput: Sendable {
    /// `cell` or `cell.field`.
    public var name: String
    /// For a series, the month (its number, see `Timeline`); nil for a value that does not vary by month.
    public var month: Int?
    /// The unit to show it in.
    public var unit: Unit
    /// One value per sample, in base units; NaN where a sample failed (division by zero…).
    public var samples: [Double]
}

/// Monte Carlo over every distribution in the model, evaluating blocks of samples at once.
extension Model {
    /// Samples per block: small enough to stay in cache, large enough that per-block work vanishes.
    static let blockSize = 4_096

    /// The ids of the nodes whose value depends on a distribution.
    public func uncertainNodes() -> Set<Int> {
        var uncertain: Set<Int> = []
        for id in dependencyOrder(from: nodes.indices) {
            guard let node = nodes[id] else { continue }
            if node.drawsFromDistribution || node.deps.contains(where: uncertain.contains) { uncertain.insert(id) }
        }
        return uncertain
    }

    /// The uncertain cells, in definition order.
    public var uncertainCellNames: [String] {
        let uncertain = uncertainNodes()
        return nodes.indices.compactMap { id in
            guard let node = nodes[id], node.kind == .cell, uncertain.contains(id) else { return nil }
            return node.name
        }
    }

    /// Runs `samples` Monte Carlo samples of the named cells with a seed; the same seed gives the same samples.
    ///
    /// A name is a cell (a record gives one output per field) or one field of a record cell (`csat_tier.complex`).
    /// Only cells downstream of a distribution are sampled (the rest keep their values). Blocks are
    /// shared out between `workers` threads; each block has its own generator derived from the seed, so
    /// the result does not depend on the number of workers.
    public func simulate(_ names: [String], samples: Int, seed: UInt64, workers: Int = 2) throws(EvalError)
        -> [SimulatedOutput]
    {
        let uncertain = uncertainNodes()
        var targets: [SimulationTarget] = []
        for name in names {
            var (cellName, field) = (name, String?.none)
            if cellIds[name] == nil, let dot = name.firstIndex(of: ".") {
                (cellName, field) = (String(name[..<dot]), String(name[name.index(after: dot)...]))
            }
            guard let id = cellIds[cellName], var value = nodes.value(at: id) else {
                throw EvalError("unknown cell `\(cellName)`", hint: Suggestion.hint(for: cellName, among: cellIds.keys))
            }
            if let field {
                guard let fieldValue = Self.field(field, of: value) else {
                    throw EvalError("`\(cellName)` has no field `\(field)`", kind: .unknownField)
                }
                value = fieldValue
            }
            let months: [(Int?, Value)]
            if case .series(let series) = value {
                months = series.values.enumerated().map { (series.start + $0.offset, $0.element) }
            } else {
                months = [(nil, value)]
            }
            for (month, value) in months {
                switch value {
                case .number(_, let unit):
                    targets.append(SimulationTarget(id: id, field: field, name: name, unit: unit, month: month))
                case .record(let record) where field == nil:
                    for (key, field) in zip(record.keys, record.values) {
                        guard case .number(_, let unit) = field else { continue }
                        targets.append(
                            SimulationTarget(id: id, field: key, name: name + "." + key, unit: unit, month: month))
                    }
                default: throw EvalError("`\(name)` is not a number, so it cannot be simulated")
                }
            }
        }
        let order = evaluationOrder(for: targets.map(\.id), within: uncertain)
        let blocks = (samples + Self.blockSize - 1) / Self.blockSize
        let storage = SimulationStorage(outputs: targets.count, samples: samples)
        let job = SimulationJob(
            model: self, order: order, steps: evaluationSteps(order), targets: targets, seed: seed,
            samples: samples, blocks: blocks, storage: storage)
        let threads = max(1, min(workers, blocks))
        let errors = Workers.run(count: threads) { worker in job.run(worker: worker, of: threads) }
        if let error = errors.compactMap({ $0 }).first { throw error }
        return targets.enumerated().map { index, target in
            SimulatedOutput(name: target.name, month: target.month, unit: target.unit, samples: storage.array(index))
        }
    }

    /// One field of a record value, or of each month of a series of records (as a series); nil when it has none.
    private static func field(_ key: String, of value: Value) -> Value? {
        switch value {
        case .record(let record): return record[key]
        case .series(let series):
            var months: [Value] = []
            for month in series.values {
                guard case .record(let record) = month, let field = record[key] else { return nil }
                months.append(field)
            }
            return .series(Series(start: series.start, values: months))
        default: return nil
        }
    }

    /// Evaluates steps in a block interpreter, keeping every cell's lanes (one per month for a series);
    /// the first failure, if any.
    ///
    /// Cancellation (`isCancelled`) is checked before each cell and every 64 months of a recurrence, not only
    /// between blocks: one block of a long timeline (2,400 months of the standard model) takes seconds.
    func evaluate(_ steps: [EvaluationStep], in interpreter: inout Interpreter<BlockDomain>) -> RecurrenceFailure? {
        for step in steps {
            if let isCancelled, isCancelled() { return RecurrenceFailure(id: step.first, error: .interrupted) }
            switch step {
            case .one(let id):
                guard let node = nodes[id], node.kind == .cell else { continue }
                interpreter.domain.cellSlot = id
                interpreter.definition = id
                do throws(EvalError) {
                    let (months, varies) = try interpreter.runAcrossMonths(node.code)
                    if varies {
                        interpreter.domain.store(months: months, for: id)
                    } else {
                        interpreter.domain.store(months[0], for: id)
                    }
                } catch {
                    return RecurrenceFailure(id: id, error: error)
                }
            case .recurrence(let group):
                interpreter.forgetMonths()
                for position in 0..<(timeline?.count ?? 0) {
                    if position & 63 == 63, let isCancelled, isCancelled() {
                        return RecurrenceFailure(id: step.first, error: .interrupted)
                    }
                    for id in group {
                        guard let node = nodes[id], node.kind == .cell else { continue }
                        interpreter.domain.cellSlot = id
                        do throws(EvalError) {
                            let datum = try interpreter.run(node.code, at: position, definition: id)
                            interpreter.domain.append(month: datum, for: id)
                        } catch {
                            return RecurrenceFailure(id: id, error: error)
                        }
                    }
                }
                interpreter.forgetMonths()
            }
        }
        return nil
    }

    /// The uncertain cells the targets need, each after the cells it uses.
    private func evaluationOrder(for targets: [Int], within uncertain: Set<Int>) -> [Int] {
        dependencyOrder(from: targets, including: uncertain.contains).filter { nodes[$0]?.kind == .cell }
    }
}

/// One simulated number: a cell, or a field of it, in one month of a series or as a whole.
struct SimulationTarget: Sendable {
    let id: Int
    let field: String?
    let name: String
    let unit: Unit
    let month: Int?
}

/// The output buffers, written by several threads at disjoint block ranges.
///
/// The buffers are not filled up front: every block writes its whole range (NaN where a sample failed), so a
/// large run starts at once and Ctrl-C stops it within a block (#11 item 10: filling 50 million samples of four
/// outputs with NaN first took seconds before the first cancellation check).
final class SimulationStorage: @unchecked Sendable {
    private var buffers: [UnsafeMutableBufferPointer<Double>]

    init(outputs: Int, samples: Int) {
        buffers = (0..<outputs).map { _ in UnsafeMutableBufferPointer<Double>.allocate(capacity: samples) }
    }

    /// Fills a block's range with NaN (the block's samples of this output could not be read).
    func fail(_ output: Int, at offset: Int, count: Int) {
        let buffer = buffers[output]
        for index in offset..<(offset + count) { buffer[index] = .nan }
    }

    deinit { for buffer in buffers { buffer.deallocate() } }

    func write(_ output: Int, at offset: Int, _ values: [Double]) {
        let buffer = buffers[output]
        for (index, value) in values.enumerated() { buffer[offset + index] = value }
    }

    func array(_ output: Int) -> [Double] { Array(buffers[output]) }
}

/// One simulation, shared by the worker threads (each runs every `of`-th block).
struct SimulationJob: Sendable {
    let model: Model
    let order: [Int]
    let steps: [EvaluationStep]
    let targets: [SimulationTarget]
    let seed: UInt64
    let samples: Int
    let blocks: Int
    let storage: SimulationStorage

    func run(worker: Int, of workers: Int) -> EvalError? {
        var block = worker
        let table = NodeTable(nodes: model.nodes, timeline: model.timeline)
        while block < blocks {
            if let isCancelled = model.isCancelled, isCancelled() { return .interrupted }
            let offset = block * Model.blockSize
            let count = min(Model.blockSize, samples - offset)
            let domain = BlockDomain(
                context: table, count: count, seed: seed, block: block, slots: model.nodes.count, varying: order)
            var interpreter = Interpreter(domain: domain)
            if let failure = model.evaluate(steps, in: &interpreter) {
                if failure.error.kind == .interrupted { return .interrupted }
                let name = model.nodes[failure.id]?.name ?? "?"
                return EvalError("in `\(name)` under simulation: \(failure.error.message)", kind: failure.error.kind)
            }
            for (index, target) in targets.enumerated() {
                interpreter.domain.position = target.month.flatMap { month in model.timeline?.position(of: month) } ?? 0
                var lanes = (try? interpreter.domain.cell(target.id)) ?? .number(.constant(.nan), .plain)
                if let field = target.field {
                    if case .record(let keys, let fields) = lanes, let at = keys.firstIndex(of: field) {
                        lanes = fields[at]
                    } else {
                        lanes = .number(.constant(.nan), .plain)
                    }
                }
                if let values = lanes.samples(count: count), values.count == count {
                    storage.write(index, at: offset, values)
                } else {
                    storage.fail(index, at: offset, count: count)
                }
            }
            block += workers
        }
        return nil
    }
}

/// Runs work on several threads with large stacks (worker 0 on the calling thread) and waits for all.
enum Workers {
    private final class Context: @unchecked Sendable {
        let body: @Sendable (Int) -> EvalError?
        let index: Int
        var result: EvalError?
        init(_ body: @escaping @Sendable (Int) -> EvalError?, _ index: Int) {
            self.body = body
            self.index = index
        }
    }

    static func run(count: Int, _ body: @escaping @Sendable (Int) -> EvalError?) -> [EvalError?] {
        var threads: [(pthread_t, Context)] = []
        for index in 1..<max(1, count) {
            let context = Context(body, index)
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            pthread_attr_setstacksize(&attributes, 64 << 20)
            var thread = pthread_t()
            let raw = Unmanaged.passRetained(context).toOpaque()
            let created = pthread_create(
                &thread, &attributes,
                { pointer in
                    guard let pointer else { return nil }
                    var signals = sigset_t()
                    sigemptyset(&signals)
                    sigaddset(&signals, SIGINT)
                    pthread_sigmask(SIG_BLOCK, &signals, nil)
                    let context = Unmanaged<Context>.fromOpaque(pointer).takeRetainedValue()
                    context.result = context.body(context.index)
                    return nil
                }, raw)
            pthread_attr_destroy(&attributes)
            if created == 0 {
                threads.append((thread, context))
            } else {
                Unmanaged<Context>.fromOpaque(raw).release()
                context.result = body(index)
                threads.append((pthread_t(), context))
            }
        }
        var results = [body(0)]
        for (thread, context) in threads {
            if thread != pthread_t() { pthread_join(thread, nil) }
            results.append(context.result)
        }
        return results
    }
}
