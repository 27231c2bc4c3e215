import PlanCharts
import PlanCore
import PlanGraph

extension Command {
    /// `:sensitivity EXPR`: a tornado chart of the inputs that move the expression most.
    static let sensitivity = Command(
        "sensitivity", usage: ":sensitivity expr", summary: "tornado chart: which inputs swing expr most",
        details: whatIfDetails,
        effect: .shows, arguments: [.expression(key: "objective", what: "the expression to analyse")]
    ) { context throws(Diagnostic) in
        guard let expr = context.arguments.expression("objective") else { return .success }
        let objective = try context.objective(expr)
        try context.session.checkSimulationSize(
            outputs: 1, samples: context.session.samples, blockCells: context.model.uncertainNodes().count,
            what: "`:sensitivity`", fail: { context.error($0) })
        let result: SensitivityResult
        do throws(EvalError) {
            result = try context.model.sensitivity(
                objective, samples: context.session.samples, seed: context.session.seed)
        } catch {
            throw context.diagnostic(error)
        }
        context.session.lastChart = Chart.tornado(result) ?? context.session.lastChart
        context.emit(TornadoView(result: result).render(width: context.width))
        return .success
    }
}
