/// A report row of an import file whose every cell reads and is believable on its own. The
/// store decides it over the version in force, as `report add` is decided
/// (`SubmittedFigures.decide(over:)`): a first report or a correction.
public struct ImportedReport: Equatable, Sendable {
    public var line: Int
    public var tenant: TenantReference
    public var month: Month
    /// The figures the row gives: a figure column left out of the header, or a cell left
    /// empty, gives none.
    public var figures: SubmittedFigures
}
