import Glibc

/// Erlang A: staffing with abandonment (M/M/N+M, exponential patience), DOMAIN.md §6.3.
///
/// Sources (via DOMAIN.md §6.3): Palm (1946); Garnett, Mandelbaum & Reiman (2002); Mandelbaum & Zeltyn,
/// "The Palm/Erlang-A Queue, with Applications to Call Centers" (2004/2005). With θ = 1/patience,
/// μ = 1/AHT, x = N·μ/θ, y = λ/θ, E = Erlang B(N, A) and S = S(x, y):
///
///     P(W > 0)              = S·E / (1 + (S − 1)·E)
///     P(Ab | W > 0)         = 1 − (x/y)·(1 − 1/S)          (= 1/(ρS) + 1 − 1/ρ)
///     P(served and W ≤ t)   = 1 − P(W > 0) + P(W > 0)·(x/y)·[P(x+1, y) − P(x+1, y·e^(−θt))] / P(x, y)
///
/// The first P(x+1, y) term equals (y/x)·P(x, y)·(1 − 1/S), so the service level is computed as
/// 1 − P(W > 0)·[P(Ab | W > 0) + (x/y)·P(x+1, y·e^(−θt)) / P(x, y)]: the failures are the abandoners plus
/// those served after t. Every ratio is taken in log space (`Erlang.IncompleteGamma`), so pools of
/// 10,000+ agents and large y = λ·patience stay exact; unlike Erlang C, any N ≥ 0 is stable.
extension Erlang {
    /// The share of arrivals who abandon before being served: P(Ab) = P(Ab | W > 0)·P(W > 0).
    ///
    /// DOMAIN.md §6.3. The mean wait over all arrivals follows as P(Ab)·patience. With 0 agents everyone
    /// abandons (1).
    /// - Parameters:
    ///   - rate: arrivals per second.
    ///   - aht: average handle time in seconds.
    ///   - agents: a whole number of agents (any, also at or below the traffic).
    ///   - patience: mean patience in seconds (exponentially distributed).
    public static func abandonRate(
        rate: Double, aht: Double, agents: Double, patience: Double
    ) throws(StaffingError) -> Double {
        let traffic = try checkedTraffic(rate: rate, aht: aht)
        let servers = try checkedAgents(agents)
        let meanPatience = try checkedPatience(patience)
        let queue = try AbandonmentQueue(
            rate: rate, aht: aht, traffic: traffic, agents: servers, patience: meanPatience)
        return queue.abandonProbability
    }

    /// The share of arrivals served within `answerTime`, abandoners counted as failures (Erlang A).
    ///
    /// P(served and W ≤ t) of DOMAIN.md §6.3; with `answerTime` 0 it is 1 − P(W > 0), and as it grows it
    /// tends to 1 − P(Ab).
    /// - Parameters:
    ///   - rate: arrivals per second.
    ///   - aht: average handle time in seconds.
    ///   - agents: a whole number of agents (any, also at or below the traffic).
    ///   - answerTime: the service-level threshold t in seconds.
    ///   - patience: mean patience in seconds (exponentially distributed).
    public static func serviceLevelA(
        rate: Double, aht: Double, agents: Double, answerTime: Double, patience: Double
    ) throws(StaffingError) -> Double {
        let traffic = try checkedTraffic(rate: rate, aht: aht)
        let servers = try checkedAgents(agents)
        let threshold = try checkedAnswerTime(answerTime)
        let meanPatience = try checkedPatience(patience)
        let queue = try AbandonmentQueue(
            rate: rate, aht: aht, traffic: traffic, agents: servers, patience: meanPatience)
        return try queue.serviceLevel(answerTime: threshold)
    }

    /// The smallest whole number of agents N ≥ 1 whose `serviceLevelA` reaches the target.
    ///
    /// The result may be below the traffic in Erlangs (abandonment keeps the queue finite). The service
    /// level rises with N, so the search brackets the answer by doubling steps from N = round(A) and then
    /// bisects: about 2·log2(|answer − A|) + 2 evaluations of O(N) each. Throws when even 1,000,000
    /// agents fall short.
    /// - Parameters:
    ///   - rate: arrivals per second.
    ///   - aht: average handle time in seconds.
    ///   - targetServiceLevel: the share to serve within `answerTime`, strictly between 0 and 1.
    ///   - answerTime: the service-level threshold in seconds.
    ///   - patience: mean patience in seconds (exponentially distributed).
    public static func agentsNeededA(
        rate: Double, aht: Double, targetServiceLevel: Double, answerTime: Double, patience: Double
    ) throws(StaffingError) -> Double {
        let traffic = try checkedTraffic(rate: rate, aht: aht)
        let target = try checkedTarget(targetServiceLevel)
        let threshold = try checkedAnswerTime(answerTime)
        let meanPatience = try checkedPatience(patience)
        /// Whether `agents` agents reach the target.
        func meets(_ agents: Double) throws(StaffingError) -> Bool {
            let queue = try AbandonmentQueue(
                rate: rate, aht: aht, traffic: traffic, agents: agents, patience: meanPatience)
            return try queue.serviceLevel(answerTime: threshold) >= target
        }
        // Invariant: `failing` misses the target (0 agents serve nobody), `meeting` reaches it.
        let guess = min(max(1, traffic.rounded()), maximumAgents)
        var failing = 0.0
        var meeting = guess
        var step = 1.0
        if try meets(guess) {
            while meeting - step >= 1 {
                if try meets(meeting - step) {
                    meeting -= step
                    step *= 2
                } else {
                    failing = meeting - step
                    break
                }
            }
        } else {
            failing = guess
            while true {
                let candidate = min(failing + step, maximumAgents)
                if try meets(candidate) {
                    meeting = candidate
                    break
                }
                guard candidate < maximumAgents else {
                    throw unreachableTarget(target, answerTime: threshold, traffic: traffic)
                }
                failing = candidate
                step *= 2
            }
        }
        while meeting - failing > 1 {
            let middle = ((failing + meeting) / 2).rounded(.down)
            if try meets(middle) { meeting = middle } else { failing = middle }
        }
        return meeting
    }

    /// The steady state of an M/M/N+M queue, as the closed forms of DOMAIN.md §6.3 describe it.
    struct AbandonmentQueue {
        /// P(W > 0): the probability that an arrival has to wait.
        let waitProbability: Double
        /// P(Ab | W > 0): the probability that a waiting arrival abandons.
        let abandonGivenWait: Double
        /// x = N·μ/θ = N·patience / AHT (0 when there are no agents).
        let scaledAgents: Double
        /// y = λ/θ = rate·patience.
        let scaledRate: Double
        /// θ = 1 / patience, the abandonment rate of one waiting arrival.
        let abandonmentRate: Double
        /// P(x, y) and S(x, y) (nil when there are no agents).
        let gamma: IncompleteGamma?

        /// P(Ab) = P(Ab | W > 0)·P(W > 0), the share of arrivals who abandon.
        var abandonProbability: Double { min(1, max(0, waitProbability * abandonGivenWait)) }

        /// Solves the queue for validated inputs (rate, AHT, patience > 0; whole agents ≥ 0).
        init(rate: Double, aht: Double, traffic: Double, agents: Double, patience: Double) throws(StaffingError) {
            abandonmentRate = 1 / patience
            scaledRate = rate * patience
            scaledAgents = agents * (patience / aht)
            guard scaledRate > 0, scaledRate.isFinite, scaledAgents.isFinite else {
                throw StaffingError(
                    message: "Erlang A cannot be computed for these inputs: rate × patience or patience / handle "
                        + "time is out of range")
            }
            guard agents > 0 else {
                waitProbability = 1
                abandonGivenWait = 1
                gamma = nil
                return
            }
            let series = try Erlang.incompleteGamma(
                shape: scaledAgents, argument: scaledRate, logArgument: log(scaledRate))
            let blocking = Erlang.erlangB(traffic: traffic, agents: agents)
            if blocking > 0 {
                // P(W > 0) = 1 / (1 + (1/E − 1)/S), with (1/E − 1)/S formed in log space.
                let logOdds = log1p(-blocking) - log(blocking) - series.logSeries
                waitProbability = 1 / (1 + exp(logOdds))
            } else {
                waitProbability = 0
            }
            abandonGivenWait = max(0, 1 - scaledAgents * (series.seriesComplement / scaledRate))
            gamma = series
        }

        /// P(served and W ≤ t), abandoners counted as failures (DOMAIN.md §6.3).
        func serviceLevel(answerTime: Double) throws(StaffingError) -> Double {
            guard let gamma else { return 0 }
            let decay = answerTime * abandonmentRate
            let logShifted = log(scaledRate) - decay
            let shifted = try Erlang.incompleteGamma(
                shape: scaledAgents + 1, argument: scaledRate * exp(-decay), logArgument: logShifted)
            // (x/y)·P(x+1, y·e^(−θt)) / P(x, y): served, but after t, given a wait.
            let logServedLate = log(scaledAgents) - log(scaledRate) + shifted.logRegularized - gamma.logRegularized
            let servedLate = min(exp(logServedLate), 1 - abandonGivenWait)
            return min(1, max(0, 1 - waitProbability * (abandonGivenWait + servedLate)))
        }
    }
}
