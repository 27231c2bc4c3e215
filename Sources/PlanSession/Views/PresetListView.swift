import PlanCore
import SupportEconomics

/// The preset list of `supportplan presets` and `:presets`: each name with its one-line description,
/// the description wrapped under itself when the width is short.
struct PresetListView {
    /// The presets with their descriptions.
    let presets: [(name: String, description: String)]
    /// Where presets were searched (shown when none was found).
    let roots: [String]

    /// The list laid out for `width` columns.
    func render(width: Int) -> String {
        let width = TextLayout.usable(width)
        if presets.isEmpty {
            return TextLayout.fit("no presets found; searched " + roots.joined(separator: ", "), width: width)
        }
        let nameWidth = presets.map(\.name.count).max() ?? 0
        let indent = String(repeating: " ", count: min(width / 3, nameWidth + 4))
        return presets.flatMap { name, description in
            TextLayout.wrapped(description, prefix: "  " + name.padding(nameWidth) + "  ", indent: indent, width: width)
                .map { $0.trimmingTrailingSpaces() }
        }.joined(separator: "\n")
    }
}
