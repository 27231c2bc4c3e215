public import PlanCore

/// The model's monthly axis (SPEC §9): `timeline FROM to TO` and `timeline off`.
extension Model {
    /// Sets, changes or removes (nil) the timeline, atomically: everything that uses it recalculates, and a
    /// change that would leave a cell unable to evaluate (a `ramp` without a timeline) is refused.
    ///
    /// The timeline is a node of its own whose value is the `month` series; the first `timeline` statement
    /// makes it, and it stays (with no value while off) so that cells resolved against it keep their slot.
    public mutating func setTimeline(_ timeline: Timeline?, span: SourceSpan, file: SourceFile) throws(Diagnostic)
        -> ChangeSet
    {
        let value = timeline.map(Self.months)
        guard let id = timelineId, let existing = nodes[id] else {
            guard let value else { return ChangeSet() }
            let node = Node(
                kind: .timeline, name: "timeline", expr: Expr(.number(0, .plain), span), code: .constant(.plain(0)),
                file: file)
            begin()
            setTimelineId(appendNode(node, value: value))
            commit()
            var changes = ChangeSet()
            changes.recomputed = 1
            return changes
        }
        let old = nodes.value(at: id)
        if old == value { return ChangeSet() }
        begin()
        var node = existing
        node.span = span
        node.file = file
        setNode(id, node)
        setValue(id, value)
        do {
            let changes = try recalculate(from: id, oldRootValue: old)
            commit()
            return changes
        } catch {
            rollback()
            throw error
        }
    }

    /// The `month` series of a timeline: each month's date.
    static func months(_ timeline: Timeline) -> Value {
        .series(
            Series(
                start: timeline.start, values: (0..<timeline.count).map { .number(Double(timeline.start + $0), .date) })
        )
    }

    /// The statement that sets the model's timeline, or nil without one (for `:save`).
    public var timelineStatement: String? {
        guard let timeline else { return nil }
        return "timeline \(Timeline.label(timeline.start)) to \(Timeline.label(timeline.end))"
    }
}
