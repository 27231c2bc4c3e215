import PlanCore
import PlanSession
import Testing

/// A law over plans that are all refused, or that never make a record, a series or a function, tests
/// little: the generator must make what the laws are about.
@Suite("The plan generator")
struct GeneratorTests {
    @Test("most statements are accepted, some are refused, and plans hold every kind of definition")
    func coverage() {
        var accepted = 0
        var refused = 0
        var records = 0
        var series = 0
        var functions = 0
        var uncertain = 0
        var alerts = 0
        let plans = PlanBuilder.plans(sizes: 10...30, standard: [])
        for index in 0..<60 {
            var rng = LawRunner.random(case: index)
            let plan = plans.run(using: &rng)
            let session = Harness.session(interactive: true)
            for text in plan.statements {
                if Harness.run(text, in: session) { accepted += 1 } else { refused += 1 }
            }
            let model = session.model
            for name in model.cellNames {
                if case .record? = model.value(of: name) { records += 1 }
                if model.value(of: name)?.isSeries == true { series += 1 }
                if model.isUncertain(name) { uncertain += 1 }
            }
            functions += model.functionNames.count
            alerts += model.alerts.count
        }
        let total = accepted + refused
        #expect(accepted * 100 >= total * 60, "\(accepted) of \(total) statements accepted")
        #expect(refused * 100 >= total * 5, "\(refused) of \(total) statements refused")
        #expect(
            records >= 30 && series >= 30 && functions >= 20 && uncertain >= 30 && alerts >= 20,
            "records \(records), series \(series), functions \(functions), uncertain \(uncertain), alerts \(alerts)")
        print(
            "generator: \(accepted) of \(total) statements accepted; at the end \(records) records, \(series) series, "
                + "\(uncertain) uncertain cells, \(functions) functions, \(alerts) alerts in 60 plans")
    }
}
