import Foundation
import SupportEconomics
import Testing

/// One data line of shared/oracles/erlang.csv: its numbers by column name (its README names the columns).
struct OracleRow: Sendable, CustomTestStringConvertible {
    /// The line in the file (the header is line 1).
    let line: Int
    /// The numbers by column; empty cells are absent.
    let columns: [String: Double]

    /// The number in `column`, NaN for an empty cell (NaN then fails every comparison).
    subscript(_ column: String) -> Double { columns[column] ?? .nan }
    /// Arrivals per second (`arrivals` per `interval_min` minutes).
    var rate: Double { self["arrivals"] / (self["interval_min"] * 60) }
    /// Whether the row has the Erlang A columns (rows below 400 Erlangs do).
    var hasErlangA: Bool { columns["agents_a"] != nil }
    /// Names the row by its line, so a failure points into the CSV.
    var testDescription: String { "erlang.csv line \(line) (A = \(self["traffic_erlangs"]))" }
}

/// A malformed or missing oracle file.
struct OracleError: Error, CustomStringConvertible {
    /// What is wrong, and where.
    let description: String
}

/// Loads shared/oracles/erlang.csv (see shared/oracles/README.md for its columns).
enum OracleTable {
    /// The rows, for parameterised tests (empty when the file is missing: `oracleTableLoads` then fails).
    static let rows: [OracleRow] = (try? load()) ?? []

    /// Where the oracle file is.
    ///
    /// `$SUPPORTPLAN_ORACLES/erlang.csv` when that variable is set; otherwise `<repo>/../shared/oracles/erlang.csv`,
    /// with `<repo>` found from this file's real path (symlinks resolved, so a scratch package may link it).
    static var location: URL {
        if let directory = ProcessInfo.processInfo.environment["SUPPORTPLAN_ORACLES"] {
            return URL(fileURLWithPath: directory).appendingPathComponent("erlang.csv")
        }
        let testFile = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let repository = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/oracles/erlang.csv")
    }

    /// Parses every data line of the file; throws on a missing file or a malformed line.
    static func load() throws -> [OracleRow] {
        let text = try String(contentsOf: location, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { throw OracleError(description: "\(location.path) is empty") }
        return try lines.dropFirst().enumerated().map { index, cells in
            guard cells.count == header.count else {
                throw OracleError(description: "line \(index + 2) has \(cells.count) cells, not \(header.count)")
            }
            var columns: [String: Double] = [:]
            for (name, cell) in zip(header, cells) where !cell.isEmpty {
                guard let value = Double(cell) else {
                    throw OracleError(description: "line \(index + 2): \(name) = \(cell) is not a number")
                }
                columns[name] = value
            }
            return OracleRow(line: index + 2, columns: columns)
        }
    }
}

/// Erlang B and C from the M/M/N stationary distribution π_j ∝ A^j / j!, summed directly in log space.
struct DirectErlang {
    /// π_N / Σ_{j≤N} π_j of the loss system.
    let blocking: Double
    /// P(j ≥ N) of the delay system, with the geometric queue tail π_N·N/(N − A).
    let wait: Double

    /// Sums the distribution for `traffic` Erlangs and `agents` servers (traffic above zero).
    init(traffic: Double, agents: Int) {
        var logWeights = [0.0]
        for count in stride(from: 1, through: agents, by: 1) {
            logWeights.append(logWeights[count - 1] + log(traffic / Double(count)))
        }
        let logTop = logWeights[agents]
        blocking = exp(logTop - logSumExp(logWeights))
        guard Double(agents) > traffic else {
            wait = 1
            return
        }
        let logQueue = logTop + log(Double(agents) / (Double(agents) - traffic))
        wait = exp(logQueue - logSumExp(logWeights.dropLast() + [logQueue]))
    }
}

/// ln Σ e^(v), without overflow.
func logSumExp(_ values: [Double]) -> Double {
    let peak = values.max() ?? -.infinity
    guard peak.isFinite else { return peak }
    return peak + log(values.reduce(0) { $0 + exp($1 - peak) })
}

/// Erlang A cases for the brute-force chain (rate /s, AHT s, agents, patience s, answer time s): the DOMAIN.md §6.3
/// vectors, short and long patience, overload, t = 0, long t, one agent, and 2,000- and 9,900-agent pools.
let chainCases: [(Double, Double, Int, Double, Double)] = [
    (400.0 / 3600, 180, 20, 120, 20), (100.0 / 3600, 600, 15, 180, 60), (45.0 / 3600, 504, 8, 120, 20),
    (120.0 / 3600, 240, 6, 10, 5), (2.0, 60, 100, 45, 10), (0.2, 240, 55, 3600, 15), (0.2, 240, 40, 90, 0),
    (0.2, 240, 50, 90, 600), (0.01, 300, 1, 30, 10), (1950.0 / 180, 180, 2000, 120, 20),
    (2100.0 / 300, 300, 2000, 600, 30), (9800.0 / 300, 300, 9900, 300, 20),
]

/// The M/M/N+M queue solved by brute force, independently of the closed forms.
///
/// The stationary distribution is the birth–death chain (births λ; deaths min(j, N)·μ + max(j − N, 0)·θ),
/// in log space, truncated once the queue terms fall e^80 below the peak. An arrival that finds k waiting
/// (PASTA) then has k customers ahead; the chance it is served within t is found by uniformising the
/// chain of its position (ahead: k → k − 1 at N·μ + k·θ; head of the queue → served at N·μ; its own
/// abandonment at θ) and weighting the step counts with Poisson probabilities.
struct BirthDeathChain {
    /// P(W > 0).
    let waitProbability: Double
    /// P(Ab) = Σ_k k·θ·π_{N+k} / λ.
    let abandonProbability: Double
    /// P(served and W ≤ t).
    let serviceLevel: Double

    /// Solves the chain for one case (all times in seconds).
    init(rate: Double, aht: Double, agents: Int, patience: Double, answerTime: Double) {
        let serviceRate = 1 / aht
        let abandonment = 1 / patience
        let servers = Double(agents)
        var logWeights = [0.0]
        for busy in stride(from: 1, through: agents, by: 1) {
            logWeights.append(logWeights[busy - 1] + log(rate / (Double(busy) * serviceRate)))
        }
        var peak = logWeights.max() ?? 0
        let balance = (rate - servers * serviceRate) / abandonment
        var waiting = 0.0
        while true {
            waiting += 1
            let next = (logWeights.last ?? 0) + log(rate / (servers * serviceRate + waiting * abandonment))
            logWeights.append(next)
            peak = max(peak, next)
            if waiting > balance, next < peak - 80 { break }
        }
        let logTotal = logSumExp(logWeights)
        let queue = logWeights[agents...].map { exp($0 - logTotal) }
        waitProbability = queue.reduce(0, +)
        abandonProbability =
            queue.enumerated().reduce(0) { $0 + Double($1.offset) * abandonment * $1.element } / rate
        let servedInTime = Self.servedWithin(
            answerTime, ahead: queue, serviceCapacity: servers * serviceRate, abandonment: abandonment)
        serviceLevel = 1 - waitProbability + servedInTime
    }

    /// P(W > 0 and served within `time`): uniformisation of a waiting arrival's position.
    private static func servedWithin(
        _ time: Double, ahead: [Double], serviceCapacity: Double, abandonment: Double
    ) -> Double {
        let uniform = serviceCapacity + Double(ahead.count) * abandonment
        let mean = uniform * time
        guard mean > 0 else { return 0 }
        var position = ahead
        var next = ahead
        var served = 0.0
        var total = 0.0
        for step in 0...Int(mean + 12 * mean.squareRoot() + 40) {
            total += exp(-mean + Double(step) * log(mean) - lgamma(Double(step) + 1)) * served
            served += position[0] * serviceCapacity / uniform
            for index in position.indices {
                let moving = (serviceCapacity + Double(index) * abandonment) / uniform
                let stay = 1 - moving - abandonment / uniform
                let arriving =
                    index + 1 < position.count
                    ? position[index + 1] * (serviceCapacity + Double(index + 1) * abandonment) / uniform : 0
                next[index] = position[index] * stay + arriving
            }
            swap(&position, &next)
        }
        return total
    }
}
