/// Finds presets (`Presets/*.plan`) through ordered roots, and names every root it searched on a miss.
///
/// Roots, in order: `$SUPPORTPLAN_PRESETS`; `<executable>/../share/supportplan/presets` (what
/// `make install` writes); the source tree, found through `#filePath` (covers `swift run` and
/// `swift test`). `Bundle.module` is not used: its accessor traps when the bundle is missing.
public struct PresetLocator: Sendable {
    /// The directories searched, in order.
    public let roots: [String]
    private let fileExists: @Sendable (String) -> Bool
    private let listDirectory: @Sendable (String) -> [String]

    /// Creates a locator from the environment variable, the executable's path and file-system access.
    public init(
        environmentRoot: String?, executablePath: String?, fileExists: @escaping @Sendable (String) -> Bool,
        listDirectory: @escaping @Sendable (String) -> [String], sourceFile: String = #filePath
    ) {
        var roots: [String] = []
        if let environmentRoot, !environmentRoot.isEmpty { roots.append(environmentRoot) }
        if let executablePath {
            let bin = Self.parent(executablePath)
            roots.append(Self.parent(bin) + "/share/supportplan/presets")
        }
        // Sources/SupportEconomics/PresetLocator.swift → <package>/Presets
        roots.append(Self.parent(Self.parent(Self.parent(sourceFile))) + "/Presets")
        self.roots = roots
        self.fileExists = fileExists
        self.listDirectory = listDirectory
    }

    /// A preset that was not found, with every root searched.
    public struct Miss: Error, Sendable {
        /// The message for the user.
        public let message: String
    }

    /// The path of a preset's file.
    public func path(of name: String) throws(Miss) -> String {
        for root in roots {
            let candidate = root + "/" + name + ".plan"
            if fileExists(candidate) { return candidate }
        }
        var message = "no preset named `\(name)`"
        let known = names
        if !known.isEmpty { message += " (presets: " + known.joined(separator: ", ") + ")" }
        message += "; searched " + roots.joined(separator: ", ")
        throw Miss(message: message)
    }

    /// The names of all presets, from the first root that has any.
    public var names: [String] {
        for root in roots {
            let found = listDirectory(root).filter { $0.hasSuffix(".plan") }.map { String($0.dropLast(5)) }
            if !found.isEmpty { return found.sorted { Self.order($0) < Self.order($1) } }
        }
        return []
    }

    private static func order(_ name: String) -> String { name == "standard" ? "" : name }

    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
