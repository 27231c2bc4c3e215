import PlanCore

extension Command {
    /// `:set seed N`, `:set samples N`, `:set timing on|off`.
    static let set = Command(
        "set", usage: ":set key value", summary: "settings: seed N, samples N, timing on|off", effect: .changesSession,
        arguments: [
            .branches(
                key: "setting",
                [
                    ArgumentBranch("seed", [.number(key: "value", what: "a whole number")]),
                    ArgumentBranch("samples", [.number(key: "value", what: "a number of samples")]),
                    ArgumentBranch("timing", [.choice(key: "value", words: ["on", "off"])]),
                ])
        ]
    ) { context throws(Diagnostic) in
        let session = context.session
        guard let setting = context.arguments.word("setting"), let argument = context.arguments["value"] else {
            return .success
        }
        let shown: String
        switch setting {
        case "seed":
            guard let (_, text) = context.arguments.number("value"), let value = UInt64(text.filter { $0 != "_" })
            else { throw context.error("the seed must be a whole number", at: argument.span) }
            session.seed = value
            shown = String(value)
        case "samples":
            guard let (value, _) = context.arguments.number("value"), value == value.rounded(), value >= 2,
                value <= 100_000_000
            else { throw context.error("samples must be a whole number from 2 to 100,000,000", at: argument.span) }
            session.samples = Int(value)
            shown = String(Int(value))
        default:
            session.showTiming = context.arguments.word("value") == "on"
            shown = session.showTiming ? "on" : "off"
        }
        context.emit("  \(setting) = \(shown)")
        return .success
    }
}
