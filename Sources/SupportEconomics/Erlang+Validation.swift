/// Input checks shared by the staffing functions, and the number formatting of their error messages.
///
/// Each check returns its input unchanged when it is valid and otherwise throws a `StaffingError` whose
/// message names the parameter and the value received.
extension Erlang {
    /// Checks a traffic intensity in Erlangs: finite and not negative (0 is allowed: nobody calls).
    static func checkedTraffic(_ traffic: Double) throws(StaffingError) -> Double {
        guard traffic.isFinite, traffic >= 0 else {
            throw StaffingError(
                message: "traffic must be 0 Erlangs or more (got \(describe(traffic)))", parameter: .traffic)
        }
        return traffic
    }

    /// Checks an agent count: a finite whole number from 0 up to `maximumAgents`.
    static func checkedAgents(_ agents: Double) throws(StaffingError) -> Double {
        guard agents.isFinite, agents == agents.rounded() else {
            throw StaffingError(message: "agents must be a whole number (got \(describe(agents)))", parameter: .agents)
        }
        guard agents >= 0 else {
            throw StaffingError(message: "agents cannot be negative (got \(describe(agents)))", parameter: .agents)
        }
        guard agents <= maximumAgents else {
            throw StaffingError(
                message: "agents must be at most \(describe(maximumAgents)) (got \(describe(agents)))",
                parameter: .agents)
        }
        return agents
    }

    /// Checks an arrival rate (arrivals per second): finite and above zero.
    static func checkedRate(_ rate: Double) throws(StaffingError) -> Double {
        guard rate.isFinite, rate > 0 else {
            throw StaffingError(
                message: "the arrival rate must be above zero and finite (got \(describe(rate)))", parameter: .rate)
        }
        return rate
    }

    /// Checks an average handle time in seconds: finite and above zero.
    static func checkedHandleTime(_ aht: Double) throws(StaffingError) -> Double {
        guard aht.isFinite, aht > 0 else {
            throw StaffingError(
                message: "the average handle time must be above zero and finite (got \(describe(aht)) s)",
                parameter: .handleTime)
        }
        return aht
    }

    /// Checks an answer time (the service-level threshold) in seconds: finite and not negative.
    static func checkedAnswerTime(_ answerTime: Double) throws(StaffingError) -> Double {
        guard answerTime.isFinite, answerTime >= 0 else {
            throw StaffingError(
                message: "the answer time must be 0 s or more and finite (got \(describe(answerTime)) s)",
                parameter: .answerTime)
        }
        return answerTime
    }

    /// Checks a mean patience (Erlang A) in seconds: finite and above zero.
    static func checkedPatience(_ patience: Double) throws(StaffingError) -> Double {
        guard patience.isFinite, patience > 0 else {
            throw StaffingError(
                message: "patience must be above zero and finite (got \(describe(patience)) s)", parameter: .patience)
        }
        return patience
    }

    /// Checks a target service level: strictly between 0% and 100%.
    static func checkedTarget(_ target: Double) throws(StaffingError) -> Double {
        guard target.isFinite, target > 0, target < 1 else {
            throw StaffingError(
                message: "the target service level must be above 0% and below 100% (got \(percent(target)))",
                parameter: .target)
        }
        return target
    }

    /// Checks an occupancy cap: above 0% and at most 100%.
    static func checkedMaxOccupancy(_ occupancy: Double) throws(StaffingError) -> Double {
        guard occupancy.isFinite, occupancy > 0, occupancy <= 1 else {
            throw StaffingError(
                message: "the maximum occupancy must be above 0% and at most 100% (got \(percent(occupancy)))",
                parameter: .maxOccupancy)
        }
        return occupancy
    }

    /// The offered traffic A = rate × AHT in Erlangs, after checking both factors (DOMAIN.md §6, notation).
    static func checkedTraffic(rate: Double, aht: Double) throws(StaffingError) -> Double {
        let traffic = try checkedRate(rate) * checkedHandleTime(aht)
        guard traffic.isFinite else {
            throw StaffingError(message: "the traffic (rate × handle time) is too large to staff")
        }
        return traffic
    }

    /// Throws unless `agents > traffic`, the condition for an Erlang C queue to have a steady state.
    static func requireStableQueue(traffic: Double, agents: Double) throws(StaffingError) {
        guard agents > traffic else {
            let agentWord = agents == 1 ? "agent" : "agents"
            let erlangWord = traffic == 1 ? "Erlang" : "Erlangs"
            throw StaffingError(
                message: "\(describe(agents)) \(agentWord) cannot carry \(describe(traffic)) \(erlangWord) "
                    + "of traffic: the queue grows without bound")
        }
    }

    /// The error for a service-level target that no pool of up to `maximumAgents` agents meets.
    static func unreachableTarget(_ target: Double, answerTime: Double, traffic: Double) -> StaffingError {
        StaffingError(
            message: "a service level of \(percent(target)) within \(describe(answerTime)) s cannot be met "
                + "with \(describe(maximumAgents)) agents or fewer (traffic \(describe(traffic)) Erlangs)")
    }

    /// The error for an occupancy cap that would need more than `maximumAgents` agents.
    static func unreachableOccupancy(_ occupancy: Double, traffic: Double) -> StaffingError {
        StaffingError(
            message: "an occupancy of at most \(percent(occupancy)) cannot be kept with \(describe(maximumAgents)) "
                + "agents or fewer (traffic \(describe(traffic)) Erlangs)")
    }

    /// Formats a share as a percentage for an error message (`0.85` → `85%`).
    static func percent(_ share: Double) -> String {
        share.isFinite ? describe(share * 100) + "%" : describe(share)
    }

    /// Formats a number for an error message: thousands grouped, only the decimals it needs (2 to 12).
    static func describe(_ value: Double) -> String {
        guard value.isFinite else {
            return value.isNaN ? "NaN" : (value < 0 ? "-infinity" : "infinity")
        }
        guard abs(value) < 1e15 else { return "\(value)" }
        var scale = 100.0
        var shown = (value * scale).rounded() / scale
        while shown == shown.rounded(), shown != value, scale < 1e12 {
            scale *= 10
            shown = (value * scale).rounded() / scale
        }
        return shown == shown.rounded() ? grouped("\(Int64(shown))") : grouped("\(shown)")
    }

    /// Inserts thousands separators into the integer part of a plain decimal numeral (`-12345.5` → `-12,345.5`).
    private static func grouped(_ numeral: String) -> String {
        guard !numeral.contains("e") else { return numeral }
        let sign = numeral.hasPrefix("-") ? "-" : ""
        let unsigned = numeral.dropFirst(sign.count)
        let integerPart = unsigned.prefix { $0 != "." }
        let rest = unsigned.dropFirst(integerPart.count)
        var result = ""
        for (index, digit) in integerPart.enumerated() {
            if index > 0, (integerPart.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return sign + result + rest
    }
}
