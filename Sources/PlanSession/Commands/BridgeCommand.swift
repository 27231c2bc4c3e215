import PlanCharts
import PlanCore
import PlanGraph

extension Command {
    /// `:bridge A B [output]`: why an output differs between two scenarios, input by input.
    static let bridge = Command(
        "bridge", usage: ":bridge a b [output]",
        summary: "why an output differs between two scenarios: a waterfall of the inputs that differ",
        details: whatIfDetails,
        effect: .shows,
        arguments: [
            .word(key: "from", what: "a scenario, a preset or `current`", offers: .scenarios),
            .word(key: "to", what: "a second scenario, preset or `current`", offers: .scenarios),
            .optional([.expression(key: "output", what: "the output to explain (default `net_value`)")]),
        ]
    ) { context throws(Diagnostic) in
        let session = context.session
        var models: [Model] = []
        var labels: [String] = []
        for key in ["from", "to"] {
            guard let argument = context.arguments[key], case .word(let name) = argument.value else {
                return .success
            }
            models.append(try session.scenarioModel(name) { context.error($0, at: argument.span) })
            labels.append(name == "current" ? "current (\(session.scenario))" : name)
        }
        return try runBridge(context, from: models[0], to: models[1], labels: (labels[0], labels[1]))
    }

    /// The output a bridge explains: the argument, or `net_value`.
    static func bridgeOutput(_ context: CommandContext) throws(Diagnostic) -> (expr: Expr, label: String) {
        if let expr = context.arguments.expression("output") { return (expr, context.text(of: expr)) }
        guard context.model.cell("net_value") != nil else {
            throw context.error(
                "no `net_value` in this model: name the output to explain", kind: .usage,
                hint: "usage: " + bridge.usage)
        }
        return (Expr(.name("net_value"), SourceSpan(start: 0, end: 0)), "net_value")
    }

    /// Runs a bridge between two models and shows its waterfall (and keeps its chart for `:export svg`).
    static func runBridge(
        _ context: CommandContext, from: Model, to: Model, labels: (String, String)
    ) throws(Diagnostic) -> ExitStatus {
        let (expr, label) = try bridgeOutput(context)
        var first = from
        first.isCancelled = context.model.isCancelled
        let result: BridgeResult
        do throws(EvalError) {
            result = try Model.bridge(from: first, to: to, output: expr, label: label, seed: context.session.seed)
        } catch {
            throw context.diagnostic(error, at: context.arguments["output"]?.span)
        }
        context.session.lastChart = Chart.bridge(result, from: labels.0, to: labels.1)
        context.emit(BridgeView(result: result, fromLabel: labels.0, toLabel: labels.1).render(width: context.width))
        return .success
    }
}
