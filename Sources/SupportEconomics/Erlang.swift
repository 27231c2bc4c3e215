/// An error a staffing function reports instead of NaN or infinity.
///
/// The message is complete and in the planner's words (with the numbers involved); it is shown as-is.
public struct StaffingError: Error, Equatable, Sendable {
    /// The parameter a check refused, so that a caller can point at the argument that holds it.
    public enum Parameter: Sendable, Equatable {
        case rate, handleTime, agents, traffic, answerTime, patience, target, maxOccupancy
    }

    /// What went wrong, ready to show to the user.
    public let message: String
    /// The parameter at fault, when one is (nil: the combination, such as an overloaded queue).
    public var parameter: Parameter?

    /// Creates an error.
    public init(message: String, parameter: Parameter? = nil) {
        self.message = message
        self.parameter = parameter
    }
}

/// Staffing numerics for a contact centre: Erlang B, Erlang C (M/M/N) and Erlang A (M/M/N+M).
///
/// Units: times in seconds, rates in arrivals per second, traffic in Erlangs (rate × AHT), agents as a
/// `Double` that must hold a whole number. Every function validates its inputs and throws a
/// `StaffingError` rather than return NaN or infinity.
///
/// Formulas are those of DOMAIN.md §6: §6.1 (Erlang B recursion), §6.2 (Erlang C, service level, ASA,
/// occupancy, required agents) and §6.3 (Erlang A closed forms). The Erlang B recursion is O(N) and
/// stays in (0, 1], so pools of 10,000+ agents are exact and fast; no factorial is ever formed.
public enum Erlang {
    /// The largest pool the staffing functions accept or search: the "sane bound" for every input and search.
    static let maximumAgents = 1_000_000.0

    /// Erlang B: the probability that an arrival finds all `agents` busy in a loss system (M/M/N/N).
    ///
    /// Computed by the recursion B(k) = A·B(k−1) / (k + A·B(k−1)), B(0) = 1 (DOMAIN.md §6.1).
    /// - Parameters:
    ///   - traffic: offered load A in Erlangs, 0 or more.
    ///   - agents: a whole number of servers, 0 or more.
    public static func blocking(traffic: Double, agents: Double) throws(StaffingError) -> Double {
        let load = try checkedTraffic(traffic)
        let servers = try checkedAgents(agents)
        return erlangB(traffic: load, agents: servers)
    }

    /// Erlang C: the probability that an arrival has to wait (M/M/N, infinite patience).
    ///
    /// C = N·B / (N − A·(1 − B)) with B = Erlang B (DOMAIN.md §6.2). When `agents <= traffic` the queue
    /// never empties, so every arrival waits and the result is 1 (not an error).
    /// - Parameters:
    ///   - traffic: offered load A in Erlangs, 0 or more.
    ///   - agents: a whole number of agents, 0 or more.
    public static func waitProbability(traffic: Double, agents: Double) throws(StaffingError) -> Double {
        let load = try checkedTraffic(traffic)
        let servers = try checkedAgents(agents)
        if servers <= load { return 1 }
        return erlangC(blocking: erlangB(traffic: load, agents: servers), traffic: load, agents: servers)
    }

    /// Erlang B by the stable forward recursion of DOMAIN.md §6.1 (inputs already validated).
    ///
    /// Each step maps (0, 1] into (0, 1], so nothing overflows; for N far above A the value underflows
    /// gracefully towards 0.
    static func erlangB(traffic: Double, agents: Double) -> Double {
        var blocking = 1.0
        var servers = 1.0
        while servers <= agents {
            blocking = nextBlocking(blocking, traffic: traffic, agents: servers)
            servers += 1
        }
        return blocking
    }

    /// One step of the Erlang B recursion: B(N) from B(N − 1) (DOMAIN.md §6.1).
    static func nextBlocking(_ previous: Double, traffic: Double, agents: Double) -> Double {
        let carried = traffic * previous
        return carried / (agents + carried)
    }

    /// Erlang C from Erlang B: C = N·B / (N − A·(1 − B)), for N > A (DOMAIN.md §6.2).
    static func erlangC(blocking: Double, traffic: Double, agents: Double) -> Double {
        min(1, agents * blocking / (agents - traffic + traffic * blocking))
    }
}
