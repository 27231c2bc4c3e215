import PlanCore

/// How the views read a per-tier series (a series of records, `ai_coverage.routine = ramp(…)`): field by field.
extension Value {
    /// A series of records as a record of series, one per field, a field that is the same in every month as
    /// that one value (`{routine: 0% → 90% ▁▃▆█, standard: 70%}`); any other value as it is.
    ///
    /// Change reports, `:compare` and `:table` already read a record field by field; this lets them read a
    /// per-tier ramp the same way instead of as one line of whole records.
    var fieldwise: Value {
        guard case .series(let series) = self, case .record(let first)? = series.values.first else { return self }
        var fields: [Value] = []
        for key in first.keys {
            guard let field = series.field(key), let value = field.values.first else { return self }
            fields.append(field.values.allSatisfy { $0.isIdentical(to: value) } ? value : .series(field))
        }
        return .record(Record(keys: first.keys, values: fields))
    }
}
