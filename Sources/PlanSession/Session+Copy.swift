/// A session started from another one's state.
extension Session {
    /// A new session on this one's model, scenario and settings, with its own output and no history.
    ///
    /// The fuzzer (`Tests/Fuzz`) loads the standard model once and starts every input from a copy, as
    /// `supportplan run FILE` starts from a freshly loaded one: loading it for each input would take
    /// most of the time. The model is a value, so nothing is shared between the copies.
    public func copy(output: SessionOutput) -> Session {
        let copy = Session(output: output, locator: locator)
        copy.model = model
        copy.scenario = scenario
        copy.interactive = interactive
        copy.seed = seed
        copy.samples = samples
        copy.width = width
        copy.startedEmpty = startedEmpty
        copy.savedScenarios = savedScenarios
        return copy
    }
}
