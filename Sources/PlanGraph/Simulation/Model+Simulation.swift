import Glibc
public import PlanCore

/// The samples of one simulated output (a cell, or one field of a record cell).
public struct SimulatedOutput: Sendable {
    /// `cell` or `cell.field`.
    public var name: String
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
    /// Only cells downstream of a distribution are sampled (the rest keep their values). Blocks are
    /// shared out between `workers` threads; each block has its own generator derived from the seed, so
    /// the result does not depend on the number of workers.
    public func simulate(_ names: [String], samples: Int, seed: UInt64, workers: Int = 2) throws(EvalError)
        -> [SimulatedOutput]
    {
        let uncertain = uncertainNodes()
        var targets: [(id: Int, field: String?, name: String, unit: Unit)] = []
        for name in names {
            guard let id = cellIds[name], let value = nodes[id]?.value else {
                throw EvalError("unknown cell `\(name)`", hint: Suggestion.hint(for: name, among: cellIds.keys))
            }
            switch value {
            case .number(_, let unit): targets.append((id, nil, name, unit))
            case .record(let record):
                for (key, field) in zip(record.keys, record.values) {
                    if case .number(_, let unit) = field { targets.append((id, key, name + "." + key, unit)) }
                }
            default: throw EvalError("`\(name)` is not a number, so it cannot be simulated")
            }
        }
        let order = evaluationOrder(for: targets.map(\.id), within: uncertain)
        let blocks = (samples + Self.blockSize - 1) / Self.blockSize
        let storage = SimulationStorage(outputs: targets.count, samples: samples)
        let job = SimulationJob(
            model: self, order: order, targets: targets.map { ($0.id, $0.field) }, seed: seed, samples: samples,
            blocks: blocks, storage: storage)
        let threads = max(1, min(workers, blocks))
        let errors = Workers.run(count: threads) { worker in job.run(worker: worker, of: threads) }
        if let error = errors.compactMap({ $0 }).first { throw error }
        return targets.enumerated().map { index, target in
            SimulatedOutput(name: target.name, unit: target.unit, samples: storage.array(index))
        }
    }

    /// The uncertain cells the targets need, each after the cells it uses.
    private func evaluationOrder(for targets: [Int], within uncertain: Set<Int>) -> [Int] {
        dependencyOrder(from: targets, including: uncertain.contains).filter { nodes[$0]?.kind == .cell }
    }
}

/// The output buffers, written by several threads at disjoint block ranges.
final class SimulationStorage: @unchecked Sendable {
    private var buffers: [UnsafeMutableBufferPointer<Double>]

    init(outputs: Int, samples: Int) {
        buffers = (0..<outputs).map { _ in
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: samples)
            buffer.initialize(repeating: .nan)
            return buffer
        }
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
    let targets: [(Int, String?)]
    let seed: UInt64
    let samples: Int
    let blocks: Int
    let storage: SimulationStorage

    func run(worker: Int, of workers: Int) -> EvalError? {
        var block = worker
        let table = NodeTable(nodes: model.nodes)
        while block < blocks {
            if let isCancelled = model.isCancelled, isCancelled() { return .interrupted }
            let offset = block * Model.blockSize
            let count = min(Model.blockSize, samples - offset)
            let domain = BlockDomain(
                context: table, count: count, seed: seed, block: block, slots: model.nodes.count, varying: order)
            var interpreter = Interpreter(domain: domain)
            for id in order {
                guard let node = model.nodes[id] else { continue }
                interpreter.domain.cellSlot = id
                do throws(EvalError) {
                    let lanes = try interpreter.run(node.code)
                    interpreter.domain.store(lanes, for: id)
                } catch {
                    return EvalError("in `\(node.name)` under simulation: \(error.message)", kind: error.kind)
                }
            }
            for (index, (id, field)) in targets.enumerated() {
                var lanes = (try? interpreter.domain.cell(id)) ?? .number(.constant(.nan), .plain)
                if let field {
                    if case .record(let keys, let fields) = lanes, let at = keys.firstIndex(of: field) {
                        lanes = fields[at]
                    } else {
                        lanes = .number(.constant(.nan), .plain)
                    }
                }
                if let values = lanes.samples(count: count) { storage.write(index, at: offset, values) }
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
