/// The unit tables: the dimensions, and the atoms (unit words) with their size and dimension.
extension Unit {
    /// A dimension a quantity can have.
    ///
    /// Adding one is a case here and a row in `name`.
    ///
    /// Counts are numbers of things of one kind: tickets, contacts and chats are all contacts (a ticket
    /// is a contact written down; a chat is a contact on one channel), agents and FTE are both agents,
    /// customers are their own kind. Percentage points have no dimension (they are a share, like `%`).
    public enum Dimension: Int, CaseIterable, Sendable {
        /// Money (`$`).
        case money
        /// Time (`s` … `year`).
        case time
        /// A count of contacts (`tickets`, `contacts`, `chats`).
        case contacts
        /// A count of agents (`agents`, `FTE`).
        case agents
        /// A count of customers (`customers`).
        case customers
        /// A month on the calendar (`2025-06`): not an atom, the date flag of a unit (`Unit.isDate`).
        case date

        /// The dimension's name in error messages.
        public var name: String {
            switch self {
            case .money: return "money"
            case .time: return "time"
            case .contacts: return "contacts"
            case .agents: return "agents"
            case .customers: return "customers"
            case .date: return "date"
            }
        }

        /// True for a count of things: `in` may add or drop it, `+` and comparisons check it.
        public var isCount: Bool { self != .money && self != .time && self != .date }
    }

    /// A unit atom: a unit word of the language.
    public enum Atom: Int, CaseIterable, Sendable {
        /// Dollars.
        case dollar = 0
        /// Seconds.
        case second, minute, hour, day, week, month, year
        /// Counts of contacts.
        case contact, ticket, chat
        /// Counts of agents.
        case agent, fte
        /// Counts of customers.
        case customer
        /// Percentage points (dimensionless, 0.01).
        case point

        /// How an atom is written and what it is.
        public struct Definition: Sendable {
            /// The symbol shown alone or in a denominator (`ticket`, `h`).
            public var symbol: String
            /// The symbol shown in a numerator (`tickets`, `h`).
            public var plural: String
            /// Every word that names the atom.
            public var words: [String]
            /// The size in base units (dollars, seconds, one thing).
            public var scale: Double
            /// The dimension, or nil for a dimensionless atom (`pt`).
            public var dimension: Dimension?
            /// True when the word cannot name a cell (money and time, as before counts existed); the other
            /// words can, and a cell of that name shadows the unit when the word is used as a bare name.
            public var reserved: Bool
        }

        /// The table of atoms, one row per case, in `rawValue` order.
        public static let definitions: [Definition] = [
            Definition(symbol: "$", plural: "$", words: [], scale: 1, dimension: .money, reserved: true),
            Definition(
                symbol: "s", plural: "s", words: ["s", "sec", "second", "seconds"], scale: 1, dimension: .time,
                reserved: true),
            Definition(
                symbol: "min", plural: "min", words: ["min", "minute", "minutes"], scale: 60, dimension: .time,
                reserved: true),
            Definition(
                symbol: "h", plural: "h", words: ["h", "hr", "hour", "hours"], scale: 3_600, dimension: .time,
                reserved: true),
            Definition(
                symbol: "day", plural: "day", words: ["day", "days"], scale: 86_400, dimension: .time,
                reserved: true),
            Definition(
                symbol: "week", plural: "week", words: ["week", "weeks"], scale: 604_800, dimension: .time,
                reserved: true),
            Definition(
                symbol: "month", plural: "month", words: ["month", "months"], scale: 2_629_800, dimension: .time,
                reserved: true),
            Definition(
                symbol: "year", plural: "year", words: ["year", "years", "yr"], scale: 31_557_600,
                dimension: .time, reserved: true),
            Definition(
                symbol: "contact", plural: "contacts", words: ["contact", "contacts"], scale: 1,
                dimension: .contacts, reserved: false),
            Definition(
                symbol: "ticket", plural: "tickets", words: ["ticket", "tickets"], scale: 1, dimension: .contacts,
                reserved: false),
            Definition(
                symbol: "chat", plural: "chats", words: ["chat", "chats"], scale: 1, dimension: .contacts,
                reserved: false),
            Definition(
                symbol: "agent", plural: "agents", words: ["agent", "agents"], scale: 1, dimension: .agents,
                reserved: false),
            Definition(symbol: "FTE", plural: "FTE", words: ["FTE"], scale: 1, dimension: .agents, reserved: false),
            Definition(
                symbol: "customer", plural: "customers", words: ["customer", "customers"], scale: 1,
                dimension: .customers, reserved: false),
            Definition(
                symbol: "pt", plural: "pt", words: ["pt", "point", "points"], scale: 0.01, dimension: nil,
                reserved: false),
        ]

        /// How many atoms there are (at most 15: the lanes `Unit` stores; `Unit.exponents` lane 15 stays zero).
        public static let count = allCases.count

        /// The row of the table for this atom.
        @inlinable public var definition: Definition { Self.definitions[rawValue] }

        /// The size of the atom in base units.
        public var scale: Double { definition.scale }

        /// The symbol used when showing the atom alone or in a denominator (`$`, `h`, `ticket`, `pt`).
        public var symbol: String { definition.symbol }

        /// The dimension of the atom (nil for `pt`).
        public var dimension: Dimension? { definition.dimension }

        /// True when the word cannot name a cell (money and time).
        public var isReserved: Bool { definition.reserved }

        /// The atom named by a unit word (`min`, `minutes`, `hr`, `tickets`, `FTE`, `pt`, …), if any.
        ///
        /// Called for every name the parser sees, so it rejects on the first byte and the length before
        /// looking the word up.
        public init?(word: String) {
            let utf8 = word.utf8
            guard let first = utf8.first, utf8.count <= Self.longestWord, first < 128, Self.firstBytes[Int(first)],
                let atom = Self.byWord[word]
            else { return nil }
            self = atom
        }

        /// The atom named by a word that cannot name a cell (money and time words), if any.
        public init?(reservedWord word: String) {
            guard let atom = Atom(word: word), atom.isReserved else { return nil }
            self = atom
        }

        private static let byWord: [String: Atom] = {
            var table: [String: Atom] = [:]
            for atom in allCases {
                for word in atom.definition.words { table[word] = atom }
            }
            return table
        }()

        private static let longestWord = definitions.flatMap(\.words).map(\.utf8.count).max() ?? 0

        private static let firstBytes: [Bool] = {
            var table = [Bool](repeating: false, count: 128)
            for word in definitions.flatMap(\.words) {
                if let byte = word.utf8.first, byte < 128 { table[Int(byte)] = true }
            }
            return table
        }()

        /// The dimension index of each atom (nil when dimensionless), by `rawValue`.
        static let dimensionIndex: [Int?] = definitions.map { $0.dimension?.rawValue }

        /// The atoms of each dimension, by `Dimension.rawValue`.
        static let members: [[Int]] = Dimension.allCases.map { dimension in
            allCases.filter { $0.dimension == dimension }.map(\.rawValue)
        }
    }
}
