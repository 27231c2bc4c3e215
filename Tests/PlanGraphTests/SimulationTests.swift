import PlanCore
import PlanGraph
import Testing

/// The mean of the finite samples.
private func mean(_ samples: [Double]) -> Double {
    let finite = samples.filter(\.isFinite)
    return finite.reduce(0, +) / Double(finite.count)
}

@Suite("Monte Carlo")
struct SimulationTests {
    @Test("the same seed gives the same samples, whatever the number of threads")
    func reproducible() throws {
        let m = try model([("a", "80k to 120k"), ("b", "uniform(2, 4)"), ("c", "a * b")])
        let one = try m.simulate(["c"], samples: 10_000, seed: 7, workers: 1)
        let two = try m.simulate(["c"], samples: 10_000, seed: 7, workers: 2)
        let other = try m.simulate(["c"], samples: 10_000, seed: 8, workers: 2)
        #expect(one[0].samples == two[0].samples)
        #expect(one[0].samples != other[0].samples)
    }

    @Test("cancellation stops a simulation within a block, before the next cell, not only between blocks")
    func cancelledWithinBlock() throws {
        /// How many times cancellation was asked for (one worker: one thread).
        final class Calls: @unchecked Sendable { var count = 0 }
        var m = try model([("a", "1 to 2"), ("b", "a * 2"), ("c", "b + 1")])
        let calls = Calls()
        // The first question (before the only block of 100 samples) says go on; the next (before a cell) stops.
        m.isCancelled = {
            calls.count += 1
            return calls.count > 1
        }
        #expect(throws: EvalError.interrupted) { try m.simulate(["c"], samples: 100, seed: 1, workers: 1) }
        #expect(calls.count == 2)
    }

    @Test("means agree with the closed form within sampling error")
    func means() throws {
        let m = try model([("a", "normal(10, 2)"), ("b", "uniform(0, 6)"), ("c", "a + 2 * b")])
        let outputs = try m.simulate(["c"], samples: 200_000, seed: 1)
        // E[c] = 10 + 2·3 = 16; sd = sqrt(4 + 4·3) = 4, so the standard error is 0.009.
        #expect(abs(mean(outputs[0].samples) - 16) < 0.05)
    }

    @Test("only cells downstream of a distribution vary; constants stay constant")
    func downstreamOnly() throws {
        let m = try model([("fixed", "5"), ("r", "1 to 2"), ("mixed", "fixed * r"), ("plain", "fixed * 2")])
        #expect(Set(m.uncertainCellNames) == ["r", "mixed"])
        let outputs = try m.simulate(["plain"], samples: 1_000, seed: 1)
        #expect(outputs[0].samples.allSatisfy { $0 == 10 })
    }

    @Test("samples that divide by zero become failures (NaN), not dropped silently")
    func failures() throws {
        let m = try model([("x", "uniform(0, 2)"), ("step", "floor(x)"), ("y", "1 / step")])
        let outputs = try m.simulate(["y"], samples: 10_000, seed: 3)
        let failed = outputs[0].samples.filter { !$0.isFinite }.count
        #expect(failed > 4_000 && failed < 6_000)
    }

    @Test("records of distributions are simulated field by field")
    func records() throws {
        let m = try model([("share", "{a: uniform(10%, 30%), b: 50%}")])
        let outputs = try m.simulate(["share"], samples: 20_000, seed: 2)
        #expect(outputs.map(\.name) == ["share.a", "share.b"])
        #expect(abs(mean(outputs[0].samples) - 0.2) < 0.002)
        #expect(outputs[1].samples.allSatisfy { $0 == 0.5 })
    }

    /// `:simulate 5000 net_value csat_tier.complex` (#11 item 3): a field is one output, the same samples as the
    /// record's own field.
    @Test("one field of a record is simulated by its name, with the record's samples for that field")
    func oneField() throws {
        let m = try model([("share", "{a: uniform(10%, 30%), b: 50%}"), ("half", "share / 2")])
        let whole = try m.simulate(["half"], samples: 5_000, seed: 4)
        let field = try m.simulate(["half.a"], samples: 5_000, seed: 4)
        #expect(field.map(\.name) == ["half.a"])
        #expect(field[0].unit == .percentage)
        #expect(field[0].samples == whole[0].samples)
        #expect(throws: EvalError.self) { try m.simulate(["half.c"], samples: 10, seed: 1) }
        #expect(throws: EvalError.self) { try m.simulate(["nothing.a"], samples: 10, seed: 1) }
    }
}
