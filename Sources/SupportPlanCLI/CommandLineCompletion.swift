import PlanSession
import SupportEconomics

/// Completion candidates for the shells' completion scripts (`--generate-completion-script`).
///
/// The scripts call the binary back (`supportplan ---completion …`) for a preset or file argument; the
/// answer is every preset this binary finds plus the `.plan` files and directories that match the word.
enum CommandLineCompletion {
    /// The subcommands, which a file argument of the default subcommand may not be named as its first word.
    static let subcommandNames: Set<String> = ["repl", "run", "presets", "report", "help"]

    /// The presets and `.plan` files (and directories, ending in `/`) that start with `prefix`.
    @Sendable static func presetsAndFiles(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        var candidates: [String] = []
        if !prefix.contains("/") {
            candidates += PresetLocator.forThisExecutable.names.filter { $0.hasPrefix(prefix) }
        }
        candidates += files(matching: prefix)
        return candidates
    }

    /// The `.plan` files and the directories whose path starts with `prefix`, relative as written.
    static func files(matching prefix: String) -> [String] {
        let directoryPart: String
        let namePart: String
        if let slash = prefix.lastIndex(of: "/") {
            directoryPart = String(prefix[...slash])
            namePart = String(prefix[prefix.index(after: slash)...])
        } else {
            directoryPart = ""
            namePart = prefix
        }
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~/"), let home = FileSystem.environment("HOME") {
            directory = home + directory.dropFirst()
        }
        var found: [String] = []
        for entry in FileSystem.list(directory).sorted() where entry.hasPrefix(namePart) {
            if entry.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
            let path = directoryPart + entry
            if FileSystem.isDirectory(directory + "/" + entry) {
                found.append(path + "/")
            } else if entry.hasSuffix(".plan") {
                found.append(path)
            }
        }
        return found
    }
}

extension PresetLocator {
    /// The locator of the running binary: `$SUPPORTPLAN_PRESETS`, then `<bin>/../share/supportplan/presets`,
    /// then the source tree it was built from.
    static var forThisExecutable: PresetLocator {
        PresetLocator(
            environmentRoot: FileSystem.environment("SUPPORTPLAN_PRESETS"), executablePath: FileSystem.executablePath,
            fileExists: { FileSystem.isFile($0) }, listDirectory: { FileSystem.list($0) })
    }
}
