import Foundation
import SupportEconomics
import Testing

/// Bad inputs are reported as a `StaffingError` with a clear message, never as NaN, infinity or a crash.
@Suite("Staffing errors")
struct StaffingErrorTests {
    /// Each bad call throws, and its message says what is wrong with the numbers involved (in full for most).
    @Test(arguments: BadCall.all)
    fileprivate func reportsError(_ call: BadCall) {
        let error = #expect(throws: StaffingError.self) { try call.run() }
        let message = error?.message ?? "(no error)"
        #expect(message.contains(call.expected), "message was: \(message)")
    }

    /// A sweep over extreme inputs: every result is a finite number in range, or a `StaffingError`.
    @Test func extremeInputsGiveFiniteResultsOrErrors() {
        let (handleTimes, answerTimes, patiences) = ([0.5, 300, 1e5], [0.0, 20, 1e7], [1e-3, 30, 1e6])
        for rate in [1e-9, 0.01, 1, 50] {
            for aht in handleTimes {
                for agents in [0.0, 1, 7, 2000] {
                    expectFiniteOrError(0...1) { try Erlang.occupancy(rate: rate, aht: aht, agents: agents) }
                    expectFiniteOrError(0...1e300) {
                        try Erlang.averageSpeedOfAnswer(rate: rate, aht: aht, agents: agents)
                    }
                    for answerTime in answerTimes {
                        expectFiniteOrError(0...1) {
                            try level(rate: rate, aht: aht, agents: agents, answerTime: answerTime)
                        }
                        for patience in patiences {
                            expectFiniteOrError(0...1) {
                                try Erlang.abandonRate(rate: rate, aht: aht, agents: agents, patience: patience)
                            }
                            expectFiniteOrError(0...1) {
                                try Erlang.serviceLevelA(
                                    rate: rate, aht: aht, agents: agents, answerTime: answerTime, patience: patience)
                            }
                        }
                    }
                }
                for answerTime in answerTimes {
                    expectFiniteOrError(1...1_000_000) {
                        try Erlang.agentsNeeded(
                            rate: rate, aht: aht, targetServiceLevel: 0.8, answerTime: answerTime, maxOccupancy: 0.9)
                    }
                    for patience in patiences {
                        expectFiniteOrError(1...1_000_000) {
                            try Erlang.agentsNeededA(
                                rate: rate, aht: aht, targetServiceLevel: 0.8, answerTime: answerTime,
                                patience: patience)
                        }
                    }
                }
            }
        }
    }
}

/// Runs `call`, which must either throw a `StaffingError` or return a finite number within `range`.
func expectFiniteOrError(
    _ range: ClosedRange<Double>, sourceLocation: SourceLocation = #_sourceLocation, _ call: () throws -> Double
) {
    do {
        let value = try call()
        #expect(value.isFinite && range.contains(value), "got \(value)", sourceLocation: sourceLocation)
    } catch {
        #expect(error is StaffingError, "threw \(error)", sourceLocation: sourceLocation)
    }
}

/// Checks `actual` against a value printed in DOMAIN.md, to half a unit of its last printed digit.
func expectPrinted(
    _ actual: Double, _ printed: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let expected = Double(printed) ?? .nan
    let decimals = printed.split(separator: ".").dropFirst().first?.count ?? 0
    let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-12
    #expect(abs(actual - expected) <= tolerance, "\(actual) vs printed \(printed)", sourceLocation: sourceLocation)
}

/// A call with bad inputs and a fragment its error message must contain.
struct BadCall: Sendable, CustomTestStringConvertible {
    /// What is wrong, as the test's name.
    let testDescription: String
    /// A fragment of the expected message.
    let expected: String
    /// The call itself.
    let run: @Sendable () throws -> Double

    /// Every bad call checked by `StaffingErrorTests.reportsError`.
    static let all: [BadCall] = [
        BadCall("fractional agents", "agents must be a whole number (got 2.5)") { try c(agents: 2.5) },
        BadCall("negative agents", "agents cannot be negative (got -1)") { try c(agents: -1) },
        BadCall("NaN agents", "agents must be a whole number (got NaN)") { try level(agents: .nan) },
        BadCall("too many agents", "agents must be at most 1,000,000 (got 2,000,000)") { try c(agents: 2e6) },
        BadCall("negative traffic", "traffic must be 0 Erlangs or more (got -1.5)") { try c(traffic: -1.5) },
        BadCall("infinite traffic", "traffic must be 0 Erlangs or more (got infinity)") { try c(traffic: .infinity) },
        BadCall("zero rate", "the arrival rate must be above zero and finite (got 0)") { try level(rate: 0) },
        BadCall("negative rate", "the arrival rate must be above zero and finite (got -1)") { try needed(rate: -1) },
        BadCall("NaN rate", "the arrival rate must be above zero and finite (got NaN)") { try levelA(rate: .nan) },
        BadCall("zero AHT", "the average handle time must be above zero and finite (got 0 s)") { try level(aht: 0) },
        BadCall("infinite AHT", "handle time must be above zero and finite (got infinity s)") {
            try needed(aht: .infinity)
        },
        BadCall("at capacity", "48 agents cannot carry 48 Erlangs of traffic: the queue grows without bound") {
            try level(agents: 48)
        },
        BadCall("overloaded ASA", "40 agents cannot carry 48 Erlangs of traffic: the queue grows without bound") {
            try Erlang.averageSpeedOfAnswer(rate: 0.2, aht: 240, agents: 40)
        },
        BadCall("fractional traffic", "400 agents cannot carry 416.67 Erlangs of traffic") {
            try level(rate: 2500.0 / 1800, aht: 300, agents: 400)
        },
        BadCall("one agent", "1 agent cannot carry 1 Erlang of traffic") { try level(rate: 1.0 / 240, agents: 1) },
        BadCall("no agents", "0 agents cannot carry 48 Erlangs of traffic") {
            try Erlang.occupancy(rate: 0.2, aht: 240, agents: 0)
        },
        BadCall("target 0%", "target service level must be above 0% and below 100% (got 0%)") { try needed(target: 0) },
        BadCall("target 100%", "service level must be above 0% and below 100% (got 100%)") { try needed(target: 1) },
        BadCall("target 120%", "must be above 0% and below 100% (got 120%)") { try neededA(target: 1.2) },
        BadCall("target -7%", "must be above 0% and below 100% (got -7%)") { try needed(target: -0.07) },
        BadCall("cap 0%", "the maximum occupancy must be above 0% and at most 100% (got 0%)") { try needed(cap: 0) },
        BadCall("cap 150%", "occupancy must be above 0% and at most 100% (got 150%)") { try needed(cap: 1.5) },
        BadCall("negative t", "the answer time must be 0 s or more and finite (got -5 s)") {
            try level(answerTime: -5)
        },
        BadCall("2M Erlangs", "a service level of 80% within 20 s cannot be met with 1,000,000 agents or fewer") {
            try needed(rate: 2e4, aht: 100)
        },
        BadCall("cap out of reach", "an occupancy of at most 0.001% cannot be kept with 1,000,000 agents or fewer") {
            try needed(cap: 1e-5)
        },
        BadCall("A out of reach", "cannot be met with 1,000,000 agents or fewer (traffic 5,000,000 Erlangs)") {
            try neededA(rate: 5e4, aht: 100)
        },
        BadCall("zero patience", "patience must be above zero and finite (got 0 s)") {
            try Erlang.abandonRate(rate: 0.2, aht: 240, agents: 40, patience: 0)
        },
        BadCall("negative patience", "patience must be above zero and finite (got -5 s)") { try levelA(patience: -5) },
        BadCall("infinite patience", "patience must be above zero and finite (got infinity s)") {
            try neededA(patience: .infinity)
        },
        BadCall("fractional agents, Erlang A", "agents must be a whole number (got 7.5)") { try levelA(agents: 7.5) },
    ]

    /// Names a bad call, says what its message must contain, and wraps the call.
    init(_ name: String, _ expected: String, _ run: @escaping @Sendable () throws -> Double) {
        testDescription = name
        self.expected = expected
        self.run = run
    }
}
