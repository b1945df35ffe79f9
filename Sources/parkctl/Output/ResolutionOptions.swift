import ArgumentParser

/// How an objection is resolved, as `review objection resolve` and `reward resolve` both take
/// it: `--uphold` (or `--upheld`) or `--dismiss` (or `--dismissed`), exactly one.
struct ResolutionOptions: ParsableArguments {
    @Flag(name: [.customLong("uphold"), .customLong("upheld")], help: "The objection holds.") var uphold = false
    @Flag(name: [.customLong("dismiss"), .customLong("dismissed")], help: "The objection fails.") var dismiss = false

    func validate() throws {
        guard uphold || dismiss else { throw ValidationError("Give --uphold or --dismiss.") }
        guard !(uphold && dismiss) else { throw ValidationError("Give one of --uphold and --dismiss, not both.") }
    }

    /// The wire word: `upheld` or `dismissed`.
    var resolution: String { uphold ? "upheld" : "dismissed" }
}
