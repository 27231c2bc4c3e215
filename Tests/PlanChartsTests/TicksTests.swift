import PlanCharts
import PlanCore
import Testing

@Suite("Ticks")
struct TicksTests {
    @Test(
        "ticks cover the range at a nice step (1, 2, 2.5 or 5 times a power of ten), as whole multiples of it",
        arguments: [
            (0.0, 1.0), (50_000.0, 80_000.0), (17.51e6, 49.51e6), (-3.2, 7.9), (0.0002, 0.00093), (-1e9, -2e8),
            (24.69e6, 55.2e6), (0.0, 0.923), (1e-12, 3e-12), (123_456.0, 123_457.0),
        ])
    func covering(range: (Double, Double)) {
        let (low, high) = range
        let ticks = Ticks.covering(low, high, count: 5)
        let step = Ticks.step(of: ticks)
        #expect(ticks.count >= 3 && ticks.count <= 12, "\(ticks)")
        #expect((ticks.first ?? .nan) <= low && (ticks.last ?? .nan) >= high, "\(ticks) misses \(low)…\(high)")
        var power = 1.0
        while power * 10 <= step { power *= 10 }
        while power > step { power /= 10 }
        let mantissa = step / power
        #expect(Ticks.mantissas.contains { abs($0 - mantissa) < 1e-9 }, "step \(step) is not nice")
        for tick in ticks {
            let multiple = tick / step
            #expect(
                abs(multiple - multiple.rounded()) < 1e-6 * max(1, abs(multiple)),
                "\(tick) is not a multiple of \(step)")
        }
    }

    @Test("a tick is the round number itself, not the rounding noise of i × step")
    func clean() {
        #expect(Ticks.covering(0, 0.7, count: 7) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        #expect(Ticks.covering(0.1, 0.35, count: 5) == [0.1, 0.15, 0.2, 0.25, 0.3, 0.35])
    }

    @Test("inside stays within the range; a value a hair off a tick (unit conversion) still gets it")
    func inside() {
        // $50k/year stored in $/s and shown again is 50000.000000000007 or 49999.99999999999.
        let perYear = 365.25 * 86_400.0
        let low = 50_000 / perYear * perYear
        let ticks = Ticks.inside(low * (1 + 1e-15), 80_000 * (1 - 1e-15), count: 6)
        #expect(ticks == [50_000, 55_000, 60_000, 65_000, 70_000, 75_000, 80_000])
        #expect(Ticks.inside(1.2, 3.9, count: 3) == [2, 3])
    }

    @Test("a range without width gets room around its value")
    func widened() {
        #expect(Ticks.widened(5, 5) == (4.5, 5.5))
        #expect(Ticks.widened(0, 0) == (-1, 1))
        #expect(Ticks.covering(31.14e6, 31.14e6).count >= 3)
        #expect(Ticks.widened(.nan, 1) == (0, 1))
    }

    @Test("tick labels share one suffix and one number of decimals; zero is plain")
    func labels() {
        let money = ChartNumbers(TestUnits.dollars)
        #expect(money.tickLabels([30e6, 32.5e6, 35e6]) == ["$30.0M", "$32.5M", "$35.0M"])
        #expect(money.tickLabels([0, 20e6, 40e6, 60e6]) == ["$0", "$20M", "$40M", "$60M"])
        #expect(money.tickLabels([-5e3, 0, 5e3]) == ["-$5000", "$0", "$5000"])
        #expect(money.tickLabels([50e3, 55e3]) == ["$50k", "$55k"])
        let share = ChartNumbers(.percentage)
        #expect(share.tickLabels([0, 25, 50, 75, 100]) == ["0%", "25%", "50%", "75%", "100%"])
        #expect(ChartNumbers(.plain).tickLabels([0.5, 0.75, 1]) == ["0.50", "0.75", "1.00"])
    }

    @Test("values show in the axis's unit: money per year as dollars a year, shares as percent")
    func shown() {
        let perYear = ChartNumbers(TestUnits.dollarsPerYear)
        let base = 31.14e6 / TestUnits.year
        #expect(abs(perYear.shown(base) - 31.14e6) < 1e-6)
        #expect(abs(perYear.base(31.14e6) - base) < 1e-12)
        #expect(perYear.label(base) == "$31.14M")
        #expect(perYear.full(base) == "$31.14M/year")
        #expect(ChartNumbers(.percentage).label(0.6692) == "66.9%")
        #expect(ChartNumbers(.percentage).shown(0.25) == 25)
    }

    @Test("a date shows as a month: ticks, labels and a mean between months (the nearest month)")
    func dates() {
        // 2024-01 is month number 2024 × 12 = 24,288; 2024-03 is 24,290.
        let dates = ChartNumbers(.date)
        #expect(dates.tickLabels([24_288, 24_289, 24_290]) == ["2024-01", "2024-02", "2024-03"])
        #expect(dates.label(24_290.4) == "2024-03")
        #expect(dates.full(24_289.6) == "2024-03")
    }

    @Test("a monthly axis counts months across years")
    func months() {
        #expect(XAxis.monthLabels(from: 2024, month: 11, count: 4) == ["2024-11", "2024-12", "2025-01", "2025-02"])
        #expect(XAxis.months(from: 2024, month: 1, count: 36).count == 36)
        #expect(XAxis.monthLabels(from: 2025, month: 6, count: 1) == ["2025-06"])
        #expect(XAxis.monthLabels(from: 2025, month: 6, count: -1).isEmpty)
    }
}
