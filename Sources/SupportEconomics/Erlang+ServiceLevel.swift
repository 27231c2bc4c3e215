import Glibc

/// Erlang C service measures and staffing (M/M/N, infinite patience), DOMAIN.md §6.2.
extension Erlang {
    /// The share of contacts answered within `answerTime`: SL = 1 − C·exp(−(N − A)·t / AHT).
    ///
    /// DOMAIN.md §6.2. Throws when `agents <= rate × aht`: the queue then has no steady state.
    /// - Parameters:
    ///   - rate: arrivals per second.
    ///   - aht: average handle time in seconds.
    ///   - agents: a whole number of agents.
    ///   - answerTime: the service-level threshold t in seconds (0 gives 1 − C).
    public static func serviceLevel(
        rate: Double, aht: Double, agents: Double, answerTime: Double
    ) throws(StaffingError) -> Double {
        let traffic = try checkedTraffic(rate: rate, aht: aht)
        let servers = try checkedAgents(agents)
        let threshold = try checkedAnswerTime(answerTime)
        try requireStableQueue(traffic: traffic, agents: servers)
        let wait = erlangC(blocking: erlangB(traffic: traffic, agents: servers), traffic: traffic, agents: servers)
        return serviceLevel(waitProbability: wait, traffic: traffic, agents: servers, aht: aht, answerTime: threshold)
    }

    /// The average speed of answer in seconds over all contacts: ASA = C·AHT / (N − A) (DOMAIN.md §6.2).
    ///
    /// Throws when `agents <= rate × aht` (the mean wait is unbounded).
    /// - Parameters:
    ///   - rate: arrivals per second.
    ///   - aht: average handle time in seconds.
    ///   - agents: a whole number of agents.
    public static func averageSpeedOfAnswer(rate: Double, aht: Double, agents: Double) throws(StaffingError) -> Double {
        let traffic = try checkedTraffic(rate: rate, aht: aht)
        let servers = try checkedAgents(agents)
        try requireStableQueue(traffic: traffic, agents: servers)
        let wait = erlangC(blocking: erlangB(traffic: traffic, agents: servers), traffic: traffic, agents: servers)
        return wait * aht / (servers - traffic)
    }

    /// The share of agents' time spent handling contacts: occupancy = A / N (DOMAIN.md §6.2).
    ///
    /// Throws when `agents <= rate × aht`: agents are then busy all the time and the queue has no steady state.
    /// - Parameters:
    ///   - rate: arrivals per second.
    ///   - aht: average handle time in seconds.
    ///   - agents: a whole number of agents.
    public static func occupancy(rate: Double, aht: Double, agents: Double) throws(StaffingError) -> Double {
        let traffic = try checkedTraffic(rate: rate, aht: aht)
        let servers = try checkedAgents(agents)
        try requireStableQueue(traffic: traffic, agents: servers)
        return traffic / servers
    }

    /// The smallest whole number of agents N > A whose service level reaches the target (Erlang C).
    ///
    /// N_required = min{ N > A : SL(t) ≥ target and A/N ≤ maxOccupancy } (DOMAIN.md §6.2), the cap
    /// compared with a relative tolerance of 1e-12 (`occupancyTolerance`: an exact tie is not lost to rounding). Both
    /// conditions only get easier as N grows, so the search starts at the larger of ⌊A⌋ + 1 and the
    /// occupancy floor ⌈A / maxOccupancy⌉ and steps up one agent at a time, updating Erlang B in O(1) per
    /// step: O(N) in all, a few microseconds per thousand agents. Throws when no pool of up to
    /// 1,000,000 agents meets the target.
    /// - Parameters:
    ///   - rate: arrivals per second.
    ///   - aht: average handle time in seconds.
    ///   - targetServiceLevel: the share to answer within `answerTime`, strictly between 0 and 1.
    ///   - answerTime: the service-level threshold in seconds.
    ///   - maxOccupancy: an optional cap on A/N, above 0 and at most 1.
    public static func agentsNeeded(
        rate: Double, aht: Double, targetServiceLevel: Double, answerTime: Double, maxOccupancy: Double?
    ) throws(StaffingError) -> Double {
        let traffic = try checkedTraffic(rate: rate, aht: aht)
        let target = try checkedTarget(targetServiceLevel)
        let threshold = try checkedAnswerTime(answerTime)
        var servers = traffic.rounded(.down) + 1
        if let maxOccupancy {
            let cap = try checkedMaxOccupancy(maxOccupancy)
            let floor = fewestAgents(traffic: traffic, maxOccupancy: cap)
            guard floor <= maximumAgents else { throw unreachableOccupancy(cap, traffic: traffic) }
            servers = max(servers, floor)
        }
        guard servers <= maximumAgents else { throw unreachableTarget(target, answerTime: threshold, traffic: traffic) }
        var blocking = erlangB(traffic: traffic, agents: servers)
        while servers <= maximumAgents {
            let wait = erlangC(blocking: blocking, traffic: traffic, agents: servers)
            let level = serviceLevel(
                waitProbability: wait, traffic: traffic, agents: servers, aht: aht, answerTime: threshold)
            if level >= target { return servers }
            servers += 1
            blocking = nextBlocking(blocking, traffic: traffic, agents: servers)
        }
        throw unreachableTarget(target, answerTime: threshold, traffic: traffic)
    }

    /// SL(t) = 1 − C·exp(−(N − A)·t / AHT) from a known wait probability C (DOMAIN.md §6.2), for N > A.
    static func serviceLevel(
        waitProbability: Double, traffic: Double, agents: Double, aht: Double, answerTime: Double
    ) -> Double {
        max(0, 1 - waitProbability * exp(-(agents - traffic) * answerTime / aht))
    }

    /// The relative tolerance of the occupancy cap: A/N within this share of the cap counts as meeting it.
    ///
    /// The traffic reaches the search already rounded: `1224 per 30 min` is stored as 1224/1800 = 0.68 (one
    /// rounding) and A = 0.68 × 600 s is 408.00000000000006 Erlangs, not 408, so the exact tie 408/480 = 85%
    /// would need 481 agents (the floating-point trap pyworkforce also falls into). Every input carries at
    /// most a few roundings of 2⁻⁵³ each, so a tie within 1e-12 of the cap is a tie; a real excess of one
    /// part in a million (`1224.001 per 30 min`) still needs the next agent.
    static let occupancyTolerance = 1e-12

    /// True when `traffic` Erlangs on `agents` agents keep the occupancy A/N at or below `maxOccupancy`,
    /// with a tie within `occupancyTolerance` (relative) counted as meeting the cap.
    static func meetsOccupancy(traffic: Double, agents: Double, maxOccupancy: Double) -> Bool {
        traffic <= maxOccupancy * agents * (1 + occupancyTolerance)
    }

    /// The smallest whole N with A/N ≤ `maxOccupancy` (a tie within `occupancyTolerance` meets the cap).
    private static func fewestAgents(traffic: Double, maxOccupancy: Double) -> Double {
        var agents = max(1, (traffic / maxOccupancy).rounded(.up))
        guard agents <= maximumAgents else { return agents }
        while agents <= maximumAgents, !meetsOccupancy(traffic: traffic, agents: agents, maxOccupancy: maxOccupancy) {
            agents += 1
        }
        while agents > 1, meetsOccupancy(traffic: traffic, agents: agents - 1, maxOccupancy: maxOccupancy) {
            agents -= 1
        }
        return agents
    }
}
