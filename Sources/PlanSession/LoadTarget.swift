/// What a name given to `use`, `:load`, the command line or the resume log stands for: a preset or a file.
///
/// This is the one place that decides it (SPEC §2): a name with a `/` or ending in `.plan` is a file, any
/// other name is a preset. The command line adds one case, because a shell hands over file names as
/// typed: a bare name (`supportplan run model`) that names no preset but an existing file is that file.
/// A preset wins over a file of the same bare name; `./name` always means the file.
public enum LoadTarget: Equatable, Sendable {
    /// A preset by name (`standard`, `klarna-2024`).
    case preset(String)
    /// A file by path, as written.
    case file(String)

    /// What `name` stands for in `use` and `:load`.
    public static func of(_ name: String) -> LoadTarget {
        name.contains("/") || name.hasSuffix(".plan") ? .file(name) : .preset(name)
    }

    /// What `name` stands for on the command line: as in `use`, except that a bare name that is not a
    /// preset (`isPreset` false) but an existing file (`isFile` true) is that file.
    public static func ofArgument(
        _ name: String, isPreset: (String) -> Bool, isFile: (String) -> Bool
    ) -> LoadTarget {
        let target = of(name)
        if case .preset = target, !isPreset(name), isFile(name) { return .file(name) }
        return target
    }

    /// The name of the scenario it becomes when loaded: the preset's name, or the file's base name
    /// without `.plan`.
    public var scenarioName: String {
        switch self {
        case .preset(let name): return name
        case .file(let path):
            let base = FileSystem.baseName(path)
            return base.hasSuffix(".plan") ? String(base.dropLast(5)) : base
        }
    }

    /// True for a preset.
    public var isPreset: Bool {
        if case .preset = self { return true }
        return false
    }
}
