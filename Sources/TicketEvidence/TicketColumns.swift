import PlanCore

/// Which header names hold which facts in a ticket export (SPEC §10), set with `column=NAME` maps.
///
/// The defaults are SPEC §10's: `id, created_at, tier, handled_by, handle_time, csat, reopened`. An export
/// with other names is read with a map, as `:import tickets FILE created_at="Ticket created at"
/// tier=Group handled_by=Assignee csat="Satisfaction Score"`. Header names match without regard to case
/// or surrounding spaces. `created_at`, `tier` and `handled_by` must be present; the others may be
/// missing (their statements are then left out and the import says so). `id` is not used in the
/// arithmetic: it is accepted so that a map naming it is not an error.
public struct TicketColumns: Sendable, Equatable {
    /// The facts an export carries, by their default column names.
    public enum Role: String, Sendable, CaseIterable {
        case id
        case createdAt = "created_at"
        case tier
        case handledBy = "handled_by"
        case handleTime = "handle_time"
        case csat
        case reopened

        /// True for the columns an import cannot do without.
        public var isRequired: Bool { self == .createdAt || self == .tier || self == .handledBy }
    }

    /// The header name for each role.
    public private(set) var names: [Role: String]

    /// The defaults of SPEC §10.
    public init() {
        var names: [Role: String] = [:]
        for role in Role.allCases { names[role] = role.rawValue }
        self.names = names
    }

    /// The defaults with `role=NAME` maps applied (`tier=Group`, `csat="Satisfaction score"`).
    ///
    /// Throws a usage error for a word without `=`, an unknown role, an empty name, a role mapped twice,
    /// or two roles mapped to the same column.
    public init(maps: [String]) throws(EvalError) {
        self.init()
        var mapped: Set<Role> = []
        for map in maps {
            guard let equals = map.firstIndex(of: "=") else {
                throw EvalError(
                    "expected a column map `role=NAME`, found `\(map)`", kind: .usage,
                    hint: "roles: " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let key = String(map[..<equals]).trimmed.lowercased()
            var name = String(map[map.index(after: equals)...]).trimmed
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            guard let role = Role(rawValue: key) else {
                throw EvalError(
                    "unknown column role `\(key)`", kind: .usage,
                    hint: "roles: " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard !name.isEmpty else { throw EvalError("the column map `\(map)` names no column", kind: .usage) }
            guard mapped.insert(role).inserted else {
                throw EvalError("the column role `\(key)` is mapped twice", kind: .usage)
            }
            names[role] = name
        }
        for role in Role.allCases {
            for other in Role.allCases where other.rawValue < role.rawValue {
                if let a = names[role], let b = names[other], a.lowercased() == b.lowercased(),
                    mapped.contains(role) || mapped.contains(other)
                {
                    throw EvalError(
                        "`\(role.rawValue)` and `\(other.rawValue)` both read the column `\(a)`", kind: .usage)
                }
            }
        }
    }

    /// The index of each role's column in `header`; throws a usage error naming missing required columns.
    func indices(in header: [String]) throws(EvalError) -> [Role: Int] {
        var byName: [String: Int] = [:]
        for (index, name) in header.enumerated() where byName[name.trimmed.lowercased()] == nil {
            byName[name.trimmed.lowercased()] = index
        }
        var found: [Role: Int] = [:]
        var missing: [String] = []
        for role in Role.allCases {
            let name = names[role] ?? role.rawValue
            if let index = byName[name.lowercased()] {
                found[role] = index
            } else if role.isRequired {
                missing.append(name == role.rawValue ? "`\(name)`" : "`\(name)` (for \(role.rawValue))")
            }
        }
        guard missing.isEmpty else {
            let shown = header.prefix(12).map { "`\($0.trimmed)`" }.joined(separator: ", ")
            throw EvalError(
                "the export has no column " + missing.joined(separator: ", ") + "; its columns are " + shown
                    + (header.count > 12 ? ", …" : ""), kind: .usage,
                hint: "map a column with role=NAME, e.g. `tier=Group`")
        }
        return found
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmed: String {
        // Fast path: most fields have no surrounding blanks, and this runs on every field of every row
        // (without it, trimming was 28% of a million-row import).
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 32 && first != 9 && last != 32 && last != 9 { return self }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
