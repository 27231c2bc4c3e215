public import PlanCharts

/// A one-page report a support leader can hand to a board, as data: the headline outputs with units, the
/// per-tier table with CSAT per tier beside the blend, the alerts in words, the tornado of net value, the
/// scenario comparison when scenarios were saved, and every input with its `##` source.
///
/// `Session.boardReport()` builds it from the model; `html()` and `markdown()` render it. Every text in it
/// is plain (no markup): the renderers escape it.
public struct BoardReport: Sendable {
    /// One headline figure: what it is in words, its value with its unit, and the cell it comes from.
    public struct Figure: Sendable, Equatable {
        /// What the figure is (`Net value per year`).
        public var label: String
        /// Its value as shown, with the unit (`$31.14M/year`, `66.9% as billed, 66.9% true`).
        public var value: String
        /// How it is defined, in words (`savings minus retention risk`), or nil.
        public var note: String?
        /// The cells it comes from (`net_value`).
        public var cells: [String]
        /// True when the figure is bad news (a negative net value).
        public var warning: Bool = false
    }

    /// A table: a header and rows of text, some rows standing out (a blend, a section heading).
    public struct Table: Sendable, Equatable {
        /// One row of a table.
        public struct Row: Sendable, Equatable {
            /// How the row stands out.
            public enum Kind: Sendable, Equatable {
                /// An ordinary row.
                case plain
                /// A total or blend (bold, ruled above).
                case summary
                /// A heading across the table (its first cell).
                case section
            }

            /// The cells, one per column.
            public var cells: [String]
            /// How it stands out.
            public var kind: Kind = .plain
            /// The columns whose cells are flagged (a drop that matters), by index.
            public var flagged: [Int] = []

            /// Creates a row.
            public init(cells: [String], kind: Kind = .plain, flagged: [Int] = []) {
                self.cells = cells
                self.kind = kind
                self.flagged = flagged
            }
        }

        /// The column headings.
        public var columns: [String]
        /// The cells each column comes from (shown small under the heading), or "" for none.
        public var columnCells: [String]
        /// The rows.
        public var rows: [Row]
        /// What the flags mean (`▼ a drop of 5 points or more`), when any cell is flagged.
        public var flagNote: String?
    }

    /// One input with its value and the `##` lines that document where it comes from.
    public struct Input: Sendable, Equatable {
        /// The cell.
        public var name: String
        /// Its value as shown (`$62k/year`, `{routine: 6 min, …}`).
        public var value: String
        /// For a record, its fields as shown (`routine: 6 min`), one per tier; empty otherwise.
        public var fields: [String]
        /// For a range or distribution, what it is (`lognormal, 90% between 4% and 9%`).
        public var distribution: String?
        /// Its documentation lines (the source), empty when it has none.
        public var source: [String]
    }

    /// The plan month by month: the timeline's figures (payback month, net present value, headcount), a
    /// table per calendar year, and line charts by month.
    public struct TimelinePart: Sendable, Equatable {
        /// The axis in words (`2024-01 to 2026-12, 36 months`).
        public var span: String
        /// The timeline's headline figures.
        public var figures: [Figure]
        /// One row per calendar year the timeline covers: the flows summed over the year's months, the
        /// stocks at the year's last month.
        public var years: Table?
        /// Line charts by month (cumulative net, headcount, the monthly flows, watched series).
        public var charts: [Chart]
    }

    /// The report's title (`Support plan: klarna-2024`).
    public var title: String
    /// The scenario's one-line description, when it is a preset.
    public var summary: String?
    /// When and how it was made (`Prepared with supportplan on 2025-06-01 from scenario klarna-2024.`).
    public var prepared: String
    /// The headline figures.
    public var headline: [Figure]
    /// With a timeline, which month the headline shows (`the run rate in 2026-12, the timeline's last month`).
    public var headlineMonth: String?
    /// The per-tier table with the blend as its last row, when the model has tiers.
    public var tiers: Table?
    /// With a timeline, which month the tier table shows (`2024-02, the month of the deepest tier drop`).
    public var tiersMonth: String?
    /// The alerts that are on, as sentences.
    public var alerts: [String]
    /// The alert rules that are off (so a reader sees what was checked).
    public var alertsOff: [String]
    /// The plan month by month, when the model has a timeline (SPEC §9).
    public var timeline: TimelinePart?
    /// The tornado of net value (or the first watched output), when it can be computed.
    public var tornado: Chart?
    /// Why there is no tornado, when there is none.
    public var tornadoMissing: String?
    /// The scenarios side by side, when scenarios were saved.
    public var comparison: Table?
    /// Per scenario compared, the alerts that are on.
    public var comparisonAlerts: [String]
    /// Every input with its source, in the model's order.
    public var inputs: [Input]
    /// Notes at the end: how to read `~`, the Monte Carlo settings.
    public var notes: [String]
}
