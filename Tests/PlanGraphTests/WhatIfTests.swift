import PlanCore
import PlanGraph
import Testing

/// An expression objective from source text.
private func objective(_ text: String) throws -> WhatIfObjective {
    WhatIfObjective(expression: try Parser.parseExpression(SourceFile(name: nil, text: text)), label: text)
}

/// A plain number.
private func plain(_ value: Double) -> Value { .plain(value) }

/// The number in a value (NaN for anything else).
private func number(_ value: Value) -> Double {
    if case .number(let number, _) = value { return number }
    return .nan
}

/// The what-if engine on models whose answers are known in closed form.
@Suite("What-if engine")
struct WhatIfTests {
    /// Checks that linear goal seek in a range hits the closed-form answer.
    @Test("linear goal seek in a range hits the closed-form answer")
    func linearInRange() throws {
        let model = try model([("x", "1"), ("y", "3 * x + 2")])
        let result = try model.goalSeek(
            try objective("y"), equals: plain(17), by: WhatIfInput("x"), in: (plain(0), plain(10)))
        #expect(abs(number(result.value) - 5) < 1e-12)
        #expect(abs(number(result.achieved) - 17) < 1e-9)
        #expect(result.isExact)
        #expect(model.value(of: "x") == plain(1), "the model is unchanged")
    }

    /// Checks that without a range, the search goes outward from the current value.
    @Test("without a range, the search goes outward from the current value")
    func linearOutward() throws {
        let positive = try model([("x", "1"), ("y", "2 * x - 7")])
        let result = try positive.goalSeek(try objective("y"), equals: plain(0), by: WhatIfInput("x"))
        #expect(abs(number(result.value) - 3.5) < 1e-12)
        let far = try positive.goalSeek(try objective("y"), equals: plain(393), by: WhatIfInput("x"))
        #expect(abs(number(far.value) - 200) < 1e-9)
        // A quantity that is not negative now stays not negative without a range (x = -200 is not offered).
        #expect(throws: EvalError.self) {
            try positive.goalSeek(try objective("y"), equals: plain(-407), by: WhatIfInput("x"))
        }
        let negative = try model([("x", "-1"), ("y", "2 * x - 7")])
        let below = try negative.goalSeek(try objective("y"), equals: plain(-407), by: WhatIfInput("x"))
        #expect(abs(number(below.value) + 200) < 1e-9)
    }

    /// Checks that without a range a share stays within 0%…100%.
    @Test("without a range, a share stays within 0% to 100%")
    func shareBounds() throws {
        let model = try model([("share", "50%"), ("y", "share * 10")])
        #expect(throws: EvalError.self) {
            try model.goalSeek(try objective("y"), equals: plain(12), by: WhatIfInput("share"))
        }
        let inside = try model.goalSeek(try objective("y"), equals: plain(9), by: WhatIfInput("share"))
        #expect(abs(number(inside.value) - 0.9) < 1e-9)
    }

    /// Checks that a goal seek keeps the input's unit and answers in it.
    @Test("a goal seek keeps the input's unit and answers in it")
    func units() throws {
        let model = try model([("handle", "6 min"), ("cost", "handle / 1 h * $60")])
        let result = try model.goalSeek(
            try objective("cost"), equals: .number(9, .atom(.dollar)), by: WhatIfInput("handle"),
            in: (.number(0, .atom(.minute)), .number(3_600, .atom(.minute))))
        #expect(result.value == .number(540, .atom(.minute)))
        #expect(result.value.display == "9 min")
    }

    /// Checks that a non-monotone function with two roots: the scan finds the one nearest the current value.
    @Test("a non-monotone function with two roots: the scan finds the one nearest the current value")
    func twoRoots() throws {
        let near2 = try model([("x", "1"), ("y", "(x - 2) * (x - 6)")])
        let first = try near2.goalSeek(
            try objective("y"), equals: plain(0), by: WhatIfInput("x"), in: (plain(0), plain(10)))
        #expect(abs(number(first.value) - 2) < 1e-12)
        #expect(first.otherSolutions.count == 1)
        #expect(abs(number(first.otherSolutions[0]) - 6) < 1e-9)
        let near6 = try model([("x", "7"), ("y", "(x - 2) * (x - 6)")])
        let second = try near6.goalSeek(
            try objective("y"), equals: plain(0), by: WhatIfInput("x"), in: (plain(0), plain(10)))
        #expect(abs(number(second.value) - 6) < 1e-12)
    }

    /// Checks that no root in the range is a clear error saying what the target does.
    @Test("no root in the range is a clear error saying what the target does")
    func noRoot() throws {
        let model = try model([("x", "0"), ("y", "x ^ 2 + 1")])
        #expect {
            try model.goalSeek(try objective("y"), equals: plain(0), by: WhatIfInput("x"), in: (plain(-5), plain(5)))
        } throws: { error in
            guard let error = error as? EvalError else { return false }
            return error.message.hasPrefix("no value of `x` from -5 to 5 makes `y` equal 0")
                && error.message.contains("it stays between 1 (at 0) and 26")
        }
    }

    /// Checks that a jump across the target is found and reported as not exact.
    @Test("a jump across the target is found and reported as not exact")
    func discontinuity() throws {
        let model = try model([("x", "0"), ("y", "if x < 2 then -1 else 1")])
        let result = try model.goalSeek(
            try objective("y"), equals: plain(0), by: WhatIfInput("x"), in: (plain(0), plain(5)))
        #expect(!result.isExact)
        #expect(abs(number(result.value) - 2) < 1e-9)
    }

    /// Checks that a quadratic's interior maximum is found to 1e-6 of the range; its minimum is at an end.
    @Test("a quadratic's interior maximum is found to 1e-6 of the range; its minimum is at an end")
    func quadraticMaximum() throws {
        let model = try model([("x", "0"), ("y", "10 - (x - 3.7) ^ 2")])
        let top = try model.optimize(
            try objective("y"), by: WhatIfInput("x"), in: (plain(0), plain(10)), maximize: true)
        #expect(abs(number(top.value) - 3.7) < 1e-6 * 10)
        #expect(abs(number(top.best) - 10) < 1e-9)
        #expect(!top.atBoundary)
        let bottom = try model.optimize(
            try objective("y"), by: WhatIfInput("x"), in: (plain(0), plain(10)), maximize: false)
        #expect(number(bottom.value) == 10)
        #expect(bottom.atBoundary)
    }

    /// Checks that the best of several local maxima wins.
    @Test("the best of several local maxima wins")
    func globalMaximum() throws {
        // Local maxima near 1 (height 1) and 4 (height 3): the grid scan picks the higher one.
        let model = try model([("x", "0"), ("y", "max(1 - (x - 1) ^ 2, 3 - 4 * (x - 4) ^ 2)")])
        let top = try model.optimize(
            try objective("y"), by: WhatIfInput("x"), in: (plain(0), plain(6)), maximize: true)
        #expect(abs(number(top.value) - 4) < 1e-6 * 6)
    }

    /// Checks that a sweep includes both ends and evenly spaced steps; failures stay per point.
    @Test("a sweep includes both ends and evenly spaced steps; failures stay per point")
    func sweep() throws {
        let model = try model([("x", "1"), ("y", "1 / x")])
        let values = try model.sweepValues(of: WhatIfInput("x"), from: plain(0), to: plain(1), steps: 5)
        #expect(values == [0, 0.25, 0.5, 0.75, 1].map(plain))
        let result = try model.sweep(WhatIfInput("x"), values: values, outputs: [try objective("y")])
        #expect(result.cells.count == 5)
        if case .failure = result.cells[0][0] {} else { Issue.record("1 / 0 should fail at x = 0") }
        #expect(try result.cells[4][0].get() == plain(1))
        let awkward = WhatIfSearch.grid(from: 0.1, to: 0.7, count: 7)
        #expect(awkward.first == 0.1 && awkward.last == 0.7 && awkward.count == 7)
    }

    /// Checks that a two-way sweep evaluates every pair.
    @Test("a two-way sweep evaluates every pair")
    func twoWay() throws {
        let model = try model([("a", "1"), ("b", "1"), ("y", "a * 10 + b")])
        let grid = try model.sweep(
            WhatIfInput("a"), values: [plain(1), plain(2)], by: WhatIfInput("b"), values: [plain(3), plain(4)],
            output: try objective("y"))
        #expect(grid.cells.map { $0.map { try? $0.get() } } == [[plain(13), plain(14)], [plain(23), plain(24)]])
    }

    /// Checks that the tornado puts the widest swing first; ranges swing over their 5th-95th percentiles.
    @Test("the tornado puts the widest swing first; ranges swing over their 5th-95th percentiles")
    func tornadoOrder() throws {
        let model = try model([
            ("a", "1"), ("b", "1"), ("c", "1"), ("d", "10 to 20"), ("unused", "7"),
            ("y", "5 * a + b + 20 * c + d"),
        ])
        let result = try model.sensitivity(try objective("y"))
        #expect(result.bars.map(\.input) == ["d", "c", "a", "b"])
        let d = try #require(result.bars.first)
        #expect(d.kind == .range)
        #expect(abs(number(d.low) - 10) < 1e-9 && abs(number(d.high) - 20) < 1e-9)
        #expect(abs(d.swing - 10) < 1e-9)
        #expect(abs(result.bars[1].swing - 4) < 1e-12)
        #expect(result.bars[1].kind == .point)
    }

    /// Checks that a record input swings field by field; a field of a record literal can be varied on its own.
    @Test("a record input swings field by field; a field of a record literal can be varied on its own")
    func recordInputs() throws {
        let model = try model([("mix", "{a: 1, b: 2}"), ("y", "sum(mix)")])
        let changed = try model.withInput(WhatIfInput("mix", field: "b"), value: plain(5))
        #expect(changed.value(of: "y") == plain(6))
        #expect(model.value(of: "y") == plain(3))
        // One bar per field (#11 item 2): b swings 2 ± 10%, a swings 1 ± 10%.
        let result = try model.sensitivity(try objective("y"))
        #expect(result.bars.map(\.input) == ["mix.b", "mix.a"])
        #expect(abs(result.bars[0].swing - 0.4) < 1e-12)
        #expect(abs(result.bars[1].swing - 0.2) < 1e-12)
    }

    /// A record of ranges swings each tier over its own 5th–95th percentile; point fields by ±10%.
    @Test("a record of independent ranges gets one bar per field, each over its own range")
    func recordOfRanges() throws {
        let model = try model([("r", "{a: 10 to 20, b: 5}"), ("y", "sum(r)")])
        let result = try model.sensitivity(try objective("y"))
        #expect(result.bars.map(\.input) == ["r.a", "r.b"])
        #expect(result.bars[0].kind == .range && result.bars[1].kind == .point)
        #expect(abs(number(result.bars[0].low) - 10) < 1e-9 && abs(number(result.bars[0].high) - 20) < 1e-9)
        #expect(abs(result.bars[0].swing - 10) < 1e-9)
        #expect(abs(result.bars[1].swing - 1) < 1e-12)
    }

    /// A mix (shares summing to 100%) swings each field against the others, which are rescaled in proportion:
    /// the mix keeps its 100%, so a cell that only sums it does not move at all.
    @Test("a field of a mix swings against the other fields, renormalised to 100%")
    func mixRenormalised() throws {
        let model = try model([
            ("mix", "{a: 60%, b: 30%, c: 10%}"), ("y", "sum(mix * {a: 10, b: 20, c: 40})"), ("total", "sum(mix)"),
        ])
        // mix.a 54%..66%: the others share 46%..34% as 3:1, so b = 34.5%..25.5%, c = 11.5%..8.5%.
        // y = 10·a + 20·b + 40·c: 5.4 + 6.9 + 4.6 = 16.9 at the low end, 6.6 + 5.1 + 3.4 = 15.1 at the high.
        let result = try model.sensitivity(try objective("y"))
        let a = try #require(result.bars.first { $0.input == "mix.a" })
        #expect(a.renormalised)
        #expect(abs(number(try #require(try? a.outputLow.get())) - 16.9) < 1e-12)
        #expect(abs(number(try #require(try? a.outputHigh.get())) - 15.1) < 1e-12)
        #expect(abs(a.swing - 1.8) < 1e-12)
        let sums = try model.sensitivity(try objective("total"))
        #expect(sums.bars.isEmpty)
        #expect(sums.unaffected == ["mix.a", "mix.b", "mix.c"])
    }

    /// Checks that prob(cond) uses common random numbers: the same answer every time, near the closed form.
    @Test("prob(cond) uses common random numbers: the same answer every time, near the closed form")
    func probability() throws {
        // x is normal with mean 5 (90% interval -5 to 15); P(x < t) = 50% at t = 5.
        let model = try model([("x", "-5 to 15"), ("t", "0")])
        let condition = try Parser.parseExpression(SourceFile(name: nil, text: "x < t"))
        let objective = WhatIfObjective(probabilityOf: condition, label: "prob(x < t)", samples: 4_000, seed: 7)
        let first = try model.goalSeek(
            objective, equals: .number(0.5, .percentage), by: WhatIfInput("t"), in: (plain(-10), plain(20)))
        let again = try model.goalSeek(
            objective, equals: .number(0.5, .percentage), by: WhatIfInput("t"), in: (plain(-10), plain(20)))
        #expect(first.value == again.value)
        #expect(abs(number(first.value) - 5) < 0.5)
        #expect(abs(number(first.achieved) - 0.5) < 0.01)
    }

    /// Checks that literals read back to the same value and unit.
    @Test("literals read back to the same value and unit")
    func literalRoundTrip() throws {
        let cases: [Value] = [
            .number(1.37 / 3_600, Unit.atom(.dollar).dividedAsWritten(by: .atom(.hour))),
            .number(0.041, .percentage),
            .number(720, .atom(.minute)),
            .number(2_080 * 3_600 / 31_557_600, Unit.atom(.hour).dividedAsWritten(by: .atom(.year))),
            .number(-3_000, .atom(.dollar)),
            .number(5 / 31_557_600, Unit.plain.dividedAsWritten(by: .atom(.year))),
            .number(62_000 / 31_557_600, Unit.atom(.dollar).dividedAsWritten(by: .atom(.year))),
            .number(1.2, Unit.atom(.dollar).dividedAsWritten(by: .atom(.ticket))),
            .number(60_000 / 2_629_800, Unit.atom(.ticket).dividedAsWritten(by: .atom(.month))),
            .number(-0.131, .atom(.point)), .number(12, .atom(.agent)),
            plain(1.5e-7), plain(123_456_789.25), plain(0), plain(-2.5), plain(0.618_411_410_533_308_5),
            .record(Record(keys: ["a", "b"], values: [.number(360, .atom(.minute)), .number(0.2, .percentage)])),
        ]
        for value in cases {
            let text = try #require(value.literal())
            let back = try #require(Value.parseLiteral(text), "`\(text)` does not parse")
            switch (value, back) {
            case (.number(let a, let unitA), .number(let b, let unitB)):
                #expect(unitA == unitB, "`\(text)` reads back in \(unitB.symbol), not \(unitA.symbol)")
                #expect(abs(a - b) <= 1e-14 * abs(a), "`\(text)` reads back as \(b), not \(a)")
            default:
                #expect(back.display == value.display, "`\(text)`")
            }
        }
        #expect(
            Value.literal(1.37 / 3_600, unit: Unit.atom(.dollar).dividedAsWritten(by: .atom(.hour))) == "$1.37 per h")
        #expect(Value.literal(0.041 + 1e-13, unit: .percentage, within: 1e-9) == "4.1%")
        #expect(Value.literal(720, unit: .atom(.minute), within: 1e-6) == "12 min")
    }
}
