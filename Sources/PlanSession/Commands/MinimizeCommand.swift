import PlanCore

extension Command {
    /// `:minimize EXPR by INPUT in LO to HI`.
    static let minimize = Command(
        "minimize", usage: ":minimize expr by input in lo to hi [subject to cond, …]",
        summary: "the input value that makes expr smallest (with limits: `subject to risk < $100k per year`)",
        details: maximize.details,
        effect: .shows, arguments: optimizeArguments(what: "the expression to minimize")
    ) { context throws(Diagnostic) in try runOptimize(context, maximize: false) }
}
