import PlanCore

/// The command table: every REPL command, in the order `:help` lists them.
///
/// This list is the only place that knows which commands exist. The dispatcher (`Session.command`),
/// `:help`, Tab completion (`Session.completions`), the journal (`Command.isJournalled`) and undo
/// (`Command.keepsUndo`) all read it.
///
/// Adding a command is one new file and one row here:
/// 1. `Commands/NameCommand.swift` with `extension Command { static let name = Command("name", usage: …,
///    summary: …, effect: …, arguments: […]) { context throws(Diagnostic) in … } }`. Declare the arguments
///    as `ArgumentGrammar` elements (expressions, cells, ranges, keywords such as `by`, words, paths, choices,
///    optional and repeated groups): the language's parser reads them into typed nodes with spans, and Tab
///    completes them. In `run`, read them with `context.arguments.expression("key")`, `.cell("key")`,
///    `.path("key")`, `.word("key")`…; show output with `context.emit` (views take `context.width`); fail with
///    `throw context.error("…", at: argument.span)` so the caret points at the argument.
/// 2. A row `.name,` below, where `:help` should list it.
/// Pick the effect honestly: `.shows` (not journalled), `.writesFiles` (refused in `use`d files, not
/// journalled), `.changesModel` (journalled and undoable: the dispatcher keeps the model from before),
/// `.changesSession` (journalled, not an undo step).
extension Command {
    /// Every command, in `:help` order.
    public static let all: [Command] = [
        .help, .quit, .show, .explain, .watch, .unwatch, .undo, .redo, .reset, .load, .presets, .save, .export,
        .table, .timeline, .report, .alerts, .set, .simulate, .goalseek, .maximize, .minimize, .sweep, .sensitivity,
        .scenario, .scenarios, .compare, .bridge, .why, .importTickets, .evidence,
    ]

    /// Commands by name and alias.
    private static let byName: [String: Command] = {
        var table: [String: Command] = [:]
        for command in all {
            for name in [command.name] + command.aliases { table[name] = command }
        }
        return table
    }()

    /// The command with this name or alias.
    public static func named(_ name: String) -> Command? { byName[name] }

    /// Every name and alias (for did-you-mean).
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

    /// The command a `:command` line runs, found from its name alone (no copy of the line is made).
    static func command(ofLine text: String) -> Command? {
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
            bytes[colon] == UInt8(ascii: ":")
        else { return nil }
        let start = bytes.index(after: colon)
        let nameEnd = bytes[start...].firstIndex { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 10 } ?? bytes.endIndex
        return named(String(decoding: bytes[start..<nameEnd], as: UTF8.self))
    }

    /// True when an accepted REPL entry must be replayed by `--resume`: every statement, and the commands
    /// whose effect changes the model or the session (not `:show`, `:save`, `:quit`, …).
    public static func isJournalled(entry text: String) -> Bool {
        guard text.first(where: { $0 != " " && $0 != "\t" && $0 != "\n" }) == ":" else { return true }
        return command(ofLine: text)?.effect.isJournalled ?? false
    }

    /// True when `:undo` can take back this command line (its effect, with these arguments, changes the model).
    public static func keepsUndo(line text: String) -> Bool {
        guard let command = command(ofLine: text) else { return false }
        // Only a command whose effect depends on its arguments needs them read.
        guard command.effectOfUse != nil else { return command.effect == .changesModel }
        let file = SourceFile(name: nil, text: text)
        let start = (file.bytes.firstIndex(of: UInt8(ascii: ":")) ?? 0) + 1
        let nameEnd = file.bytes[start...].firstIndex { $0 == 32 || $0 == 9 || $0 == 13 } ?? file.bytes.count
        guard let arguments = try? Parser.parseCommandArguments(command.arguments, in: file, from: nameEnd) else {
            return command.effect == .changesModel
        }
        return command.effect(of: arguments) == .changesModel
    }
}
